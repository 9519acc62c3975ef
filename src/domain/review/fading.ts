/**
 * fading: we are in touch far less often than we used to, even if not yet past due. This is the
 * moment a relationship gets turned down once the business reason is gone, and the moment to
 * keep it going on its own terms.
 */
import { DAYS_PER_MONTH, formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, round1 } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/**
 * Counts distinct days in touch (unanswered outreach excluded; several messages on one day are
 * one contact) in the last `recentWindowDays`, and in the `baselineDays` before that window
 * (from the first contact on, if that is later). The baseline rate predicts how many recent
 * days to expect; the flag needs at least `minBaselineDays` and `minBaselineContacts` of
 * baseline and a prediction of at least `minExpectedRecent` (a rare contact having a quiet
 * quarter is normal). Flags when recent / expected <= `lowRatio`; medium at `mediumRatio`,
 * high at `highRatio`.
 */
export function detectFading(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const f = t.fading;
  const facts = factsOf(history, asOf, t);
  const windowStart = asOf - f.recentWindowDays; // recent: on > windowStart
  const baselineStart = windowStart - f.baselineDays; // baseline: baselineStart < on <= windowStart
  const recentCount = facts.fadingRecentDays;
  const baselineCount = facts.fadingBaselineDays;
  const lastContact = facts.lastReached !== null && facts.lastReached > baselineStart ? facts.lastReached : null;
  if (baselineCount < f.minBaselineContacts) return null;
  let first = baselineStart + 1;
  if (facts.firstOn !== null && facts.firstOn > baselineStart && facts.firstReached !== null) {
    // The whole history fits in the look-back: the baseline starts at the first contact.
    first = Math.max(first, facts.firstReached);
  }
  const baselineSpan = windowStart - first + 1;
  if (baselineSpan < f.minBaselineDays) return null;
  const expectedRecent = (baselineCount / baselineSpan) * f.recentWindowDays;
  if (expectedRecent < f.minExpectedRecent) return null;
  const ratio = recentCount / expectedRecent;
  const severity: Severity | null = ratio <= f.highRatio ? 'high'
    : ratio <= f.mediumRatio ? 'medium'
      : ratio <= f.lowRatio ? 'low' : null;
  if (severity === null) return null;
  const usualPerMonth = round1((baselineCount / baselineSpan) * DAYS_PER_MONTH);
  const recentPerMonth = round1((recentCount / f.recentWindowDays) * DAYS_PER_MONTH);
  const last = lastContact === null ? null : formatDay(lastContact);
  const recentText = recentCount === 0 ? 'not at all' : `only ${times(recentCount)}`;
  const summary = `You and ${contact.name} were in touch about ${times(usualPerMonth)} a month, but ${recentText} `
    + `in the last ${f.recentWindowDays} days${last ? ` (last on ${last})` : ''}: if the work that brought you together `
    + 'has wound down, keep in touch for its own sake with a catch-up that has no agenda.';
  return makeFlag(contact, 'fading', severity, summary, {
    recentCount,
    recentWindowDays: f.recentWindowDays,
    expectedRecent: round1(expectedRecent),
    usualPerMonth,
    recentPerMonth,
    lastContact: last,
    baselineCount,
    baselineDays: baselineSpan,
  });
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
