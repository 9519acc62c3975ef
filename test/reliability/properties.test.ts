/**
 * Property-based tests (fast-check): the date and duration grammar, the name matcher (pure and
 * through SQL), and the JSONL interchange: random valid journals round-trip byte for byte, and a
 * random corruption of one line refuses the whole file naming that line. Runs are kept small.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDay, daysInMonth, formatDay, formatDuration, parseDateExpression, parseDuration, parseIsoDay } from '../../src/domain/dates.js';
import { cleanName, foldKey, matchName, type NameCandidate } from '../../src/domain/names.js';
import { CHANNELS, CIRCLES, GIVE_KINDS, INITIATORS, PUSH_AWAY_KINDS, TONES } from '../../src/domain/vocab.js';
import { findByPrefix, findExact, insertContact } from '../../src/store/contacts.js';
import { openJournal } from '../../src/store/journal.js';
import { rel, tempDir } from '../helpers/harness.js';
import { sha256 } from './support.js';

const RUNS = { numRuns: 100 };

// ---- dates ------------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A real calendar day as text, built without rel's code: leap years by the Gregorian rule. */
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const validDate = fc.record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, monthLength(y, m)) }));
const today = fc.integer({ min: -600_000, max: 2_900_000 }); // about year 327 to 9910

describe('date grammar', () => {
  it('every valid YYYY-MM-DD parses and formats back to the same text', () => {
    fc.assert(fc.property(validDate, today, ({ y, m, d }, t) => {
      const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
      const day = parseIsoDay(text);
      expect(day).not.toBeNull();
      expect(formatDay(day!)).toBe(text);
      expect(parseDateExpression(text, t)).toEqual({ ok: true, day });
      expect(civilFromDay(day!)).toEqual({ y, m, d });
      expect(daysInMonth(y, m)).toBe(monthLength(y, m));
    }), RUNS);
  });

  it('a day past the end of its month is refused, never rolled over', () => {
    fc.assert(fc.property(validDate, fc.integer({ min: 1, max: 68 }), ({ y, m }, extra) => {
      const d = monthLength(y, m) + extra;
      const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
      expect(parseIsoDay(text)).toBeNull();
      expect(parseDateExpression(text, 0).ok).toBe(false);
    }), RUNS);
  });

  it('consecutive days are one apart, across months, years and leap days', () => {
    fc.assert(fc.property(validDate, ({ y, m, d }) => {
      const next = d < monthLength(y, m) ? { y, m, d: d + 1 } : m < 12 ? { y, m: m + 1, d: 1 } : { y: y + 1, m: 1, d: 1 };
      if (next.y > 9999) return;
      const a = parseIsoDay(`${pad(y, 4)}-${pad(m)}-${pad(d)}`)!;
      const b = parseIsoDay(`${pad(next.y, 4)}-${pad(next.m)}-${pad(next.d)}`)!;
      expect(b - a).toBe(1);
    }), RUNS);
  });

  it('Nd/Nw ago and in Nd/Nw are plain arithmetic; Nm moves whole months, clamping the day', () => {
    fc.assert(fc.property(today, fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('', ' '), fc.boolean(), (t, n, space, upper) => {
      const say = (s: string) => (upper ? s.toUpperCase() : s);
      expect(parseDateExpression(say(`${n}${space}d ago`), t)).toEqual({ ok: true, day: t - n });
      expect(parseDateExpression(say(`in ${n}${space}d`), t)).toEqual({ ok: true, day: t + n });
      expect(parseDateExpression(say(`${n}${space}w ago`), t)).toEqual({ ok: true, day: t - 7 * n });
      expect(parseDateExpression(say(`  in   ${n}${space}w  `), t)).toEqual({ ok: true, day: t + 7 * n });
      const months = n % 1200;
      const back = parseDateExpression(`${months}m ago`, t);
      expect(back.ok).toBe(true);
      if (back.ok) {
        const from = civilFromDay(t);
        const to = civilFromDay(back.day);
        expect((from.y * 12 + from.m) - (to.y * 12 + to.m)).toBe(months);
        expect(to.d).toBe(Math.min(from.d, daysInMonth(to.y, to.m)));
        expect(back.day).toBe(addMonths(t, -months));
      }
    }), RUNS);
  });

  it('weekday names give the most recent past such day, 1 to 7 days back', () => {
    fc.assert(fc.property(today, fc.constantFrom('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'Sun'), (t, w) => {
      const r = parseDateExpression(w, t);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(t - r.day).toBeGreaterThanOrEqual(1);
        expect(t - r.day).toBeLessThanOrEqual(7);
        expect(parseDateExpression(w, r.day).ok && t - r.day <= 7).toBe(true);
      }
    }), RUNS);
  });

  it('garbage never throws: it parses or is refused with a reason', () => {
    const garbage = fc.oneof(fc.string(), fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[0-9]{1,6}[-/. ][0-9]{1,3}[-/. ][0-9]{1,5}$/), fc.stringMatching(/^(in )?-?[0-9]{0,9} ?[a-z]{0,3}( ago)?$/));
    fc.assert(fc.property(garbage, today, (s, t) => {
      const r = parseDateExpression(s, t);
      if (r.ok) expect(Number.isInteger(r.day)).toBe(true);
      else expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });
});

describe('duration grammar', () => {
  it('N d|w|m parses to days; 0 is refused; formatDuration parses back to the same days', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('d', 'w', 'm', 'D', 'W', 'M'), (n, u) => {
      const days = n * ({ d: 1, w: 7, m: 30 } as Record<string, number>)[u.toLowerCase()]!;
      const r = parseDuration(`${n}${u}`);
      if (days === 0) expect(r.ok).toBe(false);
      else {
        expect(r).toEqual({ ok: true, days });
        expect(parseDuration(formatDuration(days))).toEqual({ ok: true, days });
      }
    }), RUNS);
  });

  it('anything else is refused, never thrown', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?[0-9]{0,7} ?[a-z]{0,2}$/)), (s) => {
      const r = parseDuration(s);
      if (r.ok) {
        expect(s.trim()).toMatch(/^\d{1,5}[dwm]$/i);
        expect(r.days).toBeGreaterThanOrEqual(1);
      }
    }), { numRuns: 300 });
  });
});

