/**
 * overdue-promise: a promise made in a meeting is past its due day and not kept. Following up
 * is much of what earns professional respect, so my promises weigh more than theirs: mine are
 * mine to keep, theirs only call for a friendly reminder.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag, PromiseRecord } from '../types.js';
import type { Severity } from '../vocab.js';
import { makeFlag, plural } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

interface Overdue {
  promise: PromiseRecord;
  daysOverdue: number;
  severity: Severity;
}

const RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

/**
 * One flag per contact, so a long list of small promises does not crowd the review: it names
 * the most overdue of my promises (else of theirs) and counts the rest. A promise counts when
 * made on or before `asOf`, due before `asOf`, and not kept by `asOf`; one without a due day
 * is never overdue. Mine: low from `mineLowDays` past due, medium from `mineMediumDays`, high
 * from `mineHighDays`; theirs: low from `theirsLowDays`, medium from `theirsMediumDays`. The
 * flag takes the highest severity among them.
 */
export function detectOverduePromise(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact, promises } = history;
  const o = t.overduePromise;
  const overdue: Overdue[] = [];
  for (const promise of promises) {
    if (promise.madeOn > asOf || promise.due === null || promise.due >= asOf) continue;
    if (promise.doneOn !== null && promise.doneOn <= asOf) continue;
    const daysOverdue = asOf - promise.due;
    const severity: Severity | null = promise.by === 'me'
      ? daysOverdue >= o.mineHighDays ? 'high' : daysOverdue >= o.mineMediumDays ? 'medium' : daysOverdue >= o.mineLowDays ? 'low' : null
      : daysOverdue >= o.theirsMediumDays ? 'medium' : daysOverdue >= o.theirsLowDays ? 'low' : null;
    if (severity !== null) overdue.push({ promise, daysOverdue, severity });
  }
  if (overdue.length === 0) return null;
  overdue.sort((a, b) => (a.promise.by === b.promise.by ? 0 : a.promise.by === 'me' ? -1 : 1)
    || b.daysOverdue - a.daysOverdue || a.promise.id - b.promise.id);
  const top = overdue[0]!;
  let severity: Severity = 'low';
  for (const o2 of overdue) if (RANK[o2.severity] > RANK[severity]) severity = o2.severity;
  const mine = overdue.filter((x) => x.promise.by === 'me').length;
  const due = formatDay(top.promise.due!);
  const more = overdue.length > 1 ? ` (and ${plural(overdue.length - 1, 'more promise')} past due)` : '';
  const summary = top.promise.by === 'me'
    ? `You promised ${contact.name} "${shorten(top.promise.text)}" by ${due}, now ${plural(top.daysOverdue, 'day')} past due${more}: `
      + 'keep it now, or tell them honestly when it will come.'
    : `${contact.name} promised "${shorten(top.promise.text)}" by ${due}, now ${plural(top.daysOverdue, 'day')} past due${more}: `
      + 'a friendly reminder, with an offer to help, is enough.';
  return makeFlag(contact, 'overdue-promise', severity, summary, {
    promiseId: top.promise.id,
    text: top.promise.text,
    by: top.promise.by,
    due,
    daysOverdue: top.daysOverdue,
    count: overdue.length,
    mine,
    theirs: overdue.length - mine,
    promises: overdue.map((x) => ({
      promiseId: x.promise.id, text: x.promise.text, by: x.promise.by, due: formatDay(x.promise.due!), daysOverdue: x.daysOverdue,
    })),
  });
}

/** Promise text in a one-line summary: the first 60 characters, on one line. */
function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
