/**
 * The fixed vocabulary of ../shared/domain.md section 6. The CLI, the JSON formats and the
 * database CHECK constraints all use exactly these words, so they live in one place.
 */

export const CIRCLES = ['client', 'prospect', 'partner', 'colleague', 'mentor', 'mentee', 'friend', 'family', 'other'] as const;
export const CHANNELS = ['in-person', 'call', 'video', 'email', 'message', 'social', 'event'] as const;
export const INITIATORS = ['me', 'them', 'mutual'] as const;
export const GIVE_KINDS = ['intro', 'referral', 'resource', 'review', 'advice', 'favor', 'gift', 'business', 'support', 'other'] as const;
export const TONES = ['warm', 'neutral', 'cool'] as const;
export const PUSH_AWAY_KINDS = ['snide', 'hostile', 'distancing', 'late', 'cancelled', 'cut-off'] as const;
export const STAGES = [0, 1, 2, 3, 4, 5] as const;
export const STAGE_NAMES = ['new', 'liked', 'respected', 'whole-person', 'mingled', 'enduring'] as const;
export const SIGNALS = [
  'long-gap', 'fading', 'one-sided-giving', 'one-sided-initiation', 'push-away',
  'unanswered', 'overdue-promise', 'no-face-to-face', 'stage-stalled',
] as const;
export const SUGGESTION_KINDS = [
  'introduce', 'share-resource', 'offer-review', 'give-first', 'repair',
  'meet-in-person', 'keep-promise', 'reconnect', 'deepen', 'maintain',
] as const;
export const PROMISE_BY = ['me', 'them'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const LEARNED_KINDS = ['need', 'offer', 'interest'] as const;

export type Circle = (typeof CIRCLES)[number];
export type Channel = (typeof CHANNELS)[number];
export type Initiator = (typeof INITIATORS)[number];
export type GiveKind = (typeof GIVE_KINDS)[number];
export type Tone = (typeof TONES)[number];
export type PushAwayKind = (typeof PUSH_AWAY_KINDS)[number];
export type Stage = (typeof STAGES)[number];
export type Signal = (typeof SIGNALS)[number];
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];
export type PromiseBy = (typeof PROMISE_BY)[number];
export type Severity = (typeof SEVERITIES)[number];
export type LearnedKind = (typeof LEARNED_KINDS)[number];

/** True when `word` is one of `words`; narrows the type for the caller. */
export function isWord<T extends string | number>(words: readonly T[], word: unknown): word is T {
  return (words as readonly unknown[]).includes(word);
}

/** Circles whose relationships are close by nature: the face-to-face check applies to them. */
export const CLOSE_CIRCLES: readonly Circle[] = ['friend', 'family', 'mentor', 'mentee'];
