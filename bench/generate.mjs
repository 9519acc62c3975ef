#!/usr/bin/env node
/**
 * Deterministic synthetic journal generator for the benchmark.
 *
 *   node bench/generate.mjs small|mid|large [--out FILE] [--seed N]
 *
 * Writes a journal in the JSONL interchange format of ../../shared/spec/jsonl.md: contact lines
 * sorted by name, then interactions sorted by `on`, then promises sorted by `madeOn`; every key in
 * the spec's order with its default written out. Same size + seed => same bytes, on any machine:
 * the only randomness is a seeded mulberry32 and the only "today" is TODAY below.
 *
 * The shape aims at what the reports have to chew through on a real lifetime of relationships:
 * a Zipf-like skew (a few people get most of the interactions), 5% group meetings, a channel mix,
 * gives and gets with notes, ~2% push-aways, ~5% unanswered outreach, warm/neutral/cool tones,
 * ~3% ended contacts, stage histories, needs/offers/interests drawn from a shared topic list (so
 * suggest's matching has work to do), promises by both sides (kept, open, overdue), long notes.
 */
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 2;
export const TODAY = '2026-11-20';
export const SIZES = {
  small: { contacts: 200, interactions: 5_000 },
  mid: { contacts: 2_000, interactions: 100_000 },
  large: { contacts: 10_000, interactions: 500_000 },
};
export const DEFAULT_SEED = 20261120;
const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(HERE, 'data');

// ---------------------------------------------------------------------------------------------
// Vocabulary: ../../shared/domain.md section 6.
const CIRCLES = ['client', 'prospect', 'partner', 'colleague', 'mentor', 'mentee', 'friend', 'family', 'other'];
const CHANNELS = ['in-person', 'call', 'video', 'email', 'message', 'social', 'event'];
const GIVE_KINDS = ['intro', 'referral', 'resource', 'review', 'advice', 'favor', 'gift', 'business', 'support', 'other'];
const PUSH_KINDS = ['snide', 'hostile', 'distancing', 'late', 'cancelled', 'cut-off'];

// ---------------------------------------------------------------------------------------------
// PRNG and sampling helpers.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  /** Integer in [lo, hi]. */
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  /** Weighted pick: `table` is [[value, weight], ...]. */
  weighted(table) {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) { if ((r -= w) < 0) return v; }
    return table[table.length - 1][0];
  }
  /** `n` distinct items of `arr` (n <= arr.length), in random order. */
  sample(arr, n) {
    const copy = arr.slice();
    const out = [];
    for (let i = 0; i < n && copy.length; i++) {
      const j = Math.floor(this.next() * copy.length);
      out.push(copy[j]);
      copy[j] = copy[copy.length - 1];
      copy.pop();
    }
    return out;
  }
  shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
}

// ---------------------------------------------------------------------------------------------
// Plain calendar days (days since 1970-01-01), formatted without time zones.
const MS_PER_DAY = 86_400_000;
export function parseDay(s) {
  const [y, m, d] = s.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}
