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
 *
 * Speed (a journal of thousands of contacts, of which the default list shows 10): the rules
 * return `Step`s, scored but not yet worded (step.ts), and only the steps that survive ranking
 * and the limit are worded; each distinct need, offer and interest text is read once per call
 * (texts.ts); introductions are matched per distinct text (introduce.ts); and when the urgent
 * steps alone fill the journal-wide list, nothing else is made (`urgentList`).
 */
import { detectSignals, reviewContacts, sortFlags } from '../review/index.js';
import { DEFAULT_THRESHOLDS, type ReviewThresholds } from '../review/thresholds.js';
import type { ContactHistory, Day, Flag, Suggestion } from '../types.js';
import { SUGGESTION_KINDS, type SuggestionKind } from '../vocab.js';
import { buildContactView, isActiveOn, type ContactView } from './context.js';
import { mayAnswerUrgently, OTHER_SIGNALS, stepsFromFlag, URGENT_SIGNALS } from './from-flags.js';
import {
  preparingStems, deepen, giftIdea, giftIntroWith, maintain, offerReview, reviewSubject, shareResource,
} from './ideas.js';
import { asHelperStep, findIntroductions, type Introduction } from './introduce.js';
import { DEFAULT_LIMIT, bestScoreFloor, bestSteps, rankSteps, spreadGroups } from './rank.js';
import { SCORE_BANDS } from './score.js';
import { toSuggestion, withMoreWhy, type Step } from './step.js';
import { JournalTexts } from './texts.js';

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
  /**
   * Build every step before ranking, without the shortcuts that give the same list faster (the
   * urgent-only list, the score floor). For tests, which hold the two to the same answer.
   */
  exhaustive?: boolean;
}

/** Kinds that may appear more than once for one person; the others keep only their best. */
const REPEATABLE: ReadonlySet<SuggestionKind> = new Set(['keep-promise', 'introduce']);
/** A bit per kind, for `keepBestPerKind`'s check for two steps of one kind. */
const KIND_BIT: ReadonlyMap<SuggestionKind, number> = new Map(SUGGESTION_KINDS.map((kind, i) => [kind, i]));
/**
 * The kinds that own the top score bands (score.ts): keeping a promise, repairing, giving
 * first. They come from the review's flags alone, with no introductions or texts.
 */
const URGENT_KINDS: ReadonlySet<SuggestionKind> = new Set(['keep-promise', 'repair', 'give-first']);
/** The highest score any other kind can have. */
const OTHER_KINDS_TOP = Math.max(...SUGGESTION_KINDS.filter((k) => !URGENT_KINDS.has(k)).map((k) => SCORE_BANDS[k][1]));
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
  // The journal-wide list asks first for the flags of the three rules its urgent steps answer:
  // when those steps settle the list (`urgentList`), the other six rules never run; when they
  // do not, the other flags join each view's below. Either way each view holds its flags in
  // `reviewContacts` order (`sortFlags` is one total order).
  const urgentFirst = options.flags === undefined && options.contactId === undefined && options.exhaustive !== true;
  const flags = options.flags ?? (urgentFirst
    ? sortFlags(detectSignals(histories, asOf, thresholds, URGENT_SIGNALS))
    : reviewContacts([...histories], asOf, thresholds));
  const flagsById = byContact(flags);
  const views = active.map((h) => buildContactView(h, asOf, flagsById.get(h.contact.id) ?? [], thresholds));

  // The journal's texts (the matcher's vocabulary is every need, offer and interest of the
  // active contacts), read on first use: the urgent-only list needs them only to word a gift.
  let journalTexts: JournalTexts | undefined;
  const textsOf = (): JournalTexts => (journalTexts ??= new JournalTexts(active, preparingStems()));
  const focus = options.contactId === undefined ? null : views.find((v) => v.id === options.contactId) ?? null;

  if (focus === null) {
    const urgent = options.exhaustive ? null : urgentList(views, asOf, thresholds, limit, textsOf);
    if (urgent !== null) return urgent.map(toSuggestion);
    if (urgentFirst) {
      const all = byContact(sortFlags([...flags, ...detectSignals(histories, asOf, thresholds, OTHER_SIGNALS)]));
      // A view's push-away and taking flags are urgent ones: only its list of flags grows.
      for (let i = 0; i < views.length; i++) views[i]!.flags = all.get(views[i]!.id) ?? [];
    }

    const texts = textsOf();
    const intros = findIntroductions(views, views, texts);
    // Each person's steps, grouped for spreading (two views never share an id, but if they
    // did, their steps would count as one person's, as they always have).
    const groups: Step[][] = [];
    const groupOf = new Map<number, Step[]>();
    for (let i = 0; i < views.length; i++) {
      const v = views[i]!;
      const steps = stepsFor(v, intros.get(v.id) ?? NO_INTROS, asOf, thresholds, texts, true);
      if (steps.length === 0) continue;
      const group = groupOf.get(v.id);
      if (group) {
        group.push(...steps);
      } else {
        groupOf.set(v.id, steps);
        groups.push(steps);
      }
    }
    return spreadGroups(groups, limit, options.exhaustive !== true).map(toSuggestion);
  }

  const texts = textsOf();
  const ownIntros = findIntroductions([focus], views, texts).get(focus.id) ?? [];
  const helping: Step[] = [];
  for (const list of findIntroductions(views, [focus], texts).values()) {
    for (const intro of list) if (intro.helper.id === focus.id) helping.push(asHelperStep(intro));
  }
  return bestSteps([...stepsFor(focus, ownIntros, asOf, thresholds, texts, false), ...helping], limit).map(toSuggestion);
}