// ---- names ------------------------------------------------------------------------------------

const nameText = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.constantFrom('José', 'Jose\u0301', 'ÉMILE', 'émile', '王小明', '🦊 Fox', 'Straße', 'STRASSE', "O'Brien", '100%', 'a_b', 'İlkay', 'ǅemal', 'Σίσυφος'),
);
/** Distinct people: names unique after folding (the journal refuses two that fold alike). */
const people = fc.uniqueArray(nameText.filter((s) => cleanName(s) !== ''), { minLength: 1, maxLength: 8, selector: foldKey });
const candidatesOf = (names: string[]): NameCandidate[] => names.map((name, id) => ({ id, name, keys: [foldKey(name)] }));

describe('name matcher', () => {
  it('folding is idempotent and ignores NFC/NFD and outer or repeated spaces', () => {
    fc.assert(fc.property(nameText, (s) => {
      const k = foldKey(s);
      expect(foldKey(k)).toBe(k);
      expect(foldKey(s.normalize('NFD'))).toBe(k);
      expect(foldKey(`  ${s.replace(/ /g, '   ')} `)).toBe(k);
    }), { numRuns: 300 });
  });

  it('an exact name (any case or normal form) always finds its one person, even when it prefixes another', () => {
    fc.assert(fc.property(people, fc.nat(), fc.constantFrom('same', 'upper', 'lower', 'nfd'), (names, pick, form) => {
      const i = pick % names.length;
      const n = names[i]!;
      const query = form === 'upper' ? n.toUpperCase() : form === 'lower' ? n.toLowerCase() : form === 'nfd' ? n.normalize('NFD') : n;
      if (foldKey(query) !== foldKey(n)) return; // a few letters change length or meaning under case mapping
      expect(matchName(query, candidatesOf(names))).toEqual({ kind: 'one', id: i });
    }), RUNS);
  });

  it('a prefix that only one person starts with resolves to that person; one shared by several lists them all', () => {
    fc.assert(fc.property(people, fc.nat(), fc.integer({ min: 1, max: 12 }), (names, pick, len) => {
      const cands = candidatesOf(names);
      const key = foldKey(names[pick % names.length]!);
      const prefix = [...key].slice(0, len).join('').trim();
      if (prefix === '' || foldKey(prefix) !== prefix) return;
      const exact = cands.filter((c) => c.keys[0] === prefix);
      const starting = cands.filter((c) => c.keys[0]!.startsWith(prefix));
      const r = matchName(prefix, cands);
      if (exact.length === 1) expect(r).toEqual({ kind: 'one', id: exact[0]!.id });
      else if (starting.length === 1) expect(r).toEqual({ kind: 'one', id: starting[0]!.id });
      else {
        expect(r.kind).toBe('many');
        if (r.kind === 'many') expect(r.candidates.map((c) => c.id).sort()).toEqual(starting.map((c) => c.id).sort());
      }
    }), RUNS);
  });

  it('the SQL lookups agree with the pure matcher: exact keys and prefixes, with %, _ and any Unicode taken literally', () => {
    fc.assert(fc.property(people, fc.nat(), fc.integer({ min: 1, max: 12 }), (names, pick, len) => {
      const j = openJournal(':memory:', { write: true });
      try {
        const ids = names.map((name) => insertContact(j.db, {
          name, aliases: [], org: null, role: null, circle: 'other', cadenceDays: null, stage: 0, emails: [], tags: [], needs: [], offers: [],
          interests: [], metOn: null, howMet: null, notes: '', status: 'active', endedOn: null, endNote: null, stageHistory: [],
        }, 0));
        const key = foldKey(names[pick % names.length]!);
        expect(findExact(j.db, key)).toEqual([ids[pick % names.length]]);
        const prefix = [...key].slice(0, len).join('');
        const expected = names.map((n, i) => (foldKey(n).startsWith(prefix) ? ids[i] : -1)).filter((x) => x !== -1);
        expect(findByPrefix(j.db, prefix, 100).sort()).toEqual(expected.sort());
      } finally {
        j.close();
      }
    }), RUNS);
  });
});

