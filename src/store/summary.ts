/**
 * `contact_summary` (migrations/006_contact_summary.sql): each contact's touch extremes, kept by
 * triggers on every write to interaction_contacts, read by the reports with the contacts.
 *
 * A bulk import suspends the triggers (each would cost an upsert per participant row, a fifth of
 * the import) and sums up the contacts it touched in one statement before it commits: the same
 * transaction, so the summary is never seen out of step.
 */
import type { Db } from './journal.js';

/** How many of the latest distinct days in touch `reached_days` keeps (migration 006). */
export const SUMMARY_REACHED_DAYS = 16;

/** One contact's row, as the store hands it on. */
export interface TouchSummary {
  firstOn: number;
  lastOn: number;
  touches: number;
  lastReached: number | null;
  lastInPerson: number | null;
  lastBusiness: number | null;
  firstOthers: number | null;
  /**
   * The latest distinct days in touch, newest first (at most SUMMARY_REACHED_DAYS), as stored:
   * decimal days joined by commas. `parseReachedDays` reads it, for the few contacts that need it.
   */
  reachedDays: string;
}

const COLUMNS = 'contact_id, first_on, last_on, touches, last_reached, last_in_person, last_business, first_others, reached_days';

/**
 * The summary of the contacts `where` selects from interaction_contacts `ic`, worked out from
 * their touches: migration 006's definition, which its triggers keep. `rel check` compares
 * the stored rows with it.
 */
export function summarySelect(where: string): string {
  return `SELECT ic.contact_id, min(ic.on_day), max(ic.on_day), count(*),
    max(ic.on_day) FILTER (WHERE (ic.touch_bits & 1) = 0),
    max(ic.on_day) FILTER (WHERE (ic.touch_bits & 1025) = 1024),
    max(ic.on_day) FILTER (WHERE (ic.touch_bits & 2048) <> 0),
    min(ic.on_day) FILTER (WHERE (ic.touch_bits & 12) <> 0),
    coalesce((SELECT group_concat(d, ',' ORDER BY d DESC) FROM (SELECT DISTINCT r.on_day AS d FROM interaction_contacts r
      WHERE r.contact_id = ic.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT ${SUMMARY_REACHED_DAYS})), '')
  FROM interaction_contacts ic ${where} GROUP BY ic.contact_id`;
}

/** `reached_days` as numbers; throws on anything but decimal days, newest first. */
export function parseReachedDays(text: string): number[] {
  if (text === '') return [];
  const days = text.split(',').map(Number);
  for (let i = 0; i < days.length; i++) {
    if (!Number.isInteger(days[i]) || (i > 0 && days[i]! >= days[i - 1]!)) throw new Error(`contact_summary.reached_days is damaged: "${text.slice(0, 40)}"`);
  }
  return days;
}

const TRIGGERS = ['contact_summary_insert', 'contact_summary_delete', 'contact_summary_update'];

/**
 * Drops the summary's triggers until `resume`, which sums up `contactIds` from their touches and
 * puts the triggers back as they were (their SQL is read from the journal, not repeated here).
 * Both inside the caller's transaction: a rollback restores the triggers too.
 */
export function suspendSummary(db: Db): { resume(contactIds: Iterable<number>): void } {
  const saved = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'interaction_contacts'
      AND name IN (${TRIGGERS.map(() => '?').join(', ')})`).all(...TRIGGERS) as Array<{ name: string; sql: string }>;
  for (const t of saved) db.exec(`DROP TRIGGER "${t.name}"`);
  return {
    resume(contactIds) {
      const ids = JSON.stringify([...new Set(contactIds)]);
      if (ids !== '[]') {
        db.prepare('DELETE FROM contact_summary WHERE contact_id IN (SELECT value FROM json_each(?))').run(ids);
        db.prepare(`INSERT INTO contact_summary (${COLUMNS}) ${summarySelect('WHERE ic.contact_id IN (SELECT value FROM json_each(?))')}`).run(ids);
      }
      for (const t of saved) db.exec(t.sql);
    },
  };
}

/**
 * Contacts whose stored summary differs from the one their touches give (or that lack one, or
 * have one without touches), at most `max`: the file was changed with the triggers dropped, or
 * damaged. The reports would read wrong extremes.
 */
export function summaryProblems(db: Db, max = 100): number[] {
  const derived = summarySelect('');
  return db.prepare(`SELECT contact_id FROM (SELECT * FROM (${derived}) EXCEPT SELECT ${COLUMNS} FROM contact_summary)
    UNION
    SELECT contact_id FROM (SELECT ${COLUMNS} FROM contact_summary EXCEPT SELECT * FROM (${derived}))
    ORDER BY contact_id LIMIT ?`).pluck().all(Math.max(1, Math.floor(max))) as number[];
}
