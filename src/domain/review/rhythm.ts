/**
 * How often we expect to be in touch with someone. Shared by `rel review` (long-gap) and
 * `rel suggest` (when to propose a reconnect).
 */
import type { ContactHistory, Day } from '../types.js';
import { factsOf } from './facts.js';
import type { ReviewThresholds } from './thresholds.js';

export type RhythmSource = 'cadence' | 'history' | 'circle';

export interface Rhythm {
  days: number;
  source: RhythmSource;
}

/**
 * The contact's own cadence when the user set one (their word beats any guess); else the
 * rhythm learned from their history; else the default of their circle.
 */
export function expectedRhythm(history: ContactHistory, asOf: Day, t: ReviewThresholds): Rhythm {
  const cadence = history.contact.cadenceDays;
  if (cadence !== null && cadence > 0) return { days: cadence, source: 'cadence' };
  const learned = learnRhythm(factsOf(history, asOf, t).reachedDays, t);
  if (learned !== null) return { days: learned, source: 'history' };
  return { days: t.circleRhythmDays[history.contact.circle], source: 'circle' };
}

/**
 * The median gap between the latest distinct days we were in touch (unanswered outreach
 * excluded; `reachedDays` newest first, as in the touch facts), over at most `rhythm.sampleGaps`
 * gaps and at least `rhythm.minGaps`; null when there are too few. The median ignores one
 * holiday or one busy week; the clamp keeps a burst of daily messages or a single annual
 * meeting from setting an absurd expectation.
 */
export function learnRhythm(reachedDays: readonly Day[], t: ReviewThresholds): number | null {
  const count = Math.min(reachedDays.length - 1, t.rhythm.sampleGaps);
  if (count < t.rhythm.minGaps || count <= 0) return null;
  // Sorted as they come (insertion): a handful of numbers, and a review learns a rhythm per
  // contact in a process too short-lived for the engine's sort with a callback to pay off.
  const gaps: number[] = [];
  for (let i = 1; i <= count; i++) {
    const gap = reachedDays[i - 1]! - reachedDays[i]!;
    let j = i - 1;
    for (; j > 0 && gaps[j - 1]! > gap; j--) gaps[j] = gaps[j - 1]!;
    gaps[j] = gap;
  }
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return Math.round(Math.min(t.rhythm.maxDays, Math.max(t.rhythm.minDays, median)));
}
