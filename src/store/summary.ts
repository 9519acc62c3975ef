/**
 * `contact_summary` (migrations/006_contact_summary.sql): each contact's touch extremes, kept by
 * triggers on every write to interaction_contacts, read by the reports with the contacts.
 *
 * A bulk import suspends the triggers (each would cost an upsert per participant row, a fifth of
 * the import), sums up the rows it writes as it writes them (`SummaryAccumulator`), and writes
 * those contacts' rows before it commits: the same transaction, so the summary is never seen out
 * of step.
 */
import type { Db } from './journal.js';
import { TOUCH_BITS } from '../domain/review/facts.js';

/** How many of the latest distinct days in touch `reached_days` keeps (migration 006). */
export const SUMMARY_REACHED_DAYS = 16;

/** What the reports read of one contact's row. */
export interface TouchSummary {
  firstOn: number;
  lastReached: number | null;
  lastInPerson: number | null;
  lastBusiness: number | null;
  firstOthers: number | null;
  /**
   * The latest distinct days in touch (at most SUMMARY_REACHED_DAYS), as stored: decimal days
   * joined by commas, in no promised order (migration 006 says why). Read only for the contacts
   * that need it.
   */
  reachedDays: string;
}

const COLUMNS = 'contact_id, first_on, last_on, touches, last_reached, last_in_person, last_business, first_others, reached_days';

/**
 * The summary of the contacts `where` selects from interaction_contacts `ic`, worked out from
 * their touches: migration 006's definition, in the same SQL as its triggers (so the lists of
 * days come out in the same order), which `rel check` compares the stored rows with.
 */
export function summarySelect(where: string): string {
  return `SELECT ic.contact_id, min(ic.on_day), max(ic.on_day), count(*),
    max(CASE WHEN (ic.touch_bits & 1) = 0 THEN ic.on_day END),
    max(CASE WHEN (ic.touch_bits & 1025) = 1024 THEN ic.on_day END),
    max(CASE WHEN (ic.touch_bits & 2048) <> 0 THEN ic.on_day END),
    min(CASE WHEN (ic.touch_bits & 12) <> 0 THEN ic.on_day END),
    coalesce((SELECT group_concat(d, ',') FROM (SELECT DISTINCT r.on_day AS d FROM interaction_contacts r
      WHERE r.contact_id = ic.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT ${SUMMARY_REACHED_DAYS})), '')
  FROM interaction_contacts ic ${where} GROUP BY ic.contact_id`;
}

/** `reached_days` as numbers, in the order stored; throws on anything but decimal days. */
export function parseReachedDays(text: string): number[] {
  if (text === '') return [];
  const days = text.split(',').map(Number);
  if (!days.every(Number.isInteger)) throw new Error(`contact_summary.reached_days is damaged: "${text.slice(0, 40)}"`);
  return days;
}

const TRIGGERS = ['contact_summary_insert', 'contact_summary_delete', 'contact_summary_update'];

/**
 * The summary rows of the touches a bulk write adds, worked out as they are written (a touch is
 * a few comparisons; summing the contacts up again in SQL afterwards cost the import of a
 * 100,000-interaction file about 60 ms). Each extreme of old and new touches together is the
 * extreme of the two, and the latest days of both together are among the latest of each, so
 * `write` merges with the rows already there and the result is exactly migration 006's.
 */
export class SummaryAccumulator {
  /** Per contact; `days` oldest first (a file in day order then only appends). */
  private readonly rows = new Map<number, Accumulated>();

  /** One participant row: its contact, day and `touch_bits`. Called for every row an import writes. */
  add(contactId: number, on: number, bits: number): void {
    let a = this.rows.get(contactId);
    if (a === undefined) {
      a = { firstOn: on, lastOn: on, touches: 0, lastReached: null, lastInPerson: null, lastBusiness: null, firstOthers: null, days: [] };
      this.rows.set(contactId, a);
    }
    if (on < a.firstOn) a.firstOn = on;
    else if (on > a.lastOn) a.lastOn = on;
    a.touches++;
    if ((bits & B.noReply) === 0) {
      if (a.lastReached === null || on > a.lastReached) a.lastReached = on;
      if ((bits & B.inPerson) !== 0 && (a.lastInPerson === null || on > a.lastInPerson)) a.lastInPerson = on;
      addDay(a.days, on);
    }
    if ((bits & B.business) !== 0 && (a.lastBusiness === null || on > a.lastBusiness)) a.lastBusiness = on;
    if ((bits & (B.byThem | B.mutual)) !== 0 && (a.firstOthers === null || on < a.firstOthers)) a.firstOthers = on;
  }

