/**
 * Small builders for suggest tests: plain domain objects with sensible defaults, dates written
 * as `YYYY-MM-DD`. Every test uses the fixed `AS_OF`.
 */
import { day, touch } from '../../helpers/domain.js';
import type { Contact, ContactHistory, Day, Flag, PromiseRecord, ReportContact, Touch } from '../../../src/domain/types.js';

export { day, touch };

export const AS_OF_TEXT = '2026-06-01';
export const AS_OF: Day = day(AS_OF_TEXT);


/** `n` days before AS_OF. */
export function ago(n: number): Day {
  return AS_OF - n;
}

let nextId = 1000;

export function contact(name: string, over: Partial<Contact> = {}): Contact {
  return {
    id: over.id ?? nextId++,
    name,
    aliases: [],
    org: null,
    role: null,
    circle: 'colleague',
    cadenceDays: null,
    stage: 1,
    emails: [],
    tags: [],
    needs: [],
    offers: [],
    interests: [],
    metOn: day('2025-01-01'),
    howMet: null,
    notes: '',
    status: 'active',
    endedOn: null,
    endNote: null,
    addedOn: day('2025-01-01'),
    stageHistory: [],
    ...over,
  };
}

/** Touches every `every` days, from `from` days ago up to `to` days ago. */
export function regular(from: number, to: number, every: number, over: Partial<Touch> = {}): Touch[] {
  const out: Touch[] = [];
  for (let n = from; n >= to; n -= every) out.push(touch(ago(n), over));
  return out;
}

let nextPromise = 1;

export function promise(over: Partial<PromiseRecord> & { contactId: number }): PromiseRecord {
  return {
    id: nextPromise++,
    by: 'me',
    text: 'send the deck',
    madeOn: ago(40),
    due: ago(20),
    doneOn: null,
    ...over,
  };
}

export function history(c: ReportContact, touches: Touch[] = [], promises: PromiseRecord[] = []): ContactHistory {
  return { contact: c, touches: [...touches].sort((a, b) => a.on - b.on || a.interactionId - b.interactionId), promises };
}

/**
 * A healthy relationship: met long ago, a touch every 20 days, the last one 5 days ago. The
 * review finds nothing wrong with it.
 */
export function healthy(name: string, over: Partial<Contact> = {}): ContactHistory {
  const c = contact(name, over);
  return history(c, regular(305, 5, 20));
}

export function flag(c: Contact, over: Partial<Flag> & Pick<Flag, 'signal'>): Flag {
  return {
    contactId: c.id,
    contact: c.name,
    severity: 'medium',
    summary: '',
    evidence: {},
    ...over,
  };
}