const NO_INTROS: readonly Introduction[] = [];

/** `flags` by contact id, each contact's in the order given. */
function byContact(flags: readonly Flag[]): Map<number, Flag[]> {
  const out = new Map<number, Flag[]>();
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const list = out.get(flag.contactId);
    if (list) list.push(flag);
    else out.set(flag.contactId, [flag]);
  }
  return out;
}

/**
 * The journal-wide list from the urgent steps alone, when they decide it; else null, and the
 * full list is made.
 *
 * Keeping a promise, repairing and giving first score above every other kind (score.ts), and
 * most journals have more than `limit` people with such a step (the default list is often all
 * overdue promises). Their best urgent scores are a floor for the list (`bestScoreFloor`: each
 * person's best score can only be higher with the other steps); when that floor is above the
 * top of every other kind's band, no other step can make the list, nor change which urgent
 * steps do: the per-person cap is MAX_PER_CONTACT either way (at least `limit` people have
 * steps), and each person's steps above the floor are urgent ones. So the introductions,
 * resources, next rungs and upkeep, most of the work, are not made at all. A give-first gift is
 * worded from the person's introductions, found for that person alone (the same as in the full
 * search).
 */
function urgentList(
  views: readonly ContactView[], asOf: Day, thresholds: ReviewThresholds, limit: number, textsOf: () => JournalTexts,
): Step[] | null {
  if (!(limit >= 1)) return null;
  const groups: Step[][] = [];
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    const flags = view.flags;
    if (flags.length === 0) continue;
    const gift = () => {
      const texts = textsOf();
      return giftIdea(view, findIntroductions([view], views, texts).get(view.id) ?? NO_INTROS, reviewSubject(view, texts));
    };
    const steps: Step[] = [];
    for (let f = 0; f < flags.length; f++) if (mayAnswerUrgently(flags[f]!)) stepsFromFlag(steps, view, flags[f]!, asOf, thresholds, gift);
    const urgent = steps.filter((s) => URGENT_KINDS.has(s.kind));
    // Urgent kinds are never held back after a push-away, and merging stays within a kind.
    if (urgent.length > 0) groups.push(keepBestPerKind(urgent));
  }
  if (!(bestScoreFloor(groups, limit) > OTHER_KINDS_TOP)) return null;
  return spreadGroups(groups, limit);
}

/**
 * Every step for one person, one per kind except promises and introductions. `brief` (the
 * journal-wide list) drops an introduction already proposed as the give-first gift; one
 * person's own options keep both.
 *
 * This runs once per contact, mostly as cold code, so it uses indexed loops: an unoptimised
 * for-of allocates an iterator result per element.
 */
function stepsFor(
  view: ContactView, intros: readonly Introduction[], asOf: Day, thresholds: ReviewThresholds, texts: JournalTexts,
  brief: boolean,
): Step[] {
  const review = reviewSubject(view, texts);
  // The gift is worded only if a give-first step is shown; which introduction it is, is known now.
  const gift = () => giftIdea(view, intros, review);
  const steps: Step[] = [];
  const flags = view.flags;
  for (let i = 0; i < flags.length; i++) stepsFromFlag(steps, view, flags[i]!, asOf, thresholds, gift);
  const givenFirst = brief && steps.some((s) => s.kind === 'give-first') ? giftIntroWith(intros) : undefined;
  for (let i = 0; i < intros.length; i++) if (intros[i]!.helper.id !== givenFirst) steps.push(intros[i]!.step);
  pushStep(steps, offerReview(view, review));
  pushStep(steps, shareResource(view, intros, review));
  pushStep(steps, deepen(view, asOf));
  pushStep(steps, maintain(view, asOf, thresholds));
  const allowed = view.pushAway === null ? steps : steps.filter((s) => !HELD_BACK_AFTER_PUSH_AWAY.has(s.kind));
  return keepBestPerKind(allowed);
}

function pushStep(steps: Step[], step: Step | null): void {
  if (step !== null) steps.push(step);
}

/**
 * One step per kind, except the repeatable ones: the best one stays, and the evidence of the
 * others of the same kind (a gap *and* unanswered messages) joins its `why`.
 */
function keepBestPerKind(steps: Step[]): Step[] {
  // Most people have at most one step of each kind: then there is nothing to merge, and the
  // list stays as it is. (Moving the repeatable kinds first, as the grouping below does, would
  // change no ranking: only steps of one kind can tie on every key, and their order is kept.)
  let seen = 0;
  let repeated = false;
  for (let i = 0; i < steps.length; i++) {
    const kind = steps[i]!.kind;
    if (REPEATABLE.has(kind)) continue;
    const bit = 1 << KIND_BIT.get(kind)!;
    if ((seen & bit) !== 0) repeated = true;
    seen |= bit;
  }
  if (!repeated) return steps;

  const out: Step[] = [];
  const byKind = new Map<SuggestionKind, Step[]>();
  for (const s of steps) {
    if (REPEATABLE.has(s.kind)) {
      out.push(s);
      continue;
    }
    const group = byKind.get(s.kind);
    if (group) group.push(s);
    else byKind.set(s.kind, [s]);
  }
  for (const group of byKind.values()) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    const [best, ...rest] = rankSteps(group);
    out.push(withMoreWhy(best!, rest));
  }
  return out;
}
