/** Promises, mine and theirs. All SQL for them. */
import { activeOnSql } from './contacts.js';
import type { Db } from './journal.js';
import type { Day, PromiseRecord } from '../domain/types.js';
import type { PromiseBy } from '../domain/vocab.js';

export type NewPromise = Omit<PromiseRecord, 'id'>;

export function promiseWriter(db: Db): { insert(p: NewPromise): number } {
  const stmt = db.prepare('INSERT INTO promises (contact_id, made_by, text, made_on, due, done_on) VALUES (?,?,?,?,?,?)');
  return { insert: (p) => Number(stmt.run(p.contactId, p.by, p.text, p.madeOn, p.due, p.doneOn).lastInsertRowid) };
}

export interface PromiseView extends PromiseRecord { contact: string }

interface PromiseRow { id: number; contact_id: number; contact: string; made_by: PromiseBy; text: string; made_on: number; due: number | null; done_on: number | null }

const toView = (r: PromiseRow): PromiseView => ({
  id: r.id, contactId: r.contact_id, contact: r.contact, by: r.made_by, text: r.text, madeOn: r.made_on, due: r.due, doneOn: r.done_on,
});

/**
 * Open promises (or all with `all`), for contacts not ended by `today` (an end day still ahead
 * keeps their promises in view): overdue first (earliest due first), then those with a due
 * date, then undated; kept promises last, newest first.
 */
export function listPromises(db: Db, opts: { all: boolean; contactId?: number; today: Day }): PromiseView[] {
  const where = [activeOnSql('c', '?')];
  const params: unknown[] = [opts.today];
  if (!opts.all) where.push('p.done_on IS NULL');
  if (opts.contactId !== undefined) { where.push('p.contact_id = ?'); params.push(opts.contactId); }
  const rows = db.prepare(`SELECT p.id, p.contact_id, c.name AS contact, p.made_by, p.text, p.made_on, p.due, p.done_on
      FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE ${where.join(' AND ')}
      ORDER BY p.done_on IS NOT NULL, p.due IS NULL, p.due, p.made_on, p.id`).all(...params) as PromiseRow[];
  return rows.map(toView);
}

export function getPromise(db: Db, id: number): PromiseView | undefined {
  const r = db.prepare(`SELECT p.id, p.contact_id, c.name AS contact, p.made_by, p.text, p.made_on, p.due, p.done_on
      FROM promises p JOIN contacts c ON c.id = p.contact_id WHERE p.id = ?`).get(id) as PromiseRow | undefined;
  return r && toView(r);
}

export function markPromiseDone(db: Db, id: number, on: Day): void {
  db.prepare('UPDATE promises SET done_on = ? WHERE id = ?').run(on, id);
}