// ---- JSONL ------------------------------------------------------------------------------------

const MIN_DAY = -719_528; // 0000-01-01
const MAX_DAY = 2_932_896; // 9999-12-31
const day = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
/** Any text, including control characters, quotes, bidi marks and astral characters. */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', '\u001b[2J', 'line\nbreak', '"quoted"', '\u202e', 'nul\u0000', '=1+1'));
const someText = text.filter((s) => s.trim() !== '');
const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });
const giveGet = fc.record({ kind: fc.constantFrom(...GIVE_KINDS), note: text });

/** UTF-8 byte order, which is SQLite's order for `ORDER BY name`. */
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A random journal in canonical form: every key, in the spec's order, in export order. */
const journal = people.chain((names) => {
  const contact = (name: string) => fc.record({
    aliases: list(someText), org: fc.option(text), role: fc.option(text), circle: fc.constantFrom(...CIRCLES),
    cadenceDays: fc.option(fc.integer({ min: 1, max: 100_000 })), stage: fc.integer({ min: 0, max: 5 }), emails: list(someText),
    tags: list(someText), needs: list(someText), offers: list(someText), interests: list(someText), metOn: fc.option(day),
    howMet: fc.option(text), notes: text, ended: fc.option(fc.record({ on: fc.option(day), note: fc.option(text) })),
    stageHistory: list(fc.record({ stage: fc.integer({ min: 0, max: 5 }), on: day, note: text })),
  }).map((c) => ({
    type: 'contact', name, aliases: c.aliases, org: c.org, role: c.role, circle: c.circle, cadenceDays: c.cadenceDays, stage: c.stage,
    emails: c.emails, tags: c.tags, needs: c.needs, offers: c.offers, interests: c.interests, metOn: c.metOn, howMet: c.howMet,
    notes: c.notes, status: c.ended ? 'ended' : 'active', endedOn: c.ended?.on ?? null, endNote: c.ended?.note ?? null, stageHistory: c.stageHistory,
  }));
  const interaction = fc.record({
    on: day, contacts: fc.shuffledSubarray(names, { minLength: 1 }), channel: fc.constantFrom(...CHANNELS), by: fc.constantFrom(...INITIATORS),
    outsideWork: fc.boolean(), gave: list(giveGet), got: list(giveGet), tone: fc.constantFrom(...TONES),
    pushAway: fc.option(fc.record({ kind: fc.constantFrom(...PUSH_AWAY_KINDS), note: text })), noReply: fc.boolean(), note: text,
  }).map((i) => ({ type: 'interaction', ...i }));
  const promise = fc.record({
    contact: fc.constantFrom(...names), by: fc.constantFrom('me', 'them'), text: someText, madeOn: day, due: fc.option(day), doneOn: fc.option(day),
  }).map((p) => ({ type: 'promise', ...p }));
  return fc.tuple(fc.tuple(...names.map(contact)), fc.array(interaction, { maxLength: 6 }), fc.array(promise, { maxLength: 4 }));
}).map(([contacts, interactions, promises]) => [
  ...[...contacts].sort((a, b) => byUtf8(a.name, b.name)),
  ...[...interactions].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)), // stable: insertion order within a day
  ...[...promises].sort((a, b) => (a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : 0)),
]);

