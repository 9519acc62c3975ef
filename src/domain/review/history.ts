/**
 * Small reads over one contact's history that several rules share. Every rule is handed the
 * whole history and the as-of day and must ignore anything dated later, so the cut-off is a
 * binary search here rather than a filtered copy per rule.
 */
import type { Contact, ContactHistory, Day, Flag, Touch } from '../types.js';
import type { Severity, Signal, Stage } from '../vocab.js';
import { STAGE_NAMES } from '../vocab.js';

/** Index one past the last touch dated on or before `asOf` (touches ascend by day). */
export function touchesEnd(touches: readonly Touch[], asOf: Day): number {
  let lo = 0;
  let hi = touches.length;
  if (hi === 0 || touches[hi - 1]!.on <= asOf) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (touches[mid]!.on <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A touch that reached the person. An outreach that got no reply is not contact with them: it
 * says I tried, not that we spoke, so it never resets a gap (the unanswered rule counts it).
 */
export function reached(t: Touch): boolean {
  return !t.noReply;
}

/**
 * The spec's own date of a contact: its met-on date, else its first interaction, else the day
 * it was added.
 */
export function contactOwnDate(contact: Contact, firstTouch: Day | null): Day {
  return contact.metOn ?? firstTouch ?? contact.addedOn;
}

/** The contact's own date as known on `asOf` (a first interaction after `asOf` does not count). */
export function ownDateAsOf(history: ContactHistory, end: number): Day {
  return contactOwnDate(history.contact, end > 0 ? history.touches[0]!.on : null);
}

/** Day of the latest touch before `end` that reached them, or null. */
export function lastReachedDay(touches: readonly Touch[], end: number): Day | null {
  for (let i = end - 1; i >= 0; i--) if (reached(touches[i]!)) return touches[i]!.on;
  return null;
}

/**
 * The stage on `asOf` and the day it began: the latest stage change on or before `asOf` (a
 * repeated entry for the same stage does not restart the clock), else the contact's current
 * stage since its own date when no change is recorded at all. When every recorded change is
 * later than `asOf`, the contact was still "new" then.
 */
export function stageAsOf(history: ContactHistory, asOf: Day, ownDate: Day): { stage: Stage; since: Day } {
  const changes = history.contact.stageHistory;
  if (changes.length === 0) return { stage: history.contact.stage, since: ownDate };
  let stage: Stage = 0;
  let since = ownDate;
  let started = false;
  for (const change of changes) {
    if (change.on > asOf) break;
    if (!started || change.stage !== stage) {
      stage = change.stage;
      since = change.on;
      started = true;
    }
  }
  return { stage, since };
}

export function stageName(stage: number): string {
  return STAGE_NAMES[stage] ?? String(stage);
}

export function makeFlag(
  contact: Contact, signal: Signal, severity: Severity, summary: string, evidence: Record<string, unknown>,
): Flag {
  return { contactId: contact.id, contact: contact.name, signal, severity, summary, evidence };
}

/** "1 day", "3 days". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One decimal, without a trailing ".0". */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
