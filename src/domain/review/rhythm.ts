/**
 * How often we expect to be in touch with someone. Shared by `rel review` (long-gap) and
 * `rel suggest` (when to propose a reconnect).
 */
import type { ContactHistory, Day, Touch } from '../types.js';
import { reached, touchesEnd } from './history.js';
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
  const learned = learnRhythm(history.touches, touchesEnd(history.touches, asOf), t);
  if (learned !== null) return { days: learned, source: 'history' };
  return { days: t.circleRhythmDays[history.contact.circle], source: 'circle' };
}

/**
 * The median gap between the latest distinct days we were in touch (unanswered outreach
 * excluded), over at most `rhythm.sampleGaps` gaps and at least `rhythm.minGaps`; null when
 * there are too few. The median ignores one holiday or one busy week; the clamp keeps a burst
 * of daily messages or a single annual meeting from setting an absurd expectation.
 */
export function learnRhythm(touches: readonly Touch[], end: number, t: ReviewThresholds): number | null {
  const gaps: number[] = [];
  let later: Day | null = null;
  for (let i = end - 1; i >= 0 && gaps.length < t.rhythm.sampleGaps; i--) {
    const touch = touches[i]!;
    if (!reached(touch)) continue;
    if (later !== null && touch.on < later) gaps.push(later - touch.on);
    if (later === null || touch.on < later) later = touch.on;
  }
  if (gaps.length < t.rhythm.minGaps || gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return Math.round(Math.min(t.rhythm.maxDays, Math.max(t.rhythm.minDays, median)));
}