  /** Writes every accumulated contact's row, merged with the one it had. */
  write(db: Db): void {
    if (this.rows.size === 0) return;
    const ids = JSON.stringify([...this.rows.keys()]);
    for (const [id, firstOn, lastOn, touches, lastReached, lastInPerson, lastBusiness, firstOthers, reachedDays] of db.prepare(`SELECT ${COLUMNS}
        FROM contact_summary WHERE contact_id IN (SELECT value FROM json_each(?))`).raw().all(ids) as Array<
      [number, number, number, number, number | null, number | null, number | null, number | null, string]>) {
      const a = this.rows.get(id)!;
      a.firstOn = Math.min(a.firstOn, firstOn);
      a.lastOn = Math.max(a.lastOn, lastOn);
      a.touches += touches;
      a.lastReached = later(a.lastReached, lastReached);
      a.lastInPerson = later(a.lastInPerson, lastInPerson);
      a.lastBusiness = later(a.lastBusiness, lastBusiness);
      a.firstOthers = earlier(a.firstOthers, firstOthers);
      for (const day of parseReachedDays(reachedDays)) addDay(a.days, day);
    }
    const put = db.prepare(`INSERT OR REPLACE INTO contact_summary (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const [id, a] of this.rows) {
      put.run(id, a.firstOn, a.lastOn, a.touches, a.lastReached, a.lastInPerson, a.lastBusiness, a.firstOthers, a.days.reverse().join(','));
    }
  }
}

const B = TOUCH_BITS;

/** One contact's sums so far; `days` distinct, oldest first (see addDay). */
type Accumulated = Omit<TouchSummary, 'reachedDays'> & { lastOn: number; touches: number; days: number[] };

const later = (a: number | null, b: number | null) => (a === null ? b : b === null || a >= b ? a : b);
const earlier = (a: number | null, b: number | null) => (a === null ? b : b === null || a <= b ? a : b);

/** Adds `day` to `days` (distinct, oldest first, the latest SUMMARY_REACHED_DAYS). */
function addDay(days: number[], day: number): void {
  const n = days.length;
  if (n === 0 || day > days[n - 1]!) {
    days.push(day);
    if (n === SUMMARY_REACHED_DAYS) days.shift();
    return;
  }
  let j = n;
  while (j > 0 && days[j - 1]! > day) j--;
  if (j > 0 && days[j - 1] === day) return;
  if (j === 0 && n === SUMMARY_REACHED_DAYS) return;
  days.splice(j, 0, day);
  if (days.length > SUMMARY_REACHED_DAYS) days.shift();
}

/**
 * Drops the summary's triggers until `resume`, which writes the rows `touched` gathered and puts
 * the triggers back as they were (their SQL is read from the journal, not repeated here). Both
 * inside the caller's transaction: a rollback restores the triggers too.
 */
export function suspendSummary(db: Db): { resume(touched: SummaryAccumulator): void } {
  const saved = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'interaction_contacts'
      AND name IN (${TRIGGERS.map(() => '?').join(', ')})`).all(...TRIGGERS) as Array<{ name: string; sql: string }>;
  for (const t of saved) db.exec(`DROP TRIGGER "${t.name}"`);
  return {
    resume(touched) {
      touched.write(db);
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

/**
 * The summary's triggers the journal lacks (dropped by hand, say): without them the summaries
 * would drift from the next write on, before summaryProblems could see a difference.
 */
export function missingSummaryTriggers(db: Db): string[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'interaction_contacts'").pluck().all() as string[]);
  return TRIGGERS.filter((name) => !present.has(name));
}
