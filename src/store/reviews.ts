/** Past reviews' flags, for "better since the last review". All SQL for them. */
import type { Db } from './journal.js';
import type { Day, Flag } from '../domain/types.js';
import type { Severity, Signal } from '../domain/vocab.js';

/** How many past reviews to keep: a year of weekly reviews. */
const KEEP_REVIEWS = 60;

export interface PastReview { asOf: Day; flags: Array<{ contactId: number; contact: string; signal: Signal; severity: Severity }> }

/** The latest stored review strictly before `asOf`, with its contacts' current names. */
export function previousReview(db: Db, asOf: Day): PastReview | null {
  const r = db.prepare('SELECT id, as_of FROM reviews WHERE as_of < ? ORDER BY as_of DESC LIMIT 1').get(asOf) as { id: number; as_of: Day } | undefined;
  if (!r) return null;
  const flags = db.prepare(`SELECT f.contact_id AS contactId, c.name AS contact, f.signal, f.severity FROM review_flags f
      JOIN contacts c ON c.id = f.contact_id WHERE f.review_id = ? ORDER BY c.name`).all(r.id) as PastReview['flags'];
  return { asOf: r.as_of, flags };
}

/** Stores (or replaces) the review of `asOf`; keeps the latest KEEP_REVIEWS. Run inside a transaction. */
export function saveReview(db: Db, asOf: Day, flags: readonly Flag[]): void {
  db.prepare('DELETE FROM reviews WHERE as_of = ?').run(asOf);
  const id = Number(db.prepare('INSERT INTO reviews (as_of) VALUES (?)').run(asOf).lastInsertRowid);
  const insert = db.prepare('INSERT OR IGNORE INTO review_flags (review_id, contact_id, signal, severity) VALUES (?,?,?,?)');
  for (const f of flags) insert.run(id, f.contactId, f.signal, f.severity);
  db.prepare(`DELETE FROM reviews WHERE id NOT IN (SELECT id FROM reviews ORDER BY as_of DESC LIMIT ${KEEP_REVIEWS})`).run();
}