const asFile = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** An empty journal on disk, ready for an import. */
function emptyJournal(): string {
  const path = join(tempDir(), 'j.db');
  openJournal(path, { write: true }).close();
  return path;
}

describe('JSONL interchange', () => {
  it('a random valid journal imported into an empty one exports byte for byte the same', async () => {
    await fc.assert(fc.asyncProperty(journal, async (records) => {
      const db = emptyJournal();
      const input = asFile(records);
      const imported = await rel(db, ['import', 'journal.jsonl'], { readText: () => input });
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const exported = await rel(db, ['export']);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toBe(input);
    }), { numRuns: 60 });
  }, 60_000);

  type Corruption = 'json' | 'key' | 'word' | 'date' | 'contact' | 'surrogate';
  function corrupt(line: string, how: Corruption): string {
    const r = JSON.parse(line) as Record<string, unknown>;
    switch (how) {
      case 'json': return line.slice(0, -1);
      case 'key': return `{"zz_unknown":true,${line.slice(1)}`;
      case 'word':
        if (r.type === 'contact') r.circle = 'enemy';
        else if (r.type === 'interaction') r.channel = 'pigeon';
        else r.by = 'nobody';
        return JSON.stringify(r);
      case 'date':
        if (r.type === 'contact') r.metOn = '2023-02-29';
        else if (r.type === 'interaction') r.on = '03/04/2024';
        else r.madeOn = 'yesterdayy';
        return JSON.stringify(r);
      case 'surrogate': // valid JSON, but not text UTF-8 can store
        if (r.type === 'contact') r.notes = 'half a pair: \ud83e';
        else if (r.type === 'interaction') r.note = '\udd8a and the rest';
        else r.text = 'x\ud800y';
        return JSON.stringify(r);
      case 'contact':
        if (r.type === 'interaction') r.contacts = ['Nobody We Know \u0001'];
        else if (r.type === 'promise') r.contact = 'Nobody We Know \u0001';
        else return line.slice(0, -1);
        return JSON.stringify(r);
    }
  }

  it('a random corruption of one line refuses the whole file, naming that line; the journal is unchanged', async () => {
    await fc.assert(fc.asyncProperty(journal, fc.nat(), fc.constantFrom<Corruption>('json', 'key', 'word', 'date', 'contact', 'surrogate'), async (records, pick, how) => {
      const lines = asFile(records).split('\n').slice(0, -1);
      const at = pick % lines.length;
      lines[at] = corrupt(lines[at]!, how);
      const input = lines.join('\n') + '\n';
      const db = emptyJournal();
      const before = sha256(db);
      const r = await rel(db, ['import', 'journal.jsonl'], { readText: () => input });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^rel: line ${at + 1}: [^\\n]+; nothing was imported\\n$`));
      expect(sha256(db)).toBe(before);
    }), { numRuns: 60 });
  }, 60_000);
});
