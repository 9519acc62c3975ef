/**
 * Small reads over one contact's history that several rules share. What the rules know about
 * the touches themselves comes from the touch facts (facts.ts), already cut off at the as-of day.
 */
import type { Contact, ContactHistory, Day, Flag } from '../types.js';
import type { TouchFacts } from './facts.js';
import type { Severity, Signal, Stage } from '../vocab.js';
import { STAGE_NAMES } from '../vocab.js';

/**
 * The spec's own date of a contact: its met-on date, else its first interaction, else the day
 * it was added.
 */
export function contactOwnDate(contact: Pick<Contact, 'metOn' | 'addedOn'>, firstTouch: Day | null): Day {
  return contact.metOn ?? firstTouch ?? contact.addedOn;
}

/** The contact's own date as known on the facts' day (a first interaction after it does not count). */
export function ownDateOf(contact: Pick<Contact, 'metOn' | 'addedOn'>, facts: TouchFacts): Day {
  return contactOwnDate(contact, facts.firstOn);
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
  contact: Pick<Contact, 'id' | 'name'>, signal: Signal, severity: Severity, summary: string, evidence: Record<string, unknown>,
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
