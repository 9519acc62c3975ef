/**
 * The schema's own guards: every vocabulary CHECK accepts exactly the words of
 * src/domain/vocab.ts, none is written in the form SQLite evaluates by building a temporary
 * b-tree per row (migration 005 says why), and migration 005, which rebuilt the tables to
 * rewrite them, kept every row, id, index, trigger and foreign key of a v4 journal.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CIRCLES, GIVE_KINDS, INITIATORS, PROMISE_BY, PUSH_AWAY_KINDS, SEVERITIES, TONES } from '../../src/domain/vocab.js';
import { isEndedAsOf } from '../../src/domain/review/ended.js';
import { activeOnSql } from '../../src/store/contacts.js';
import { listMigrations, openJournal, type Db } from '../../src/store/journal.js';
import { tempDir } from '../helpers/harness.js';

/** A folder holding only the first `n` migrations. */
function migrationsUpTo(n: number): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const m of listMigrations().slice(0, n)) copyFileSync(m.file, join(dir, m.name));
  return dir;
}

/** A journal with only the first `n` migrations applied. */
function journalAt(n: number): { path: string; db: Db; close: () => void } {
  const dir = migrationsUpTo(n);
  const path = join(tempDir(), `v${n}.db`);
  const j = openJournal(path, { write: true, migrationsDir: dir });
  expect(j.db.pragma('user_version', { simple: true })).toBe(n);
  return { path, db: j.db, close: () => j.close() };
}

/** One row in each table a vocabulary column lives in, with that column set to `value`. */
function vocabularyColumns(db: Db) {
  db.exec(`INSERT INTO contacts (id, name, name_key, added_on) VALUES (1, 'Ada', 'ada', 20000);
    INSERT INTO interactions (id, on_day, channel, initiated_by, outside_work, tone, no_reply) VALUES (1, 20000, 'call', 'me', 0, 'warm', 0);
    INSERT INTO reviews (id, as_of) VALUES (1, 20000);`);
  let n = 0;
  const interaction = (column: string) => (v: unknown) => db.prepare(`INSERT INTO interactions (on_day, channel, initiated_by,
      outside_work, tone, no_reply) VALUES (20000, 'call', 'me', 0, 'warm', 0)`).run() &&
    db.prepare(`UPDATE interactions SET ${column} = ? WHERE id = last_insert_rowid()`).run(v);
  return [
    { at: 'contacts.circle', words: CIRCLES, set: (v: unknown) => db.prepare("INSERT INTO contacts (name, name_key, added_on, circle) VALUES (?, ?, 20000, ?)").run(`c${++n}`, `c${n}`, v) },
    { at: 'contacts.status', words: ['active', 'ended'], set: (v: unknown) => db.prepare("INSERT INTO contacts (name, name_key, added_on, status) VALUES (?, ?, 20000, ?)").run(`s${++n}`, `s${n}`, v) },
    { at: 'contact_items.kind', words: ['alias', 'email', 'tag', 'need', 'offer', 'interest'], set: (v: unknown) => db.prepare("INSERT INTO contact_items (contact_id, kind, position, value, value_key) VALUES (1, ?, ?, 'x', 'x')").run(v, ++n) },
    { at: 'interactions.channel', words: CHANNELS, set: interaction('channel') },
    { at: 'interactions.initiated_by', words: INITIATORS, set: interaction('initiated_by') },
    { at: 'interactions.tone', words: TONES, set: interaction('tone') },
    { at: 'interactions.push_kind', words: [null, ...PUSH_AWAY_KINDS], set: interaction('push_kind') },
    { at: 'exchanges.direction', words: ['gave', 'got'], set: (v: unknown) => db.prepare("INSERT INTO exchanges (interaction_id, direction, position, kind) VALUES (1, ?, ?, 'gift')").run(v, ++n) },
    { at: 'exchanges.kind', words: GIVE_KINDS, set: (v: unknown) => db.prepare("INSERT INTO exchanges (interaction_id, direction, position, kind) VALUES (1, 'gave', ?, ?)").run(++n, v) },
    { at: 'promises.made_by', words: PROMISE_BY, set: (v: unknown) => db.prepare("INSERT INTO promises (contact_id, made_by, text, made_on) VALUES (1, ?, 'x', 20000)").run(v) },
    { at: 'review_flags.severity', words: SEVERITIES, set: (v: unknown) => db.prepare("INSERT INTO review_flags (review_id, contact_id, signal, severity) VALUES (1, 1, ?, ?)").run(`sig${++n}`, v) },
  ];
}

