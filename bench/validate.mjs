#!/usr/bin/env node
/**
 * Checks a JSONL journal against ../../shared/spec/jsonl.md independently of rel's own importer:
 *
 *   node bench/validate.mjs FILE [--size small|mid|large]
 *
 * every line parses; keys are exactly the spec's, in the spec's order, defaults written out;
 * vocabulary words from domain.md section 6; real YYYY-MM-DD dates; a contact line before any line
 * naming it; unique names (NFC + case fold); the sections in order (contacts by name, interactions
 * by `on`, promises by `madeOn`); with --size, the counts match. Prints the shape statistics.
 */
import { readFileSync } from 'node:fs';
import { SIZES } from './generate.mjs';

const VOCAB = {
  circle: ['client', 'prospect', 'partner', 'colleague', 'mentor', 'mentee', 'friend', 'family', 'other'],
  channel: ['in-person', 'call', 'video', 'email', 'message', 'social', 'event'],
  by: ['me', 'them', 'mutual'],
  kind: ['intro', 'referral', 'resource', 'review', 'advice', 'favor', 'gift', 'business', 'support', 'other'],
  tone: ['warm', 'neutral', 'cool'],
  push: ['snide', 'hostile', 'distancing', 'late', 'cancelled', 'cut-off'],
};
const KEYS = {
  contact: ['type', 'name', 'aliases', 'org', 'role', 'circle', 'cadenceDays', 'stage', 'emails', 'tags', 'needs',
    'offers', 'interests', 'metOn', 'howMet', 'notes', 'status', 'endedOn', 'endNote', 'stageHistory'],
  interaction: ['type', 'on', 'contacts', 'channel', 'by', 'outsideWork', 'gave', 'got', 'tone', 'pushAway', 'noReply', 'note'],
  promise: ['type', 'contact', 'by', 'text', 'madeOn', 'due', 'doneOn'],
};

