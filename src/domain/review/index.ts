/**
 * `rel review`: which relationships are stalling, why, and what to do next, most urgent first.
 * Pure: histories and the as-of day in, flags out. The rules and their thresholds are listed
 * in docs/review-rules.md; each lives in its own file here.
 */
import type { ContactHistory, Day, Flag } from '../types.js';
import { SIGNALS, type Severity, type Signal } from '../vocab.js';
import { isEndedAsOf } from './ended.js';
import { factsOf } from './facts.js';
import { detectFading } from './fading.js';
import { detectLongGap } from './long-gap.js';
import { detectNoFaceToFace } from './no-face-to-face.js';
import { detectOneSidedGiving } from './one-sided-giving.js';
import { detectOneSidedInitiation } from './one-sided-initiation.js';
import { detectOverduePromise } from './overdue-promise.js';
import { detectPushAway } from './push-away.js';
import { detectStageStalled } from './stage-stalled.js';
import { DEFAULT_THRESHOLDS, type ReviewThresholds } from './thresholds.js';
import { detectUnanswered } from './unanswered.js';

export { contactOwnDate, stageAsOf } from './history.js';
export { factWindows, factsOf, touchFacts, type FactWindows, type TouchFacts } from './facts.js';
export { expectedRhythm, learnRhythm, type Rhythm, type RhythmSource } from './rhythm.js';
export { DEFAULT_THRESHOLDS, mergeThresholds, type ReviewThresholds } from './thresholds.js';
export {
  detectFading, detectLongGap, detectNoFaceToFace, detectOneSidedGiving, detectOneSidedInitiation,
  detectOverduePromise, detectPushAway, detectStageStalled, detectUnanswered,
};
export { NEXT_RUNG } from './stage-stalled.js';
export { isEndedAsOf };

/**
 * Every rule on every contact that has not ended, most urgent first (see `compareFlags`).
 * Anything dated after `asOf` is ignored by each rule. One redundancy is removed: a fading
 * flag with no contact at all in its recent window, on a contact that also has a long-gap
 * flag, says nothing the gap does not, so only the gap is kept.
 */
export function reviewContacts(histories: ContactHistory[], asOf: Day, t: ReviewThresholds = DEFAULT_THRESHOLDS): Flag[] {
  return sortFlags(detectSignals(histories, asOf, t, ALL_SIGNALS));
}

const ALL_SIGNALS: ReadonlySet<Signal> = new Set(SIGNALS);

/**
 * The flags of the rules for `signals` only, unsorted: exactly the flags of those signals in
 * `reviewContacts`, so `sortFlags` of the flags of any split of the signals, put together, is
 * its answer. suggest asks first for the three its urgent steps answer (suggest/from-flags.ts),
 * and for the other six only when those do not settle its list.
 */
export function detectSignals(histories: readonly ContactHistory[], asOf: Day, t: ReviewThresholds, signals: ReadonlySet<Signal>): Flag[] {
  const want = (signal: Signal): boolean => signals.has(signal);
  const longGapWanted = want('long-gap');
  const fadingWanted = want('fading');
  const givingWanted = want('one-sided-giving');
  const initiationWanted = want('one-sided-initiation');
  const pushAwayWanted = want('push-away');
  const unansweredWanted = want('unanswered');
  const promiseWanted = want('overdue-promise');
  const faceWanted = want('no-face-to-face');
  const stalledWanted = want('stage-stalled');
  const initiation = initiationWanted ? { initiatorsRecorded: initiatorsRecorded(histories, asOf, t) } : null;
  const flags: Flag[] = [];
  // Indexed, with no array of results per contact: this runs once per contact as cold code,
  // where a for-of makes an object per element.
  const add = (flag: Flag | null): void => {
    if (flag) flags.push(flag);
  };
  for (let i = 0; i < histories.length; i++) {
    const history = histories[i]!;
    if (isEndedAsOf(history.contact, asOf)) continue;
    // The gap is worked out for fading too: it decides whether a fading flag is kept.
    const longGap = longGapWanted || fadingWanted ? detectLongGap(history, asOf, t) : null;
    if (longGapWanted) add(longGap);
    if (fadingWanted) {
      const fading = detectFading(history, asOf, t);
      if (fading && !(longGap && fading.evidence.recentCount === 0)) flags.push(fading);
    }
    if (givingWanted) add(detectOneSidedGiving(history, asOf, t));
    if (initiation) add(detectOneSidedInitiation(history, asOf, t, initiation));
    if (pushAwayWanted) add(detectPushAway(history, asOf, t));
    if (unansweredWanted) add(detectUnanswered(history, asOf, t));
    if (promiseWanted) add(detectOverduePromise(history, asOf, t));
    if (faceWanted) add(detectNoFaceToFace(history, asOf, t));
    if (stalledWanted) add(detectStageStalled(history, asOf, t));
  }
  return flags;
}

