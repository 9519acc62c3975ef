/**
 * The score model of `rel suggest` (0..100, higher first; docs/suggest-rules.md says the same
 * in user words).
 *
 * Some steps must come first whatever else is going on: a promise of mine that is past due,
 * then a calm repair after a recent push-away, then giving back when I have been taking. Each of
 * those owns a band of its own, so no mix of other evidence can outrank it. Everything else
 * competes in one shared band, where a kind's base weight is multiplied by how urgent its
 * evidence is and by how strong the relationship is:
 *
 *     keep-promise   90..100   by days past due and the flag's severity
 *     repair         80..90    by severity, how fresh the latest push-away is, escalation
 *     give-first     70..80    by severity and how lopsided the exchange is
 *     the rest       20..70    20 + 50 * weight(kind) * urgency * (0.5 + 0.5 * strength)
 *     maintain        0..10    by relationship strength: nothing is pressing
 *
 * `urgency` and `strength` are 0..1. Scores are rounded to one decimal.
 */
import { factsOf, type TouchFacts } from '../review/facts.js';
import { ownDateOf, stageAsOf } from '../review/history.js';
import { DEFAULT_THRESHOLDS, type ReviewThresholds } from '../review/thresholds.js';
import type { ContactHistory, Day } from '../types.js';
import type { Severity, Stage, SuggestionKind } from '../vocab.js';

export const SCORE_BANDS: Readonly<Record<SuggestionKind, readonly [number, number]>> = {
  'keep-promise': [90, 100],
  repair: [80, 90],
  'give-first': [70, 80],
  reconnect: [20, 70],
  'meet-in-person': [20, 70],
  introduce: [20, 70],
  'share-resource': [20, 70],
  'offer-review': [20, 70],
  deepen: [20, 70],
  maintain: [0, 10],
};

/**
 * Base weights inside the shared band: a lapsing relationship first, then the face-to-face
 * meeting, then the concrete trust-building gifts, then the next rung.
 */
export const KIND_WEIGHTS = {
  reconnect: 1,
  'meet-in-person': 0.85,
  introduce: 0.9,
  'share-resource': 0.55,
  'offer-review': 0.5,
  deepen: 0.45,
  /** A deepen step when the review says the relationship is stalled on its rung. */
  deepenStalled: 0.7,
} as const;

/**
 * Equal scores are broken by this order (then by name, id, `with` and action), which is also
 * the order of the kinds' importance.
 */
export const KIND_ORDER: readonly SuggestionKind[] = [
  'keep-promise', 'repair', 'give-first', 'reconnect', 'meet-in-person', 'introduce',
  'share-resource', 'offer-review', 'deepen', 'maintain',
];

/** How much a flag's severity adds to urgency. */
export const SEVERITY_URGENCY: Readonly<Record<Severity, number>> = { low: 0.4, medium: 0.7, high: 1 };

export function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, x));
}

/** A score inside `kind`'s band, `position` 0..1 from its bottom to its top, one decimal. */
export function bandScore(kind: SuggestionKind, position: number): number {
  // Not destructured: cold code would walk an iterator for it, once per step.
  const band = SCORE_BANDS[kind];
  const lo = band[0];
  const hi = band[1];
  return Math.round((lo + (hi - lo) * clamp01(position)) * 10) / 10;
}

/** The shared-band position: base weight x urgency x relationship factor. */
export function sharedPosition(weight: number, urgency: number, strength: number): number {
  return clamp01(weight) * clamp01(urgency) * (0.5 + 0.5 * clamp01(strength));
}

/** Half-life of the recency part of a relationship's strength. */
const RECENCY_HALF_LIFE_DAYS = 90;
// The window whose tone decides warmth is WARMTH_WINDOW_DAYS (review/facts.ts counts it).

/**
 * How strong my relationship with one contact is, 0..1, as of `asOf`:
 *
 *     0.45 * stage / 5                                   how far up the ladder we are (on asOf)
 *   + 0.35 * 0.5 ^ (days since last answered contact / 90)   how recent it is
 *   + 0.20 * warmth                                      how the last year felt
 *
 * warmth = 0.5 + 0.5 * (warm - cool - push-aways) / touches over the last 365 days (0.5 when
 * there were none). Unanswered outreach is not contact. Used to rank steps: an introduction
 * between two people I know well is worth more, and a lapse in a strong relationship matters
 * more than in a thin one.
 */
export function relationshipStrength(history: ContactHistory, asOf: Day, t: ReviewThresholds = DEFAULT_THRESHOLDS): number {
  const facts = factsOf(history, asOf, t);
  return strengthOf(facts, stageAsOf(history, asOf, ownDateOf(history.contact, facts)).stage, asOf);
}

/**
 * `relationshipStrength` from the facts and the stage on `asOf`, for a caller that already has
 * them (context.ts builds each contact's view with both).
 */
export function strengthOf(facts: TouchFacts, stageOnDay: Stage, asOf: Day): number {
  const stage = stageOnDay / 5;
  const last = facts.lastReached;
  const counted = facts.warmthReached;
  const balance = facts.warmthWarm - facts.warmthCool - facts.warmthPushAways;
  const recency = last === null ? 0 : 0.5 ** ((asOf - last) / RECENCY_HALF_LIFE_DAYS);
  const warmth = counted === 0 ? 0.5 : clamp01(0.5 + (0.5 * balance) / counted);
  return clamp01(0.45 * stage + 0.35 * recency + 0.2 * warmth);
}
