/**
 * one-sided-initiation: I start nearly every conversation and they never reach out. It can mean
 * the relationship matters more to me than to them right now, or that I leave them no room.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, plural } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

export interface InitiationOptions {
  /**
   * False when nobody in the whole journal is ever recorded as starting a conversation.
   * `rel log --by` defaults to `me`, so such a journal has simply never recorded who started
   * what, and every busy contact would look one-sided. `reviewContacts` works this out.
   */
  initiatorsRecorded?: boolean;
}

/**
 * Not for mentors: asking for a mentor's time is the mentee's part, and their side of the
 * balance is what they give (which one-sided-giving still watches).
 * Over the last `windowDays`, counts who started the one-on-one conversations that took place.
 * Group meetings say little about whether this person seeks me out, and unanswered outreach
 * is the unanswered rule's business, so neither counts. Flags when I started at least `minByMe`
 * and their share (by them or mutual) is at most `maxTheirShare`. Severity by how many I
 * started: low, medium from `mediumCount`, high from `highCount`.
 */
export function detectOneSidedInitiation(
  history: ContactHistory, asOf: Day, t: ReviewThresholds, options: InitiationOptions = {},
): Flag | null {
  const { contact } = history;
  if (options.initiatorsRecorded === false || contact.circle === 'mentor') return null;
  const o = t.oneSidedInitiation;
  const start = asOf - o.windowDays;
  const { byMe, byThem, mutual } = factsOf(history, asOf, t);
  const total = byMe + byThem + mutual;
  if (byMe < o.minByMe || byThem + mutual > total * o.maxTheirShare) return null;
  const severity: Severity = byMe >= o.highCount ? 'high' : byMe >= o.mediumCount ? 'medium' : 'low';
  const since = formatDay(start + 1);
  const theirs = byThem + mutual;
  const started = byMe === total ? `all ${plural(total, 'conversation')}` : `${byMe} of ${plural(total, 'conversation')}`;
  const summary = `Since ${since} you started ${started} with ${contact.name}`
    + `${theirs === 0 ? ' and they started none' : `, they started ${theirs}`}: leave them room to come to you, `
    + 'or end your next message with an open question they would enjoy answering.';
  return makeFlag(contact, 'one-sided-initiation', severity, summary, { byMe, byThem, mutual, windowDays: o.windowDays, since });
}