/** `flags` in `compareFlags` order, each flag's strength worked out once rather than per comparison. */
export function sortFlags(flags: Flag[]): Flag[] {
  // Each flag's keys worked out once, not per comparison: a large journal's review sorts
  // thousands of flags, and lower-casing two names per comparison was most of the sort.
  const keyed = flags.map((flag) => ({ flag, strength: flagStrength(flag), folded: flag.contact.toLowerCase() }));
  keyed.sort((a, b) => compareFlagsWith(a.flag, a.strength, a.folded, b.flag, b.strength, b.folded));
  return keyed.map((k) => k.flag);
}

/**
 * True when anyone in the journal is recorded as starting a conversation (`--by them` or
 * `mutual`) by `asOf`. `rel log` defaults to `--by me`, so without a single such record the
 * journal does not track initiative at all, and one-sided-initiation stays silent.
 */
export function initiatorsRecorded(histories: readonly ContactHistory[], asOf: Day, t: ReviewThresholds = DEFAULT_THRESHOLDS): boolean {
  return histories.some((h) => factsOf(h, asOf, t).othersStarted);
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * Within one severity, signals that need attention soonest come first: a barrier in the
 * relationship, then a promise of mine going stale, then silence, then maintenance (gap,
 * fading), then balance, and last the slow growth signals.
 */
export const SIGNAL_URGENCY: readonly Signal[] = [
  'push-away', 'overdue-promise', 'unanswered', 'long-gap', 'fading',
  'one-sided-giving', 'one-sided-initiation', 'no-face-to-face', 'stage-stalled',
];
const SIGNAL_RANK = new Map<Signal, number>(SIGNAL_URGENCY.map((s, i) => [s, i]));

/**
 * How strong a flag is within its signal, from its evidence: the bigger, the more urgent.
 * My overdue promises outrank theirs.
 */
export function flagStrength(flag: Flag): number {
  const e = flag.evidence;
  const n = (key: string): number => (typeof e[key] === 'number' ? (e[key] as number) : 0);
  switch (flag.signal) {
    case 'long-gap': return n('daysSince') / Math.max(1, n('expectedDays'));
    case 'fading': return 1 - n('recentCount') / Math.max(1, n('expectedRecent'));
    case 'one-sided-giving': return Math.max(n('gave'), n('got')) - Math.min(n('gave'), n('got'));
    case 'one-sided-initiation': return n('byMe');
    case 'push-away': return n('score');
    case 'unanswered': return n('inARow');
    case 'overdue-promise': return (e.by === 'me' ? 100_000 : 0) + n('daysOverdue');
    case 'no-face-to-face': return n('daysSince');
    case 'stage-stalled': return n('daysOnStage');
    default: return 0;
  }
}

/**
 * Most urgent first: severity (high, medium, low); then signal, in `SIGNAL_URGENCY` order;
 * then strength within the signal (`flagStrength`); then contact name, then contact id, so
 * the order never depends on the input order.
 */
export function compareFlags(a: Flag, b: Flag): number {
  return compareFlagsWith(a, flagStrength(a), a.contact.toLowerCase(), b, flagStrength(b), b.contact.toLowerCase());
}

/** `compareFlags` with each flag's strength and lower-cased name given. */
function compareFlagsWith(a: Flag, strengthA: number, foldedA: string, b: Flag, strengthB: number, foldedB: string): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || SIGNAL_RANK.get(a.signal)! - SIGNAL_RANK.get(b.signal)!
    || strengthB - strengthA
    || (foldedA !== foldedB ? (foldedA < foldedB ? -1 : 1) : a.contact < b.contact ? -1 : a.contact > b.contact ? 1 : 0)
    || a.contactId - b.contactId;
}