/** Values no vocabulary holds: other case, a space for the hyphen, empty, a number, and a near miss. */
const NOT_WORDS: unknown[] = ['Call', 'in person', '', ' ', 7, 'cut_off', 'me '];

describe('vocabulary CHECKs', () => {
  it('accept every word of src/domain/vocab.ts and refuse anything else, in every table', () => {
    const j = openJournal(':memory:', { write: true });
    try {
      for (const { at, words, set } of vocabularyColumns(j.db)) {
        for (const w of words) expect(() => set(w), `${at} = ${JSON.stringify(w)}`).not.toThrow();
        for (const bad of NOT_WORDS) {
          let code: string | undefined;
          try {
            set(bad);
          } catch (e) {
            code = (e as { code?: string }).code;
          }
          // STRICT tables refuse a number in a TEXT column by type; the CHECK refuses the rest.
          expect(code, `${at} = ${JSON.stringify(bad)}`).toMatch(/^SQLITE_CONSTRAINT_(CHECK|DATATYPE)$/);
        }
      }
    } finally {
      j.close();
    }
  });
});

/**
 * `x IN (...)` with three or more constants, in the CREATE TABLE statements of `db`: what SQLite
 * evaluates, for a CHECK, by filling a temporary b-tree with the list on every row written.
 */
function costlyInLists(db: Db): string[] {
  const found: string[] = [];
  for (const { name, sql } of db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string; sql: string }>) {
    for (const m of sql.matchAll(/\b(\w+)\s+IN\s*\(([^()]*)\)/gi)) {
      const items = m[2]!.split(',');
      if (items.length >= 3 && items.every((i) => /^\s*('[^']*'|-?\d+)\s*$/.test(i))) found.push(`${name}: ${m[1]} IN (${m[2]})`);
    }
  }
  return found;
}

describe('CHECK constraints cost nothing per row', () => {
  it('no table compares a column with a list of three or more constants (write x = a OR x = b ...)', () => {
    const j = openJournal(':memory:', { write: true });
    try {
      expect(costlyInLists(j.db)).toEqual([]);
    } finally {
      j.close();
    }
  });

  it('(the check finds the lists of schema v4, which migration 005 rewrote)', () => {
    const v4 = journalAt(4);
    try {
      expect(costlyInLists(v4.db).map((s) => s.split(':')[0])).toEqual(expect.arrayContaining(['contacts', 'contact_items', 'interactions', 'exchanges', 'review_flags']));
      expect(costlyInLists(v4.db).length).toBe(8);
    } finally {
      v4.close();
    }
  });
});

/** Every row of every table, in key order: the whole content, ids included. */
function dump(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries(tables.map((t) => [t, sorted(db.prepare(`SELECT * FROM "${t}"`).raw().all())]));
}

/** Index and trigger definitions, by name (tables are compared by content instead). */
function indexesAndTriggers(db: Db): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").raw().all();
}

