/** The SQL behind `rel check`: SQLite's own integrity and foreign-key checks, and row counts. */
import type { Db } from './journal.js';

/** Problems `PRAGMA integrity_check` reports (at most `max`), or [] when it says ok. */
export function integrityProblems(db: Db, max = 100): string[] {
  const rows = db.pragma(`integrity_check(${Math.max(1, Math.floor(max))})`, { simple: false }) as Array<{ integrity_check: string }>;
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

export interface ForeignKeyProblem { table: string; rowid: number | null; parent: string }

/** Rows pointing at a missing parent. `integrity_check` does not look at foreign keys. */
export function foreignKeyProblems(db: Db): ForeignKeyProblem[] {
  const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>;
  return rows.map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent }));
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface JournalCounts {
  contactsActive: number; contactsEnded: number; interactions: number; promisesOpen: number; promisesKept: number;
}

export function journalCounts(db: Db): JournalCounts {
  return db.prepare(`SELECT
      (SELECT count(*) FROM contacts WHERE status = 'active') AS contactsActive,
      (SELECT count(*) FROM contacts WHERE status = 'ended') AS contactsEnded,
      (SELECT count(*) FROM interactions) AS interactions,
      (SELECT count(*) FROM promises WHERE done_on IS NULL) AS promisesOpen,
      (SELECT count(*) FROM promises WHERE done_on IS NOT NULL) AS promisesKept`).get() as JournalCounts;
}