function isDate(s) {
  const m = typeof s === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
const isStr = (v) => typeof v === 'string';
const isStrOrNull = (v) => v === null || typeof v === 'string';
const isDateOrNull = (v) => v === null || isDate(v);
const isStrList = (v) => Array.isArray(v) && v.every(isStr);
const sameKeys = (o, keys) => {
  const k = Object.keys(o);
  return k.length === keys.length && k.every((x, i) => x === keys[i]);
};
const fold = (s) => s.normalize('NFC').toLowerCase();

export function validate(file, { size } = {}) {
  const text = readFileSync(file, 'utf8');
  const errors = [];
  const err = (n, msg) => { if (errors.length < 20) errors.push(`line ${n}: ${msg}`); };
  if (!text.endsWith('\n')) err(0, 'file does not end with \\n');
  const lines = text.split('\n');
  lines.pop();
  const names = new Set();
  const keys = new Set();
  const counts = { contact: 0, interaction: 0, promise: 0 };
  const per = new Map();
  const info = new Map();
  const stats = { group: 0, push: 0, noReply: 0, ended: 0, gave: 0, got: 0, warm: 0, cool: 0, longNotes: 0,
    promisesDone: 0, promisesOpenOverdue: 0, stageHistory: 0, needs: 0, offers: 0, channels: {} };
  let section = 0;
  let prevName = null;
  let prevDay = '';
  const today = '2026-11-20';
  lines.forEach((line, i) => {
    const n = i + 1;
    let o;
    try { o = JSON.parse(line); } catch (e) { err(n, `not JSON: ${e.message}`); return; }
    const type = o?.type;
    if (!KEYS[type]) { err(n, `bad type ${type}`); return; }
    if (!sameKeys(o, KEYS[type])) err(n, `keys ${Object.keys(o).join(',')} != spec order`);
    counts[type]++;
    const sec = { contact: 0, interaction: 1, promise: 2 }[type];
    if (sec < section) err(n, `${type} after a later section`);
    if (sec > section) { section = sec; prevDay = ''; }
    const need = (name) => { if (!names.has(name)) err(n, `names unknown contact ${JSON.stringify(name)}`); };
    if (type === 'contact') {
      if (!isStr(o.name) || !o.name) err(n, 'name');
      if (keys.has(fold(o.name))) err(n, `duplicate name ${o.name}`);
      if (prevName !== null && !(prevName < o.name)) err(n, `contacts not sorted by name: ${prevName} / ${o.name}`);
      prevName = o.name;
      names.add(o.name); keys.add(fold(o.name));
      info.set(o.name, { metOn: o.metOn, endedOn: o.endedOn });
      if (o.metOn && o.metOn > today) err(n, 'metOn after today');
      for (const k of ['aliases', 'emails', 'tags', 'needs', 'offers', 'interests']) if (!isStrList(o[k])) err(n, k);
      for (const k of ['org', 'role', 'howMet']) if (!isStrOrNull(o[k])) err(n, k);
      if (!VOCAB.circle.includes(o.circle)) err(n, `circle ${o.circle}`);
      if (!(o.cadenceDays === null || (Number.isInteger(o.cadenceDays) && o.cadenceDays >= 1))) err(n, 'cadenceDays');
      if (![0, 1, 2, 3, 4, 5].includes(o.stage)) err(n, 'stage');
      if (!isDateOrNull(o.metOn) || !isStr(o.notes)) err(n, 'metOn/notes');
      if (o.status === 'ended') {
        stats.ended++;
        if (!isDate(o.endedOn) || !isStr(o.endNote)) err(n, 'ended without endedOn/endNote');
      } else if (o.status !== 'active' || o.endedOn !== null || o.endNote !== null) err(n, 'status');
      if (!Array.isArray(o.stageHistory)) err(n, 'stageHistory');
      let prev = '';
      for (const s of o.stageHistory ?? []) {
        stats.stageHistory++;
        if (!sameKeys(s, ['stage', 'on', 'note']) || ![0, 1, 2, 3, 4, 5].includes(s.stage) || !isDate(s.on) || !isStr(s.note)) err(n, 'stageHistory item');
        if (s.on < prev) err(n, 'stageHistory not ascending');
        if (s.on > today || (o.metOn && s.on < o.metOn)) err(n, 'stageHistory date outside the relationship');
        prev = s.on;
      }
      if (o.stageHistory?.length && o.stageHistory.at(-1).stage !== o.stage) err(n, 'stage != last stageHistory stage');
      stats.needs += o.needs.length; stats.offers += o.offers.length;
    } else if (type === 'interaction') {
      if (!isDate(o.on)) err(n, `on ${o.on}`);
      if (o.on < prevDay) err(n, 'interactions not sorted by on');
      if (o.on > today) err(n, 'interaction after today');
      prevDay = o.on;
      if (!isStrList(o.contacts) || o.contacts.length < 1) err(n, 'contacts');
      if (new Set(o.contacts).size !== o.contacts.length) err(n, 'a contact twice');
      o.contacts.forEach(need);
      for (const c of o.contacts) {
        const ci = info.get(c);
        if (ci?.metOn && o.on < ci.metOn) err(n, `interaction before ${c} was met`);
        if (ci?.endedOn && o.on > ci.endedOn) err(n, `interaction after ${c} was ended`);
      }
      for (const c of o.contacts) per.set(c, (per.get(c) ?? 0) + 1);
      if (o.contacts.length > 1) stats.group++;
      if (!VOCAB.channel.includes(o.channel)) err(n, `channel ${o.channel}`);
      stats.channels[o.channel] = (stats.channels[o.channel] ?? 0) + 1;
      if (!VOCAB.by.includes(o.by)) err(n, `by ${o.by}`);
      if (typeof o.outsideWork !== 'boolean' || typeof o.noReply !== 'boolean') err(n, 'booleans');
      for (const dir of ['gave', 'got']) {
        if (!Array.isArray(o[dir])) { err(n, dir); continue; }
        for (const g of o[dir]) if (!sameKeys(g, ['kind', 'note']) || !VOCAB.kind.includes(g.kind) || !isStr(g.note)) err(n, `${dir} item`);
        stats[dir] += o[dir].length;
      }
      if (!VOCAB.tone.includes(o.tone)) err(n, `tone ${o.tone}`);
      if (o.tone === 'warm') stats.warm++;
      if (o.tone === 'cool') stats.cool++;
      if (o.pushAway !== null) {
        stats.push++;
        if (!sameKeys(o.pushAway, ['kind', 'note']) || !VOCAB.push.includes(o.pushAway.kind) || !isStr(o.pushAway.note)) err(n, 'pushAway');
      }
      if (o.noReply) stats.noReply++;
      if (!isStr(o.note)) err(n, 'note');
      if (o.note.length > 1000) stats.longNotes++;
      if (Buffer.byteLength(o.note) > 1 << 20) err(n, 'note over 1 MB');
    } else {
      need(o.contact);
      if (!['me', 'them'].includes(o.by) || !isStr(o.text) || !o.text) err(n, 'promise by/text');
      if (!isDate(o.madeOn) || !isDateOrNull(o.due) || !isDateOrNull(o.doneOn)) err(n, 'promise dates');
      if (o.madeOn < prevDay) err(n, 'promises not sorted by madeOn');
      prevDay = o.madeOn;
      if (o.doneOn) stats.promisesDone++;
      else if (o.due && o.due < today) stats.promisesOpenOverdue++;
    }
  });
  if (size) {
    const dims = SIZES[size];
    if (counts.contact !== dims.contacts) errors.push(`contacts ${counts.contact} != ${dims.contacts}`);
    if (counts.interaction !== dims.interactions) errors.push(`interactions ${counts.interaction} != ${dims.interactions}`);
  }
  const sorted = [...per.values()].sort((a, b) => b - a);
  const top1 = sorted.slice(0, Math.max(1, Math.ceil(counts.contact / 100))).reduce((a, b) => a + b, 0);
  const total = sorted.reduce((a, b) => a + b, 0);
  const pct = (x) => `${((100 * x) / Math.max(1, counts.interaction)).toFixed(1)}%`;
  const summary = {
    counts, bytes: Buffer.byteLength(text),
    groupMeetings: pct(stats.group), pushAways: pct(stats.push), noReplies: pct(stats.noReply),
    warm: pct(stats.warm), cool: pct(stats.cool), gaveItems: stats.gave, gotItems: stats.got,
    longNotes: stats.longNotes, endedContacts: `${((100 * stats.ended) / counts.contact).toFixed(1)}%`,
    contactsWithoutInteractions: counts.contact - per.size,
    busiestContactShare: `${((100 * (sorted[0] ?? 0)) / total).toFixed(1)}% (${sorted[0]} participations)`,
    top1PercentShare: `${((100 * top1) / total).toFixed(1)}%`,
    medianPerContact: sorted[Math.floor(sorted.length / 2)],
    promises: { done: stats.promisesDone, openOverdue: stats.promisesOpenOverdue },
    stageHistoryEntries: stats.stageHistory, needs: stats.needs, offers: stats.offers, channels: stats.channels,
  };
  return { ok: errors.length === 0, errors, summary };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--size');
  const size = args.includes('--size') ? args[args.indexOf('--size') + 1] : undefined;
  if (!file) { console.error('usage: node bench/validate.mjs FILE [--size small|mid|large]'); process.exit(2); }
  const t0 = process.hrtime.bigint();
  const r = validate(file, { size });
  console.log(JSON.stringify({ ...r.summary, validateMs: Math.round(Number(process.hrtime.bigint() - t0) / 1e6) }, null, 2));
  if (!r.ok) { console.error(r.errors.join('\n')); process.exit(1); }
  console.log('OK');
}
