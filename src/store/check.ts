/**
 * The SQL behind `rel check`: SQLite's own integrity and foreign-key checks, the reports'
 * copies on participant rows, and row counts.
 */
import { touchBitsSql } from './facts.js';
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

export interface CopyProblem { interactionId: number; contactId: number; fields: string[] }

/**
 * Participant rows whose copies of their interaction (day, touch_bits, items given and
 * received: migration 004) disagree with it, at most `max`. rel writes them with the
 * interaction and never edits them, so any difference means the file was changed by hand or
 * damaged, and the review would read wrong figures.
 */
export function copyProblems(db: Db, max = 100): CopyProblem[] {
  const rows = db.prepare(`SELECT ic.interaction_id, ic.contact_id, ic.on_day <> i.on_day, ic.touch_bits <> ${touchBitsSql('i')},
        ic.gave <> (SELECT count(*) FROM exchanges e WHERE e.interaction_id = i.id AND e.direction = 'gave'),
        ic.got <> (SELECT count(*) FROM exchanges e WHERE e.interaction_id = i.id AND e.direction = 'got')
      FROM interaction_contacts ic JOIN interactions i ON i.id = ic.interaction_id`).raw().iterate() as Iterable<
    [number, number, number, number, number, number]>;
  const out: CopyProblem[] = [];
  for (const [interactionId, contactId, day, bits, gave, got] of rows) {
    if (!day && !bits && !gave && !got) continue;
    const fields = [day ? 'day' : '', bits ? 'touch_bits' : '', gave ? 'gave' : '', got ? 'got' : ''].filter(Boolean);
    out.push({ interactionId, contactId, fields });
    if (out.length >= max) break;
  }
  return out;
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
