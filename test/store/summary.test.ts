/**
 * contact_summary (migration 006) stays equal to what each contact's touches give, whatever
 * writes them: `rel log`'s writer, deleted interactions and contacts (the cascades), an
 * interaction's day moved (003's trigger), a bulk import that suspends the triggers (into an
 * empty journal and a full one, and one that fails half-way), and the migration itself on a v5
 * journal. The expected rows are worked out here in JavaScript from the participant rows, not
 * with the store's SQL, so a wrong trigger and a wrong definition cannot agree by accident.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, openJournal, type Db } from '../../src/store/journal.js';
import { bulkInteractionWriter, interactionWriter, type NewInteraction } from '../../src/store/interactions.js';
import { SUMMARY_REACHED_DAYS, SummaryAccumulator, summaryProblems, suspendSummary } from '../../src/store/summary.js';
import { CHANNELS, INITIATORS, PUSH_AWAY_KINDS, TONES } from '../../src/domain/vocab.js';
import { rel, tempDir, tempJournal } from '../helpers/harness.js';
import { loadHistories } from '../../src/store/history.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../src/domain/review/thresholds.js';

type SummaryRow = [number, number, number, number, number | null, number | null, number | null, number | null, string];

/** Every contact's summary row, worked out from its participant rows. */
function expectedSummaries(db: Db): SummaryRow[] {
  const rows = db.prepare('SELECT contact_id, on_day, touch_bits FROM interaction_contacts ORDER BY contact_id').raw().all() as Array<[number, number, number]>;
  const by = new Map<number, Array<[number, number]>>();
  for (const [c, on, bits] of rows) (by.get(c) ?? by.set(c, []).get(c)!).push([on, bits]);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
  return [...by].map(([c, touches]) => {
    const days = (test: (bits: number) => boolean) => touches.filter(([, b]) => test(b)).map(([on]) => on);
    const reached = [...new Set(days((b) => (b & 1) === 0))].sort((a, b) => b - a).slice(0, SUMMARY_REACHED_DAYS);
    return [c, min(days(() => true))!, max(days(() => true))!, touches.length, max(days((b) => (b & 1) === 0)),
      max(days((b) => (b & 1025) === 1024)), max(days((b) => (b & 2048) !== 0)), min(days((b) => (b & 12) !== 0)), reached.join(',')] as SummaryRow;
  }).sort((a, b) => a[0] - b[0]);
}

/** The stored rows, each list of days put newest first (the order is not promised). */
function storedSummaries(db: Db): SummaryRow[] {
  return (db.prepare(`SELECT contact_id, first_on, last_on, touches, last_reached, last_in_person, last_business, first_others,
      reached_days FROM contact_summary ORDER BY contact_id`).raw().all() as SummaryRow[])
    .map((row) => [...row.slice(0, 8), row[8] === '' ? '' : row[8].split(',').map(Number).sort((a, b) => b - a).join(',')] as SummaryRow);
}

