/**
 * unanswered: my latest attempts to reach them went unanswered, several in a row. Silence can
 * be a busy season or a quiet push-away; either way, repeating the same message rarely helps.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/**
 * The trailing run of outreach logged with `--no-reply`, newest first, stopped by any
 * interaction that reached them (they answered, they got in touch, we met). A group message
 * nobody answered says little about this person, so unanswered group touches are skipped
 * rather than counted. Flags a run of at least `minInARow` whose first attempt is at least
 * `minWaitDays` old (people get time to answer); severity medium from `mediumInARow`, high
 * from `highInARow`.
 */
export function detectUnanswered(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const u = t.unanswered;
  const facts = factsOf(history, asOf, t);
  const inARow = facts.unansweredRun;
  const firstOn = facts.unansweredFirst;
  const lastOn = facts.unansweredLast;
  if (firstOn === null || lastOn === null || inARow < u.minInARow || asOf - firstOn < u.minWaitDays) return null;
  const severity: Severity = inARow >= u.highInARow ? 'high' : inARow >= u.mediumInARow ? 'medium' : 'low';
  const since = formatDay(firstOn);
  const lastAttempt = formatDay(lastOn);
  const summary = `Your last ${inARow} attempts to reach ${contact.name}, from ${since} to ${lastAttempt}, got no reply: `
    + 'try another channel or one short, no-pressure note, then give them space.';
  return makeFlag(contact, 'unanswered', severity, summary, {
    inARow, since, lastAttempt, daysSilent: asOf - firstOn,
  });
}