const dayCache = new Map();
export function fmtDay(day) {
  let s = dayCache.get(day);
  if (s === undefined) {
    const t = new Date(day * MS_PER_DAY);
    s = `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
    dayCache.set(day, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Word lists.
const FIRST = `Ada Adrian Aiko Alan Alba Aleksander Alexis Alice Amara Amir Ana Anders Andrea Anika Ansel
Anya Arjun Astrid Aurora Ayesha Beatriz Ben Bianca Björn Bo Bruno Caio Camila Carmen Cecile Chen
Chiara Chloé Cyrus Dalia Dana Daniel Dario Dev Diego Dmitri Eamon Edith Elena Eli Elif Emeka Émile
Emma Enzo Eva Fatima Felix Femi Fiona Freya Gabriel Gia Greta Hana Hassan Hugo Ibrahim Ida Ines Ingrid
Iris Isaac Ivan Jada Jamal Jana Javier Jin Joanna Jonas José Julia Kai Kamala Karim Kasia Keiko Kenji
Lale Lars Leah Lena Leo Lina Lorenzo Luca Lucía Maja Malik Mara Marco Mariam Mateo Maya Mei Milan Mina
Miriam Nadia Naomi Nia Nico Nikhil Nina Noah Noor Oliver Olu Omar Oscar Pablo Paula Pedro Priya Quinn
Rafael Rania Ravi Rhea Rosa Ruth Sade Saanvi Sam Sana Sara Selin Shira Sofia Soren Sun Tariq Tess Theo
Tomás Uma Valentina Vera Victor Wen Xavier Yara Yusuf Zara Zoë Zoran`.split(/\s+/);
const LAST = `Abara Achterberg Adeyemi Aguilar Ahmadi Alvarez Andersen Arslan Asante Bakker Banerjee Barros
Becker Bergström Bianchi Bogdan Brennan Brooks Campbell Cardoso Castillo Chandra Chowdhury Ciobanu
Costa Cruz Dahl Delgado Demir Diallo Dimitrov Dubois Duarte Eriksen Esposito Farouk Fernandes Fischer
Fitzgerald Fontaine Fujita Gallo Garg Gashi Gomez Greco Gupta Haddad Hansen Hartmann Hayashi Herrera
Hoffmann Horvat Hussain Ibarra Ibsen Idowu Iyer Jansen Jensen Jiménez Johansson Kapoor Karlsson Kato
Kaur Keller Khan Kim Kowalski Krause Kuznetsov Lambert Larsen Laurent Lee Lindqvist Lopez Lund Madsen
Mahmoud Marino Martins Mehta Mensah Meyer Moreau Moretti Müller Murphy Nakamura Navarro Nguyen Nielsen
Novak Nowak Obi Okafor Oliveira Olsen Ortiz Ozturk Park Patel Pereira Petrov Popescu Quinn Rahman Rao
Reyes Ribeiro Rossi Russo Saito Santos Sato Schmidt Schneider Silva Singh Sokolov Sørensen Suzuki
Takahashi Tanaka Torres Tran Ueda Varga Vasquez Vega Virtanen Vogel Wagner Walsh Wang Weber Whitfield
Wójcik Yamamoto Yilmaz Yoon Young Zhang Zhou Zielinski`.split(/\s+/);
const NICK = { Aleksander: 'Olek', Alexis: 'Lex', Daniel: 'Dan', Gabriel: 'Gabe', Isaac: 'Ike', Javier: 'Javi',
  Joanna: 'Jo', Lorenzo: 'Enzo', Nikhil: 'Nik', Oliver: 'Ollie', Rafael: 'Rafa', Samuel: 'Sam',
  Valentina: 'Vale', Victor: 'Vic', Xavier: 'Xavi', Theo: 'Teddy', Elena: 'Lena', Miriam: 'Miri' };
const ORGS = `Northwind Contoso Fabrikam Initech Globex Umbrella Hooli Vandelay Acme Stark Wayne Tyrell
Cyberdyne Soylent Wonka Gringotts Oscorp Aperture Blue-Sun Massive-Dynamic Pied-Piper Dunder-Mifflin
Monarch Virtucon Gekko-&-Co Sterling-Cooper Bluth Prestige Nakatomi Weyland Yoyodyne Zorg Omni Axiom
Helix Lumen Quanta Borealis Meridian Halcyon Kestrel Lattice Nimbus Orchard Praxis Quarry Rivet Solace
Tessellate Umber Vireo Wayfarer Xylo Yonder Zephyr Foundry-Labs City-Hospital State-University
Riverside-School Harbor-Bank Green-Cooperative`.split(/\s+/).map((s) => s.replace(/-/g, ' '));
const ROLES = ['VP Operations', 'CTO', 'CEO', 'Founder', 'Product Manager', 'Engineering Manager', 'Designer',
  'Staff Engineer', 'Recruiter', 'Head of Sales', 'Account Executive', 'Investor', 'Partner', 'Professor',
  'PhD student', 'Nurse', 'Teacher', 'Lawyer', 'Accountant', 'Consultant', 'Data Scientist', 'CFO',
  'Marketing Lead', 'Editor', 'Journalist', 'Architect', 'Chef', 'Researcher', 'Operations Lead', 'COO'];
const TAGS = ['sf', 'nyc', 'london', 'berlin', 'lisbon', 'tokyo', 'remote', 'board', 'investor', 'alumni',
  'climbing', 'book-club', 'conference', 'ex-acme', 'neighbour', 'school-parent', 'running', 'open-source',
  'angel', 'press', 'hiring', 'podcast', 'chess', 'choir'];
/** Shared topics: needs, offers and interests all draw from these so that matches exist. */
const TOPICS = ['security hiring', 'supply chain', 'fundraising', 'pricing', 'go-to-market', 'machine learning',
  'design systems', 'kubernetes', 'data privacy', 'employment law', 'public speaking', 'grant writing',
  'board governance', 'mobile apps', 'sales hiring', 'logistics', 'tax planning', 'real estate',
  'mentoring juniors', 'product strategy', 'technical writing', 'customer research', 'open source licensing',
  'visa paperwork', 'retail partnerships', 'healthcare compliance', 'climate tech', 'developer relations',
  'payments', 'accessibility', 'team offsites', 'negotiation', 'SEO', 'video production', 'translation',
  'nonprofit boards', 'manufacturing', 'UX research', 'cloud costs', 'incident response'];
const INTERESTS = ['sailing', 'jazz', 'chess', 'climbing', 'cooking', 'running', 'photography', 'poetry',
  'gardening', 'cycling', 'film', 'opera', 'birding', 'woodworking', 'football', 'tennis', 'pottery',
  'board games', 'hiking', 'wine', 'coffee', 'history', 'sci-fi', 'yoga', 'surfing', 'astronomy'];
const HOW_MET = ['conference panel', 'a friend of a friend', 'university', 'old job', 'meetup', 'LinkedIn',
  'neighbour', 'kids\' school', 'gym', 'cold email', 'intro from a colleague', 'podcast guest', 'hackathon',
  'wedding', 'board meeting', 'flight delay'];
const ACTIVITIES = ['lunch', 'coffee', 'quick call', 'walk', 'dinner', 'drinks', 'catch-up', 'workshop',
  'site visit', 'zoom', 'email thread', 'texts', 'pairing session', 'demo', 'breakfast', 'hike'];
const ABOUT = ['Q3 plans', 'their new role', 'the kids', 'the move', 'hiring', 'the launch', 'a tricky client',
  'the fundraise', 'burnout', 'a book they loved', 'their holiday', 'the reorg', 'a side project', 'pricing',
  'the conference', 'health stuff', 'their parents', 'the merger', 'career options', 'the contract'];
const GIVE_NOTES = {
  intro: ['to Hugo for the security role', 'to a designer I trust', 'to an investor', 'to the hiring manager'],
  referral: ['sent a client their way', 'recommended them for a talk', 'referred a candidate'],
  resource: ['the pricing spreadsheet', 'a book on negotiation', 'the RFP template', 'a podcast episode'],
  review: ['read their deck', 'reviewed the contract draft', 'CV feedback', 'went through their essay'],
  advice: ['on the offer', 'on managing up', 'on the visa', 'on pricing', 'on the reorg'],
  favor: ['picked up the kids', 'lent the van', 'covered their shift', 'watered the plants'],
  gift: ['a bottle of wine', 'birthday book', 'flowers', 'conference ticket'],
  business: ['signed the pilot', 'renewed the contract', 'paid invoice early', 'bought the license'],
  support: ['listened', 'showed up at the funeral', 'hospital visit', 'helped with the move'],
  other: ['misc', 'something small', 'hard to describe'],
};
const PUSH_NOTES = {
  snide: ['joked about my work in front of others', 'a sarcastic remark about the project'],
  hostile: ['shouted in the meeting', 'aggressive email'],
  distancing: ['said they are too busy for now', 'kept it strictly business'],
  late: ['twenty minutes', 'an hour late, no message', 'late again'],
  cancelled: ['cancelled the day before', 'cancelled last minute', 'no-show'],
  'cut-off': ['ended the call abruptly', 'walked out'],
};
const STAGE_NOTES = [
  [],
  ['first coffee went well', 'liked them right away', 'good first call'],
  ['asked me to review their RFP', 'sought my advice', 'took my recommendation'],
  ['talked about family', 'opened up about burnout', 'met outside work'],
  ['introduced me to their friends', 'came to our dinner', 'joint project'],
  ['ten years in', 'would call them at 3am', 'godparent'],
];
const PROMISES = ['send the deck', 'intro to a recruiter', 'share the pricing model', 'review their draft',
  'send the book', 'check in after the launch', 'get the contract back', 'send photos', 'call next week',
  'look at the spreadsheet', 'share the reading list', 'return the van', 'send references', 'book the table'];
const END_NOTES = ['kept crossing lines; wished them well', 'parted on good terms after the merger',
  'moved on after repeated no-shows', 'they asked for distance', 'conflict of interest with a client'];
const LOREM = ('the quarterly numbers came in lower than we hoped and the board asked for a revised plan '
  + 'before the offsite so I forwarded the thread with the spreadsheet attached and asked whether the '
  + 'supply chain people could join the call on thursday since the vendor keeps slipping the dates and '
  + 'nobody wants to be the one to escalate again').split(' ');

// ---------------------------------------------------------------------------------------------
function seedFor(size, seed) {
  const idx = Object.keys(SIZES).indexOf(size);
  return (seed ^ Math.imul(idx + 1, 0x9e3779b1)) >>> 0;
}

function slug(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ø/g, 'o').toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

function longNote(rng, bytes) {
  const parts = [];
  let len = 0;
  let n = 0;
  while (len < bytes) {
    n++;
    const header = `\n\n-- message ${n}, from ${rng.pick(FIRST)} --\n`;
    const words = [];
    const count = rng.int(40, 120);
    for (let i = 0; i < count; i++) words.push(rng.pick(LOREM));
    const para = header + words.join(' ') + '.';
    parts.push(para);
    len += para.length;
  }
  return 'pasted email thread' + parts.join('');
}

/** Cumulative weights for sampling by binary search. */
function cumulative(weights) {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) { s += weights[i]; cum[i] = s; }
  return cum;
}
function sampleCum(rng, cum) {
  const r = rng.next() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > r) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/**
 * Builds the journal. Returns { lines: iterator of strings, meta }.
 * Everything is generated in memory (the large journal is ~120 MB of text), then written.
 */
export function buildJournal(size, { seed = DEFAULT_SEED } = {}) {
  const dims = SIZES[size];
  if (!dims) throw new Error(`unknown size ${size}; one of ${Object.keys(SIZES).join(', ')}`);
  const rng = new Rng(seedFor(size, seed));
  const today = parseDay(TODAY);
  const first = today - 5 * 365 - 1; // about five years of history

  // ---- contacts ------------------------------------------------------------------------------
  const nContacts = dims.contacts;
  const names = new Set();
  const keys = new Set();
  const contacts = [];
  while (contacts.length < nContacts) {
    let name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    if (keys.has(name.normalize('NFC').toLowerCase())) {
      // a second person with the same name: tell them apart the way people do
      name = `${name.split(' ')[0]} ${String.fromCharCode(65 + rng.int(0, 25))}. ${name.split(' ')[1]}`;
      if (keys.has(name.normalize('NFC').toLowerCase())) continue;
    }
    names.add(name);
    keys.add(name.normalize('NFC').toLowerCase());
    contacts.push({ name, idx: contacts.length });
  }
  // Popularity rank: a random permutation so the busiest contact is not the first name.
  const order = rng.shuffle(contacts.map((_, i) => i));
  const rankOf = new Int32Array(nContacts);
  order.forEach((ci, r) => { rankOf[ci] = r; });
  // Zipf-Mandelbrot weights, 1/(rank+2)^1: the top 1% gets about half of the interactions.
  const weights = new Float64Array(nContacts);
  for (let i = 0; i < nContacts; i++) {
    const c = contacts[i];
    const r = rankOf[i];
    c.rank = r;
    c.dormant = r > 20 && rng.chance(0.02); // met once, never logged anything
    weights[i] = c.dormant ? 0 : 1 / (r + 3);
  }
  const cum = cumulative(weights);

  for (const c of contacts) {
    const top = c.rank < nContacts * 0.01;
    const upper = c.rank < nContacts * 0.1;
    // relationship window [start, end]
    c.start = top ? rng.int(first, first + 700) : rng.int(first, today - 20);
    c.ended = c.rank > 10 && rng.chance(0.03);
    c.fadingEnd = !c.ended && !top && c.start < today - 400 && rng.chance(0.12);
    c.frontLoaded = !c.ended && !c.fadingEnd && !top && rng.chance(0.08); // frequency dwindling
    if (c.ended) {
      c.end = rng.int(Math.min(c.start + 30, today - 10), today - 10);
      c.endedOn = c.end;
    } else if (c.fadingEnd) {
      c.end = rng.int(c.start + Math.floor((today - c.start) * 0.3), today - 150);
    } else {
      c.end = today;
    }
    if (c.end < c.start) c.end = c.start;
    // behaviour
    c.meShare = rng.weighted([[0.5, 75], [0.88, 12], [0.2, 8], [0.97, 5]]);
    const giving = rng.weighted([['even', 82], ['giver', 10], ['taker', 8]]);
    c.giveRate = giving === 'giver' ? 0.3 : giving === 'taker' ? 0.01 : 0.1;
    c.getRate = giving === 'taker' ? 0.3 : giving === 'giver' ? 0.01 : 0.09;
    c.pushRate = rng.chance(0.04) ? 0.12 : 0.015;
    c.noReplyRate = rng.chance(0.05) ? 0.25 : 0.042;
    c.circle = rng.weighted([['client', 12], ['prospect', 10], ['partner', 6], ['colleague', 25], ['mentor', 3],
      ['mentee', 4], ['friend', 20], ['family', 5], ['other', 15]]);
    const close = ['friend', 'family', 'mentor', 'mentee'].includes(c.circle);
    c.noFace = close && rng.chance(0.15); // close relationship kept only on screens
    c.warmth = rng.weighted([[[40, 55, 5], 60], [[15, 70, 15], 30], [[5, 55, 40], 10]]);
    c.stage = top ? rng.int(3, 5) : upper ? rng.int(1, 4) : rng.weighted([[0, 45], [1, 30], [2, 18], [3, 7]]);
  }

  // ---- interactions --------------------------------------------------------------------------
  const nDays = today - first + 1;
  const iBuckets = Array.from({ length: nDays }, () => []);
  const pBuckets = Array.from({ length: nDays }, () => []);
  const touches = new Int32Array(nContacts);
  const firstTouch = new Int32Array(nContacts).fill(2 ** 30);
  let groupCount = 0;
  let pushCount = 0;
  let noReplyCount = 0;
  let promiseCount = 0;
  let longNotes = 0;
  let maxNote = 0;

  const channelSolo = [['in-person', 22], ['call', 16], ['video', 14], ['email', 22], ['message', 20], ['social', 4], ['event', 2]];
  const channelScreen = [['call', 25], ['video', 25], ['email', 20], ['message', 25], ['social', 5]];
  const channelGroup = [['in-person', 45], ['video', 30], ['event', 20], ['call', 5]];
  const channelOutreach = [['email', 50], ['message', 35], ['call', 15]];

  const giveItem = (rngKind) => {
    const kind = rngKind;
    return { kind, note: rng.chance(0.35) ? '' : rng.pick(GIVE_NOTES[kind]) };
  };

  for (let k = 0; k < dims.interactions; k++) {
    const ci = sampleCum(rng, cum);
    const c = contacts[ci];
    const span = c.end - c.start;
    const u = rng.next();
    const day = c.start + Math.floor((c.frontLoaded ? u * u : u) * (span + 1));
    const group = rng.chance(0.05);
    const members = [ci];
    if (group) {
      const want = rng.int(1, 3);
      for (let tries = 0; members.length < want + 1 && tries < 30; tries++) {
        const o = sampleCum(rng, cum);
        const oc = contacts[o];
        if (members.includes(o) || day < oc.start || day > oc.end) continue;
        members.push(o);
      }
    }
    const isGroup = members.length > 1;
    if (isGroup) groupCount++;
    const noReply = !isGroup && rng.chance(c.noReplyRate);
    let channel;
    let by;
    let tone;
    let pushAway = null;
    let gave = [];
    let got = [];
    let outsideWork = false;
    let note;
    if (noReply) {
      noReplyCount++;
      channel = rng.weighted(channelOutreach);
      by = 'me';
      tone = 'neutral';
      note = rng.chance(0.5) ? '' : rng.pick(['followed up', 'sent the article', 'checked in', 'happy birthday', 'asked about the job']);
    } else {
      channel = isGroup ? rng.weighted(channelGroup) : c.noFace ? rng.weighted(channelScreen) : rng.weighted(channelSolo);
      const r = rng.next();
      by = r < c.meShare * 0.85 ? 'me' : r < 0.85 ? 'them' : 'mutual';
      const [w, n] = c.warmth;
      const t = rng.next() * 100;
      tone = t < w ? 'warm' : t < w + n ? 'neutral' : 'cool';
      outsideWork = rng.chance(c.circle === 'friend' || c.circle === 'family' ? 0.6 : 0.08);
      if (rng.chance(c.giveRate)) {
        gave.push(giveItem(rng.pick(GIVE_KINDS)));
        if (rng.chance(0.15)) gave.push(giveItem(rng.pick(GIVE_KINDS)));
      }
      if (rng.chance(c.getRate)) {
        got.push(giveItem(rng.pick(GIVE_KINDS)));
        if (rng.chance(0.15)) got.push(giveItem(rng.pick(GIVE_KINDS)));
      }
      if (rng.chance(c.pushRate)) {
        pushCount++;
        const kind = rng.pick(PUSH_KINDS);
        pushAway = { kind, note: rng.chance(0.3) ? '' : rng.pick(PUSH_NOTES[kind]) };
        if (tone === 'warm') tone = 'cool';
      }
      const nr = rng.next();
      if (nr < 0.0012) {
        longNotes++;
        note = longNote(rng, rng.chance(0.02) ? rng.int(100_000, 300_000) : rng.int(2_000, 20_000));
      } else if (nr < 0.25) {
        note = '';
      } else {
        note = `${rng.pick(ACTIVITIES)}, talked about ${rng.pick(ABOUT)}`;
        if (rng.chance(0.2)) note += `; ${rng.pick(ABOUT)} too`;
      }
    }
    if (note.length > maxNote) maxNote = note.length;
    const rec = {
      type: 'interaction', on: fmtDay(day), contacts: members.map((m) => contacts[m].name), channel, by,
      outsideWork, gave, got, tone, pushAway, noReply, note,
    };
    iBuckets[day - first].push(JSON.stringify(rec));
    for (const m of members) {
      touches[m]++;
      if (day < firstTouch[m]) firstTouch[m] = day;
    }

    // promises come out of conversations
    if (!noReply && rng.chance(0.015)) {
      promiseCount++;
      const mine = rng.chance(0.6);
      const due = rng.chance(0.7) ? day + rng.int(2, 30) : null;
      let doneOn = null;
      // most promises get kept; the ones still open are mostly recent, a few old ones forgotten
      if (rng.chance(mine ? 0.65 : 0.55) || (day < today - 180 && rng.chance(0.85))) {
        const d = day + rng.int(0, 45);
        if (d <= today) doneOn = d;
      }
      const p = {
        type: 'promise', contact: c.name, by: mine ? 'me' : 'them', text: rng.pick(PROMISES), madeOn: fmtDay(day),
        due: due === null ? null : fmtDay(due), doneOn: doneOn === null ? null : fmtDay(doneOn),
      };
      pBuckets[day - first].push(JSON.stringify(p));
    }
  }

  // ---- contact lines -------------------------------------------------------------------------
  const contactLines = [];
  let endedCount = 0;
  for (const c of contacts) {
    const [fn, ...rest] = c.name.split(' ');
    const ln = rest[rest.length - 1];
    const aliases = [];
    if (rng.chance(0.25)) aliases.push(NICK[fn] && rng.chance(0.6) ? NICK[fn] : fn);
    if (rng.chance(0.03)) aliases.push(`${fn[0]}${ln[0]}`);
    const org = rng.chance(0.72) ? rng.pick(ORGS) : null;
    const role = rng.chance(0.6) ? rng.pick(ROLES) : null;
    const emails = [];
    if (rng.chance(0.65)) emails.push(`${slug(fn)}.${slug(ln)}@${org ? slug(org).replace(/\./g, '') + '.example' : 'example.com'}`);
    if (rng.chance(0.08)) emails.push(`${slug(fn)}${rng.int(1, 99)}@mail.example`);
    const topicPick = (n) => rng.sample(TOPICS, n);
    const needs = topicPick(rng.weighted([[0, 35], [1, 35], [2, 20], [3, 10]]))
      .map((t) => rng.pick([t, `help with ${t}`, `find a ${t} expert`, `advice on ${t}`]));
    const offers = topicPick(rng.weighted([[0, 35], [1, 35], [2, 20], [3, 10]]))
      .map((t) => rng.pick([t, `${t} know-how`, `knows ${t}`, `${t} network`]));
    const interests = rng.sample(INTERESTS, rng.weighted([[0, 40], [1, 30], [2, 20], [3, 10]]));
    const tags = rng.sample(TAGS, rng.weighted([[0, 45], [1, 35], [2, 15], [3, 5]]));
    // own date: a met-on date no later than the first interaction (or none: the first interaction)
    const firstDay = touches[c.idx] > 0 ? firstTouch[c.idx] : c.start;
    const metOn = rng.chance(0.8) || touches[c.idx] === 0 ? Math.max(first, firstDay - rng.int(0, 60)) : null;
    const own = metOn ?? firstDay;
    // stage history climbs to the current stage, dated inside the relationship
    const stageHistory = [];
    if (c.stage > 0) {
      const steps = [];
      for (let s = 1; s <= c.stage; s++) if (s === c.stage || rng.chance(0.7)) steps.push(s);
      const last = c.ended ? c.endedOn : today;
      let d = own;
      for (const s of steps) {
        const room = Math.max(0, last - d);
        d = d + Math.floor(rng.next() * Math.min(room, 400));
        stageHistory.push({ stage: s, on: fmtDay(d), note: rng.chance(0.3) ? '' : rng.pick(STAGE_NOTES[s]) });
      }
    }
    if (c.ended) endedCount++;
    const rec = {
      type: 'contact', name: c.name, aliases, org, role, circle: c.circle,
      cadenceDays: rng.chance(0.2) ? rng.pick([7, 14, 30, 60, 90, 180, 365]) : null,
      stage: c.stage, emails, tags, needs, offers, interests,
      metOn: metOn === null ? null : fmtDay(metOn),
      howMet: rng.chance(0.5) ? rng.pick(HOW_MET) : null,
      notes: rng.chance(0.15) ? `${rng.pick(['kids', 'partner', 'dog'])}: ${rng.pick(FIRST)}; ${rng.pick(['vegetarian', 'hates phone calls', 'early riser', 'allergic to nuts', 'loves puns'])}` : '',
      status: c.ended ? 'ended' : 'active',
      endedOn: c.ended ? fmtDay(c.endedOn) : null,
      endNote: c.ended ? rng.pick(END_NOTES) : null,
      stageHistory,
    };
    contactLines.push([c.name, JSON.stringify(rec)]);
  }
  contactLines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  // ---- meta ----------------------------------------------------------------------------------
  let busiest = 0;
  for (let i = 1; i < nContacts; i++) if (touches[i] > touches[busiest]) busiest = i;
  // a contact for `rel log`: active, mid-popularity, named in full
  const logTarget = contacts.find((c) => !c.ended && !c.dormant && c.rank >= 50 && c.rank < nContacts / 2) ?? contacts[0];
  const meta = {
    generatorVersion: GENERATOR_VERSION, size, seed, today: TODAY,
    contacts: nContacts, interactions: dims.interactions, promises: promiseCount,
    groupMeetings: groupCount, pushAways: pushCount, noReplies: noReplyCount, ended: endedCount,
    longNotes, longestNote: maxNote,
    busiest: contacts[busiest].name, busiestInteractions: touches[busiest], logTarget: logTarget.name,
  };

  function* lines() {
    for (const [, l] of contactLines) yield l;
    for (const b of iBuckets) for (const l of b) yield l;
    for (const b of pBuckets) for (const l of b) yield l;
  }
  return { lines, meta };
}

/** Writes the journal to `out` (atomically) and its meta next to it; returns the meta. */
export function writeJournal(size, { seed = DEFAULT_SEED, out } = {}) {
  const t0 = process.hrtime.bigint();
  const { lines, meta } = buildJournal(size, { seed });
  const file = resolve(out ?? join(DATA_DIR, `${size}.jsonl`));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  let buf = [];
  let len = 0;
  for (const l of lines()) {
    buf.push(l);
    len += l.length;
    if (len > 1 << 20) { writeSync(fd, buf.join('\n') + '\n'); buf = []; len = 0; }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
  renameSync(tmp, file);
  meta.file = file;
  meta.bytes = statSync(file).size;
  meta.generateMs = Number(process.hrtime.bigint() - t0) / 1e6;
  writeFileSync(`${file.replace(/\.jsonl$/, '')}.meta.json`, JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

/** The cached journal for `size` under bench/data, generated if missing or stale. */
export function ensureJournal(size, { seed = DEFAULT_SEED } = {}) {
  const file = join(DATA_DIR, `${size}.jsonl`);
  const metaFile = join(DATA_DIR, `${size}.meta.json`);
  if (existsSync(file) && existsSync(metaFile)) {
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
      if (meta.generatorVersion === GENERATOR_VERSION && meta.seed === seed && meta.bytes === statSync(file).size) return meta;
    } catch { /* regenerate */ }
  }
  return writeJournal(size, { seed, out: file });
}

// ---------------------------------------------------------------------------------------------
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let size;
  let out;
  let seed = DEFAULT_SEED;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--out') out = args[++i];
    else if (a === '--seed') seed = Number(args[++i]);
    else if (a === '--help' || a === '-h') size = undefined, i = args.length;
    else if (!size) size = a;
    else { console.error(`unexpected argument: ${a}`); process.exit(2); }
  }
  if (!size || !SIZES[size] || !Number.isInteger(seed) || seed < 0) {
    console.error('usage: node bench/generate.mjs small|mid|large [--out FILE] [--seed N]');
    process.exit(2);
  }
  const meta = writeJournal(size, { seed, out });
  console.log(JSON.stringify(meta, null, 2));
}
