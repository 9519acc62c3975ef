/** Small builders for review tests: everything is dated relative to one fixed as-of day. */
import { day, touch } from '../../helpers/domain.js';
import type { Contact, ContactHistory, Day, PromiseRecord, StageChange, Touch } from '../../../src/domain/types.js';
import type { Stage } from '../../../src/domain/vocab.js';

export { day, touch };

export const AS_OF: Day = day('2026-11-20');

/** The day `n` days before AS_OF. */
export function ago(n: number): Day {
  return AS_OF - n;
}

let nextId = 1;

export function contact(over: Partial<Contact> & { stages?: Array<[Stage, Day]> } = {}): Contact {
  const { stages, ...rest } = over;
  const stageHistory: StageChange[] = (stages ?? []).map(([stage, on]) => ({ stage, on, note: '' }));
  return {
    id: nextId++,
    name: 'Ana Lima',
    aliases: [],
    org: null,
    role: null,
    circle: 'client',
    cadenceDays: null,
    stage: stageHistory.length > 0 ? stageHistory[stageHistory.length - 1]!.stage : 0,
    emails: [],
    tags: [],
    needs: [],
    offers: [],
    interests: [],
    metOn: null,
    howMet: null,
    notes: '',
    status: 'active',
    endedOn: null,
    endNote: null,
    addedOn: AS_OF + 3, // back-filled after the fact, like a real journal
    stageHistory,
    ...rest,
  };
}

/** Touches every `step` days from `fromAgo` days ago down to `toAgo` days ago (inclusive). */
export function every(step: number, fromAgo: number, toAgo: number, over: Partial<Touch> = {}): Touch[] {
  const out: Touch[] = [];
  for (let n = fromAgo; n >= toAgo; n -= step) out.push(touch(ago(n), over));
  return out;
}

let nextPromise = 1;

export function promise(over: Partial<PromiseRecord> = {}): PromiseRecord {
  return { id: nextPromise++, contactId: 0, by: 'me', text: 'send the deck', madeOn: ago(30), due: ago(10), doneOn: null, ...over };
}

/** A history; touches are sorted by day (then id) as the store guarantees. */
export function history(c: Contact, touches: Touch[] = [], promises: PromiseRecord[] = []): ContactHistory {
  const sorted = [...touches].sort((a, b) => a.on - b.on || a.interactionId - b.interactionId);
  return { contact: c, touches: sorted, promises: promises.map((p) => ({ ...p, contactId: c.id })) };
}