describe('migration 005', () => {
  it('upgrades a v4 journal that already had rows without their parent (edited by hand), so rel check can report them', () => {
    const v4 = journalAt(4);
    v4.db.pragma('foreign_keys = OFF');
    v4.db.exec(`INSERT INTO contacts (id, name, name_key, added_on) VALUES (1, 'Ada', 'ada', 20000);
      INSERT INTO contact_items VALUES (1, 'tag', 0, 'x', 'x'), (99, 'tag', 0, 'y', 'y');
      INSERT INTO promises (contact_id, made_by, text, made_on) VALUES (98, 'me', 'orphan', 20000);`);
    v4.close();
    const upgraded = openJournal(v4.path, { write: true });
    try {
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(listMigrations().length);
      expect((upgraded.db.pragma('foreign_key_check') as Array<{ table: string }>).map((r) => r.table).sort()).toEqual(['contact_items', 'promises']);
      expect(upgraded.db.prepare('SELECT count(*) FROM contact_items').pluck().get()).toBe(2);
    } finally {
      upgraded.close();
    }
  });

  it('keeps every row and id of a v4 journal, its indexes, its trigger and its foreign keys', () => {
    const v4 = journalAt(4);
    const db = v4.db;
    db.exec(`
      INSERT INTO contacts (id, name, name_key, org, circle, cadence_days, stage, met_on, how_met, notes, status, ended_on, end_note, added_on)
        VALUES (3, 'Ada', 'ada', 'Engines', 'client', 30, 2, 19000, 'a talk', 'n', 'active', NULL, NULL, 19500),
               (7, 'Brook', 'brook', NULL, 'family', NULL, 0, NULL, NULL, '', 'ended', 20100, 'moved', 19600),
               (9, 'Cleo', 'cleo', NULL, 'other', NULL, 5, NULL, NULL, '', 'active', NULL, NULL, 19700);
      INSERT INTO contact_items VALUES (3, 'alias', 0, 'Countess', 'countess'), (3, 'need', 0, 'funding', 'funding'), (9, 'tag', 1, 'Board', 'board');
      INSERT INTO stage_changes (contact_id, stage, on_day, note) VALUES (3, 2, 19800, 'lunch'), (9, 5, NULL, '');
      INSERT INTO interactions (id, on_day, channel, initiated_by, outside_work, tone, push_kind, push_note, no_reply, note)
        VALUES (4, 20000, 'event', 'them', 1, 'warm', NULL, NULL, 0, 'gala'),
               (8, 20010, 'email', 'me', 0, 'cool', 'late', 'a week late', 1, ''),
               (12, 20020, 'in-person', 'mutual', 0, 'neutral', 'cut-off', '', 0, 'é');
      INSERT INTO interaction_contacts (contact_id, on_day, interaction_id, position, touch_bits, gave, got)
        VALUES (3, 20000, 4, 0, 1076, 1, 0), (9, 20000, 4, 1, 1076, 1, 0), (3, 20010, 8, 0, 323, 0, 2), (7, 20020, 12, 0, 1802, 0, 0);
      INSERT INTO exchanges VALUES (4, 'gave', 0, 'intro', 'to Cleo'), (8, 'got', 0, 'business', ''), (8, 'got', 1, 'gift', 'wine');
      INSERT INTO promises (contact_id, made_by, text, made_on, due, done_on) VALUES (3, 'me', 'send the deck', 20000, 20007, NULL);
      INSERT INTO reviews (id, as_of) VALUES (2, 20015);
      INSERT INTO review_flags VALUES (2, 3, 'fading', 'medium'), (2, 9, 'long-gap', 'high');`);
    const before = dump(db);
    const schemaBefore = indexesAndTriggers(db);
    v4.close();

    // Up to 005 only: 006 adds a table and triggers of its own (test/store/summary.test.ts).
    const upgraded = openJournal(v4.path, { write: true, migrationsDir: migrationsUpTo(5) });
    const u = upgraded.db;
    try {
      expect(u.pragma('user_version', { simple: true })).toBe(5);
      expect(dump(u)).toEqual(before);
      expect(indexesAndTriggers(u)).toEqual(schemaBefore);
      expect(u.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(u.pragma('foreign_key_check')).toEqual([]);
      // Foreign keys are enforced again, and still cascade from the rebuilt parents.
      expect(u.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => u.prepare("INSERT INTO exchanges VALUES (99, 'gave', 0, 'gift', '')").run()).toThrow(/FOREIGN KEY/);
      u.prepare('DELETE FROM contacts WHERE id = 3').run();
      expect(u.prepare('SELECT count(*) FROM contact_items WHERE contact_id = 3').pluck().get()).toBe(0);
      expect(u.prepare('SELECT count(*) FROM interaction_contacts WHERE contact_id = 3').pluck().get()).toBe(0);
      expect(u.prepare('SELECT count(*) FROM review_flags WHERE contact_id = 3').pluck().get()).toBe(0);
      u.prepare('DELETE FROM interactions WHERE id = 8').run();
      expect(u.prepare('SELECT count(*) FROM exchanges WHERE interaction_id = 8').pluck().get()).toBe(0);
      // The trigger came back with its table: a participant row's day follows its interaction's.
      u.prepare('UPDATE interactions SET on_day = 20005 WHERE id = 4').run();
      expect(u.prepare('SELECT DISTINCT on_day FROM interaction_contacts WHERE interaction_id = 4').pluck().all()).toEqual([20005]);
    } finally {
      upgraded.close();
    }
  });
});

describe('activeOnSql', () => {
  it('is the negation of the domain\'s isEndedAsOf for every status, end day and day', () => {
    const j = openJournal(':memory:', { write: true });
    try {
      const ask = j.db.prepare(`SELECT ${activeOnSql('c', ':day')} FROM (SELECT :status AS status, :endedOn AS ended_on) c`).pluck();
      for (const status of ['active', 'ended'] as const) for (const endedOn of [null, 19_999, 20_000, 20_001]) for (const day of [19_999, 20_000, 20_001]) {
        expect(ask.get({ status, endedOn, day }) === 1, `${status}, ended ${endedOn}, on ${day}`).toBe(!isEndedAsOf({ status, endedOn }, day));
      }
    } finally {
      j.close();
    }
  });
});
