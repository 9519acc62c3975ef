/** Builders both the review and the suggest tests use: a calendar day, and a touch with defaults. */
import { parseIsoDay } from '../../src/domain/dates.js';
import type { Day, Touch } from '../../src/domain/types.js';

/** The day of an ISO date (YYYY-MM-DD); a typo fails the test at once. */
export function day(iso: string): Day {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

let nextTouch = 1;

/** A one-on-one, answered, neutral in-person meeting I started on `on`, unless `over` says otherwise. */
export function touch(on: Day, over: Partial<Touch> = {}): Touch {
  return {
    interactionId: nextTouch++,
    on,
    channel: 'in-person',
    by: 'me',
    outsideWork: false,
    tone: 'neutral',
    pushAway: null,
    noReply: false,
    gave: [],
    got: [],
    groupSize: 1,
    ...over,
  };
}