function expectInStep(db: Db, when: string): void {
  expect(storedSummaries(db), when).toEqual(expectedSummaries(db));
  expect(summaryProblems(db), when).toEqual([]);
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function randomInteraction(r: () => number, contactIds: number[]): NewInteraction {
  const size = r() < 0.8 ? 1 : 2 + Math.floor(r() * 2);
  const ids = [...new Set(Array.from({ length: size }, () => pick(r, contactIds)))];
  const item = () => ({ kind: r() < 0.3 ? 'business' as const : 'advice' as const, note: '' });
  return {
    // A few weeks of days, so that days repeat and extremes tie.
    on: 20_000 + Math.floor(r() * 40) - (r() < 0.1 ? 9_000 : 0), contactIds: ids, channel: pick(r, CHANNELS), by: pick(r, INITIATORS),
    outsideWork: r() < 0.2, gave: r() < 0.2 ? [item()] : [], got: r() < 0.2 ? [item()] : [], tone: pick(r, TONES),
    pushAway: r() < 0.1 ? { kind: pick(r, PUSH_AWAY_KINDS), note: '' } : null, noReply: r() < 0.3, note: '',
  };
}

describe('contact_summary', () => {
  it.each([1, 2, 3, 4, 5])('stays in step through logged, deleted and moved interactions and deleted contacts (seed %i)', (seed) => {
    const r = random(seed);
    const j = openJournal(':memory:', { write: true });
    const db = j.db;
    try {
      const contacts: number[] = [];
      for (let i = 0; i < 6; i++) {
        contacts.push(Number(db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)').run(`C${i}`, `c${i}`).lastInsertRowid));
      }
      const writer = interactionWriter(db);
      const interactions: number[] = [];
      for (let step = 0; step < 400; step++) {
        const roll = r();
        if (roll < 0.6 || interactions.length === 0) {
          interactions.push(writer.insert(randomInteraction(r, contacts)));
        } else if (roll < 0.8) {
          const id = interactions.splice(Math.floor(r() * interactions.length), 1)[0]!;
          db.prepare('DELETE FROM interactions WHERE id = ?').run(id);
        } else if (roll < 0.97) {
          db.prepare('UPDATE interactions SET on_day = ? WHERE id = ?').run(20_000 + Math.floor(r() * 60) - 30, pick(r, interactions));
        } else if (contacts.length > 2) {
          const id = contacts.splice(Math.floor(r() * contacts.length), 1)[0]!;
          db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
        }
        if (step % 20 === 19) expectInStep(db, `seed ${seed}, step ${step}`);
      }
      expectInStep(db, `seed ${seed}, at the end`);
      // Deleting everything leaves no rows behind.
      db.exec('DELETE FROM interactions');
      expect(storedSummaries(db)).toEqual([]);
    } finally {
      j.close();
    }
  });

  it.each([1, 2, 3, 4, 5, 6])('a bulk write with the triggers suspended ends as the triggers would have, in any day order, onto any rows (seed %i)', (seed) => {
    const r = random(seed * 101);
    const j = openJournal(':memory:', { write: true });
    const db = j.db;
    try {
      const contacts = [1, 2, 3, 4, 5].map((n) => Number(db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)').run(`C${n}`, `c${n}`).lastInsertRowid));
      // Rows already there, written through the triggers: sometimes older than the bulk's, sometimes newer.
      const shift = Math.floor(r() * 3) * 20 - 20;
      const writer = interactionWriter(db);
      for (let i = 0; i < 80; i++) writer.insert({ ...randomInteraction(r, contacts.slice(0, 4)), on: 20_000 + shift + Math.floor(r() * 30) });
      db.transaction(() => {
        const summary = suspendSummary(db);
        const touched = new SummaryAccumulator();
        const bulk = bulkInteractionWriter(db, (contactId, on, bits) => touched.add(contactId, on, bits));
        // Days in no order, many repeated, a few far back.
        for (let i = 0; i < 300; i++) bulk.add({ ...randomInteraction(r, contacts), on: 20_000 + Math.floor(r() * 30) - (r() < 0.05 ? 5_000 : 0) });
        bulk.flush();
        summary.resume(touched);
      })();
      expectInStep(db, `seed ${seed}`);
    } finally {
      j.close();
    }
  });

  it('is read the same by the reports whatever order its days are stored in (SQLite promises none)', () => {
    const j = openJournal(':memory:', { write: true });
    const db = j.db;
    try {
      const contacts = [1, 2, 3, 4, 5, 6].map((n) => Number(db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 15000)').run(`C${n}`, `c${n}`).lastInsertRowid));
      const writer = interactionWriter(db);
      const r = random(11);
      // Sparse touches over years, so that the rhythm reaches back past the look-back window.
      for (let i = 0; i < 400; i++) writer.insert({ ...randomInteraction(r, contacts), on: 18_000 + Math.floor(r() * 2_800) });
      const sparse = mergeThresholds(DEFAULT_THRESHOLDS, { rhythm: { sampleGaps: 12 } });
      const facts = () => [20_800, 20_000, 19_000].flatMap((asOf) => [DEFAULT_THRESHOLDS, sparse]
        .flatMap((t) => loadHistories(db, asOf, t).map((h) => ({ id: h.contact.id, days: h.facts!.reachedDays, last: h.facts!.lastReached }))));
      const before = facts();
      expect(before.some((f) => f.days.length > 0)).toBe(true);
      const lists = db.prepare('SELECT contact_id, reached_days FROM contact_summary').raw().all() as Array<[number, string]>;
      let moved = 0;
      for (const [id, list] of lists) {
        const days = list.split(',');
        const shuffled = [...days.slice(1), days[0]!].reverse().join(','); // oldest first, the newest moved to the front
        if (shuffled !== list) moved++;
        db.prepare('UPDATE contact_summary SET reached_days = ? WHERE contact_id = ?').run(shuffled, id);
      }
      expect(moved).toBeGreaterThan(0);
      expect(facts()).toEqual(before);
    } finally {
      j.close();
    }
  });

  it('keeps no aggregate ORDER BY in the schema: the file stays readable by SQLite before 3.44', () => {
    const j = openJournal(':memory:', { write: true });
    try {
      const stored = j.db.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").raw().all() as Array<[string, string]>;
      expect(stored.filter(([, sql]) => /(group_concat|json_group_array|string_agg)\s*\([^()]*(\([^()]*\)[^()]*)*ORDER\s+BY/i.test(sql)).map(([name]) => name)).toEqual([]);
      expect(stored.map(([name]) => name)).toEqual(expect.arrayContaining(['contact_summary_insert', 'contact_summary_delete', 'contact_summary_update']));
    } finally {
      j.close();
    }
  });

  it('keeps the latest 16 distinct days in touch, newest first, with unanswered touches left out', () => {
    const j = openJournal(':memory:', { write: true });
    try {
      const db = j.db;
      const c = Number(db.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES ('A', 'a', 19000)").run().lastInsertRowid);
      const writer = interactionWriter(db);
      const base = randomInteraction(random(9), [c]);
      for (let d = 0; d < 30; d++) {
        writer.insert({ ...base, contactIds: [c], on: 20_000 + d, noReply: false });
        writer.insert({ ...base, contactIds: [c], on: 20_000 + d, noReply: false }); // the same day twice
      }
      writer.insert({ ...base, contactIds: [c], on: 20_100, noReply: true });
      const [row] = storedSummaries(db);
      expect(row![8].split(',').map(Number).sort((a, b) => b - a)).toEqual(Array.from({ length: 16 }, (_, i) => 20_029 - i));
      expect(row![2]).toBe(20_100); // the latest touch of any kind
      expect(row![4]).toBe(20_029); // the latest that reached them
      expect(row![3]).toBe(61);
    } finally {
      j.close();
    }
  });

  it('is built by migration 006 from a v5 journal\'s touches', () => {
    const dir = join(tempDir(), 'migrations');
    mkdirSync(dir);
    for (const m of listMigrations().slice(0, 5)) copyFileSync(m.file, join(dir, m.name));
    const path = join(tempDir(), 'v5.db');
    const v5 = openJournal(path, { write: true, migrationsDir: dir });
    const r = random(7);
    const contacts = [1, 2, 3, 4].map((i) => Number(v5.db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)')
      .run(`C${i}`, `c${i}`).lastInsertRowid));
    const writer = interactionWriter(v5.db);
    for (let i = 0; i < 300; i++) writer.insert(randomInteraction(r, contacts.slice(0, 3))); // the fourth has no touches
    const want = expectedSummaries(v5.db);
    v5.close();
    const upgraded = openJournal(path, { write: true });
    try {
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(6);
      expect(storedSummaries(upgraded.db)).toEqual(want);
      expect(want.map((row) => row[0])).toEqual(contacts.slice(0, 3));
    } finally {
      upgraded.close();
    }
  });

  it('flags a summary row changed, missing or left over, for rel check', () => {
    const j = openJournal(':memory:', { write: true });
    try {
      const db = j.db;
      for (const n of [1, 2, 3]) db.prepare('INSERT INTO contacts (id, name, name_key, added_on) VALUES (?, ?, ?, 19000)').run(n, `C${n}`, `c${n}`);
      const writer = interactionWriter(db);
      const r = random(3);
      for (let i = 0; i < 50; i++) writer.insert(randomInteraction(r, [1, 2]));
      expect(summaryProblems(db)).toEqual([]);
      db.exec('UPDATE contact_summary SET last_business = 1 WHERE contact_id = 1');
      expect(summaryProblems(db)).toEqual([1]);
      db.exec("DELETE FROM contact_summary WHERE contact_id = 2; INSERT INTO contact_summary VALUES (3, 1, 1, 1, NULL, NULL, NULL, NULL, '')");
      expect(summaryProblems(db)).toEqual([1, 2, 3]);
    } finally {
      j.close();
    }
  });
});

describe('contact_summary through the CLI', () => {
  const lines = (from: number, n: number, names: string[]) => Array.from({ length: n }, (_, i) => JSON.stringify({
    type: 'interaction', on: new Date(Date.UTC(2024, 0, 1 + ((from + i) % 500))).toISOString().slice(0, 10),
    contacts: [names[(from + i) % names.length]], channel: i % 3 === 0 ? 'in-person' : 'email', by: i % 4 === 0 ? 'them' : 'me',
    ...(i % 5 === 0 ? { noReply: true } : {}), ...(i % 7 === 0 ? { gave: [{ kind: 'business' }] } : {}),
  }));
  const contactLines = (names: string[]) => names.map((name) => JSON.stringify({ type: 'contact', name }));

  it('a bulk import sums up the contacts it touched, into an empty journal and into a full one, and puts the triggers back', async () => {
    const db = tempJournal();
    const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];
    const first = join(tempDir(), 'first.jsonl');
    writeFileSync(first, [...contactLines(names), ...lines(0, 400, names)].join('\n') + '\n');
    expect((await rel(db, ['import', first])).code).toBe(0);
    const second = join(tempDir(), 'second.jsonl');
    writeFileSync(second, [...contactLines(['Edsger Dijkstra']), ...lines(400, 300, [...names, 'Edsger Dijkstra'])].join('\n') + '\n');
    expect((await rel(db, ['import', second])).code).toBe(0);
    const j = openJournal(db, { write: false });
    try {
      expectInStep(j.db, 'after two imports');
      expect(storedSummaries(j.db)).toHaveLength(4);
      expect(j.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'contact_summary_%' ORDER BY name").pluck().all())
        .toEqual(['contact_summary_delete', 'contact_summary_insert', 'contact_summary_update']);
    } finally {
      j.close();
    }
    // And `rel log` afterwards is summed up by the triggers again.
    expect((await rel(db, ['log', 'Ada Lovelace', '--on', '2026-11-19', '--channel', 'call', '--note', 'catch-up'])).code).toBe(0);
    const k = openJournal(db, { write: false });
    try {
      expectInStep(k.db, 'after rel log');
      expect(storedSummaries(k.db).find((row) => row[2] === 20_776)).toBeDefined();
    } finally {
      k.close();
    }
  });

  it('an import that fails half-way leaves the summary and the triggers as they were', async () => {
    const db = tempJournal();
    const names = ['Ada Lovelace', 'Grace Hopper'];
    const good = join(tempDir(), 'good.jsonl');
    writeFileSync(good, [...contactLines(names), ...lines(0, 50, names)].join('\n') + '\n');
    expect((await rel(db, ['import', good])).code).toBe(0);
    const before = (() => { const j = openJournal(db, { write: false }); try { return storedSummaries(j.db); } finally { j.close(); } })();
    const bad = join(tempDir(), 'bad.jsonl');
    writeFileSync(bad, [...lines(50, 60, names), '{"type":"interaction","on":"2024-13-40","contacts":["Ada Lovelace"]}'].join('\n') + '\n');
    const r = await rel(db, ['import', bad]);
    expect(r.code).toBe(1);
    const j = openJournal(db, { write: false });
    try {
      expect(storedSummaries(j.db)).toEqual(before);
      expectInStep(j.db, 'after a failed import');
      expect(j.db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'contact_summary_%'").pluck().get()).toBe(3);
    } finally {
      j.close();
    }
  });

  it('rel check reports summaries out of step, and passes when they are not', async () => {
    const db = tempJournal();
    const file = join(tempDir(), 'j.jsonl');
    writeFileSync(file, [...contactLines(['Ada Lovelace']), ...lines(0, 20, ['Ada Lovelace'])].join('\n') + '\n');
    expect((await rel(db, ['import', file])).code).toBe(0);
    const okRun = await rel(db, ['check']);
    expect(okRun.code).toBe(0);
    expect(okRun.stdout).toMatch(/^summaries ok$/m);
    const j = openJournal(db, { write: true });
    j.db.exec('UPDATE contact_summary SET first_on = first_on - 1');
    j.close();
    const bad = await rel(db, ['check']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/1 contact summary out of step with its interactions/);
    expect(bad.stdout).toMatch(/^summaries 1 out of step/m);
    const asJson = await rel(db, ['check', '--json']);
    expect(JSON.parse(asJson.stdout).summaries).toEqual([{ contactId: 1 }]);
    expect(JSON.parse(asJson.stdout).missingTriggers).toEqual([]);
  });

  it('rel check reports a summary trigger that is gone, before any summary drifts', async () => {
    const db = tempJournal();
    expect((await rel(db, ['add', 'Ada Lovelace'])).code).toBe(0);
    const j = openJournal(db, { write: true });
    j.db.exec('DROP TRIGGER contact_summary_delete');
    j.close();
    const bad = await rel(db, ['check']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^summaries not kept \(trigger missing: contact_summary_delete\)$/m);
    expect(bad.stderr).toMatch(/the trigger keeping the contact summaries missing \(contact_summary_delete\)/);
    expect(JSON.parse((await rel(db, ['check', '--json'])).stdout).missingTriggers).toEqual(['contact_summary_delete']);
  });
});
