// Test oracle: src/domain/suggest as of commit cc48aa7, before the speed-up. Do not edit to
// follow rule changes; delete this folder and equivalence.test.ts once the rules change on purpose.
/**
 * `rel suggest`: the best next concrete step, for one contact or across the journal. Pure:
 * histories and the as-of day in, ranked suggestions out.
 *
 * The review's flags (../review) say what needs attention; from-flags.ts turns them into
 * steps, so the rules live in one place. What I know about each person (needs, offers,
 * interests, stage) adds the concrete gifts: introductions (introduce.ts), resources, reviews,
 * the next rung (ideas.ts). score.ts explains the scores; rank.ts the order.
 *
 * Guarantees: nothing for an ended contact, no introduction to one or of anyone to themselves,
 * and no step that asks anything for me. While a push-away is recent, repair comes first and
 * the contact gets no deepen, introduction, review offer, meeting or reconnect step.
 */
import { reviewContacts } from '../../../../src/domain/review/index.js';
import { DEFAULT_THRESHOLDS, type ReviewThresholds } from '../../../../src/domain/review/thresholds.js';
import { buildMatcher } from '../../../../src/domain/text-match.js';
import type { ContactHistory, Day, Flag, Suggestion } from '../../../../src/domain/types.js';
import type { SuggestionKind } from '../../../../src/domain/vocab.js';
import { buildContactView, isActiveOn, type ContactView } from './context.js';
import { stepsFromFlag } from './from-flags.js';
import { deepen, giftIdea, maintain, offerReview, shareResource } from './ideas.js';
import { asHelperSuggestion, findIntroductions, type Introduction } from './introduce.js';
import { DEFAULT_LIMIT, rankSuggestions, spreadAcrossContacts } from './rank.js';

export { relationshipStrength, SCORE_BANDS, KIND_WEIGHTS } from './score.js';
export { shellQuote } from './shell.js';
export { INTRO_MIN_MATCH } from './introduce.js';
export { DEFAULT_LIMIT, MAX_PER_CONTACT, rankSuggestions, spreadAcrossContacts } from './rank.js';

export interface SuggestOptions {
  /** One contact's options; without it, the journal-wide list. */
  contactId?: number;
  /** How many suggestions at most (default DEFAULT_LIMIT). */
  limit?: number;
  thresholds?: ReviewThresholds;
  /** The review's flags for the same histories and day, when the caller already has them. */
  flags?: Flag[];
}

/** Kinds that may appear more than once for one person; the others keep only their best. */
const REPEATABLE: ReadonlySet<SuggestionKind> = new Set(['keep-promise', 'introduce']);
/** Kinds held back while a push-away is recent (repair first; ask nothing). */
const HELD_BACK_AFTER_PUSH_AWAY: ReadonlySet<SuggestionKind> = new Set([
  'deepen', 'introduce', 'offer-review', 'meet-in-person', 'reconnect', 'maintain',
]);

export function suggestSteps(
  histories: readonly ContactHistory[],
  asOf: Day,
  options: SuggestOptions = {},
): Suggestion[] {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const limit = options.limit === undefined ? DEFAULT_LIMIT : Math.max(0, Math.floor(options.limit));
  const active = histories.filter((h) => isActiveOn(h, asOf));
  if (options.contactId !== undefined && !active.some((h) => h.contact.id === options.contactId)) return [];

  // The whole journal goes to the review, as `rel review` does (it skips ended contacts itself).
  const flags = options.flags ?? reviewContacts([...histories], asOf, thresholds);
  const flagsById = new Map<number, Flag[]>();
  for (const flag of flags) {
    const list = flagsById.get(flag.contactId);
    if (list) list.push(flag);
    else flagsById.set(flag.contactId, [flag]);
  }
  const views = active.map((h) => buildContactView(h, asOf, flagsById.get(h.contact.id) ?? [], thresholds));

  const matcher = buildMatcher(active.flatMap((h) => [...h.contact.needs, ...h.contact.offers, ...h.contact.interests]));
  const focus = options.contactId === undefined ? null : views.find((v) => v.id === options.contactId) ?? null;

  if (focus === null) {
    const intros = findIntroductions(views, views, matcher);
    const all = views.flatMap((v) => stepsFor(v, intros.get(v.id) ?? [], asOf, thresholds, true));
    return spreadAcrossContacts(all, limit);
  }

  const ownIntros = findIntroductions([focus], views, matcher).get(focus.id) ?? [];
  const helping = [...findIntroductions(views, [focus], matcher).values()]
    .flatMap((list) => list.filter((i) => i.helper.id === focus.id))
    .map(asHelperSuggestion);
  return rankSuggestions([...stepsFor(focus, ownIntros, asOf, thresholds, false), ...helping]).slice(0, limit);
}

/**
 * Every step for one person, one per kind except promises and introductions. `brief` (the
 * journal-wide list) drops an introduction already proposed as the give-first gift; one
 * person's own options keep both.
 */
function stepsFor(
  view: ContactView, intros: readonly Introduction[], asOf: Day, thresholds: ReviewThresholds, brief: boolean,
): Suggestion[] {
  const gift = giftIdea(view, intros);
  const fromFlags = view.flags.flatMap((f) => stepsFromFlag(view, f, asOf, thresholds, gift));
  const givenFirst = brief && fromFlags.some((s) => s.kind === 'give-first') ? gift?.introWith : undefined;
  const steps: Suggestion[] = [
    ...fromFlags,
    ...intros.filter((i) => i.helper.id !== givenFirst).map((i) => i.suggestion),
    ...offerReview(view),
    ...shareResource(view, intros),
    ...deepen(view, asOf),
    ...maintain(view, asOf, thresholds),
  ];
  const allowed = view.pushAway === null ? steps : steps.filter((s) => !HELD_BACK_AFTER_PUSH_AWAY.has(s.kind));
  return keepBestPerKind(allowed);
}

/**
 * One step per kind, except the repeatable ones: the best one stays, and the evidence of the
 * others of the same kind (a gap *and* unanswered messages) joins its `why`.
 */
function keepBestPerKind(steps: readonly Suggestion[]): Suggestion[] {
  const out: Suggestion[] = [];
  const byKind = new Map<SuggestionKind, Suggestion[]>();
  for (const s of steps) {
    if (REPEATABLE.has(s.kind)) out.push(s);
    else byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  }
  for (const group of byKind.values()) {
    const [best, ...rest] = rankSuggestions(group);
    if (!best) continue;
    const extra = rest.map((s) => s.why).filter((w) => w !== best.why);
    out.push(extra.length === 0 ? best : { ...best, why: [best.why, ...extra].join(' ') });
  }
  return out;
}
