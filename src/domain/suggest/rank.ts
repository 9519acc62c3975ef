/**
 * Ordering and spreading suggestions. Everything is deterministic: equal scores fall back to
 * the kind's importance, then the contact's name (folded), id, the `with` name and the action.
 *
 * The rules rank `Step`s (step.ts), whose words are written only when needed: the action is
 * the last tie-break, so it is asked for only when everything before it is equal, which
 * happens only between two steps of one person. Steps that are equal on every key keep their
 * input order, as a stable sort of the whole list would.
 */
import { foldKey } from '../names.js';
import type { Suggestion } from '../types.js';
import type { SuggestionKind } from '../vocab.js';
import { KIND_ORDER } from './score.js';
import type { Step } from './step.js';

/** Default number of suggestions printed. */
export const DEFAULT_LIMIT = 10;
/** In the journal-wide list, at most this many steps per person (more only in a small journal). */
export const MAX_PER_CONTACT = 2;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const KIND_RANK = new Map<SuggestionKind, number>(KIND_ORDER.map((kind, i) => [kind, i]));

function kindRank(kind: SuggestionKind): number {
  return KIND_RANK.get(kind) ?? -1;
}

/** Best first: higher score, then kind, folded name, id, `with`, and last the action. */
export function compareSteps(a: Step, b: Step): number {
  return b.score - a.score
    || kindRank(a.kind) - kindRank(b.kind)
    || compareText(a.nameKey, b.nameKey)
    || a.contactId - b.contactId
    || compareText(a.with ?? '', b.with ?? '')
    || compareText(a.words().action, b.words().action);
}

/** Best first. Returns a new array; equal steps keep their order (the sort is stable). */
export function rankSteps(steps: readonly Step[]): Step[] {
  return [...steps].sort(compareSteps);
}

/**
 * The first `k` of `rankSteps(steps)` without sorting them all: a short sorted list that a
 * step enters only when it beats the last one, after any step equal to it (so the order is
 * the stable sort's).
 */
function selectBest(steps: readonly Step[], k: number): Step[] {
  const best: Step[] = [];
  if (k <= 0) return best;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (best.length === k && compareSteps(s, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSteps(s, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, s);
    if (best.length > k) best.pop();
  }
  return best;
}

/** `rankSteps(steps).slice(0, limit)`. */
export function bestSteps(steps: readonly Step[], limit: number): Step[] {
  return limit < steps.length ? selectBest(steps, limit) : rankSteps(steps).slice(0, limit);
}

/**
 * The journal-wide list: best first, with at most `perContact` steps per person, where
 * `perContact` is MAX_PER_CONTACT, or more when too few people have steps to fill `limit`
 * (a journal of two people still gets a full list). Scores stay in descending order.
 *
 * Walking the ranked list and skipping a person's steps beyond `perContact` keeps exactly each
 * person's best `perContact` steps, of which the best `limit` are kept; so those are selected
 * directly, without ranking thousands of steps to show ten.
 */
export function spreadSteps(steps: readonly Step[], limit: number): Step[] {
  const byContact = new Map<number, Step[]>();
  for (const s of steps) {
    const list = byContact.get(s.contactId);
    if (list) list.push(s);
    else byContact.set(s.contactId, [s]);
  }
  return spreadGroups([...byContact.values()], limit);
}

/**
 * `spreadSteps` for steps already grouped by person: each group is one person's steps (none
 * empty), in their input order. `useFloor` false ranks every step (the same result, slower;
 * for tests).
 */
export function spreadGroups(groups: readonly (readonly Step[])[], limit: number, useFloor = true): Step[] {
  const people = groups.length;
  const perContact = Math.max(MAX_PER_CONTACT, people === 0 ? 0 : Math.ceil(limit / people));
  const floor = useFloor ? bestScoreFloor(groups, limit) : Number.NEGATIVE_INFINITY;
  const eligible: Step[] = [];
  for (let g = 0; g < groups.length; g++) {
    let list = groups[g]!;
    if (floor !== Number.NEGATIVE_INFINITY) {
      if (maxScore(list) < floor) continue;
      list = list.filter((s) => s.score >= floor);
    }
    // Written as "more than" so that a perContact of NaN (a NaN limit) caps nothing, as before.
    const kept = list.length > perContact ? bestSteps(list, perContact) : list;
    for (let i = 0; i < kept.length; i++) eligible.push(kept[i]!);
  }
  return limit < eligible.length ? selectBest(eligible, limit) : rankSteps(eligible);
}

/**
 * A score below which no step can make the journal-wide list: the `limit`-th highest of the
 * people's best scores (-Infinity when fewer people have steps). Each person's best step is
 * always eligible (the cap is at least 1), so the `limit` steps shown score at least that
 * much. Steps scoring less can go before capping: they rank below every step that stays, so
 * each person's best `perContact` among the rest are their best `perContact` overall, less the
 * dropped ones. Ties with the floor stay.
 *
 * With `groups` holding only some of each person's steps, the result is still a floor: every
 * best score can only be higher (index.ts's urgent-only list counts on this).
 */
export function bestScoreFloor(groups: readonly (readonly Step[])[], limit: number): number {
  if (!(limit >= 1 && limit <= groups.length)) return Number.NEGATIVE_INFINITY;
  const bests = new Float64Array(groups.length);
  for (let g = 0; g < groups.length; g++) bests[g] = maxScore(groups[g]!);
  bests.sort();
  return bests[groups.length - limit]!;
}

function maxScore(steps: readonly Step[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < steps.length; i++) if (steps[i]!.score > max) max = steps[i]!.score;
  return max;
}

/** Suggestions as steps whose words are already written, for the Suggestion-level API below. */
function asStep(s: Suggestion): Step & { suggestion: Suggestion } {
  return {
    contactId: s.contactId,
    contact: s.contact,
    nameKey: foldKey(s.contact),
    kind: s.kind,
    ...(s.with !== undefined ? { with: s.with } : {}),
    score: s.score,
    words: () => s,
    suggestion: s,
  };
}

export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return compareSteps(asStep(a), asStep(b));
}

/** Best first. Returns a new array. */
export function rankSuggestions(suggestions: readonly Suggestion[]): Suggestion[] {
  return rankSteps(suggestions.map(asStep)).map((s) => (s as ReturnType<typeof asStep>).suggestion);
}

/** `spreadSteps` for worded suggestions. */
export function spreadAcrossContacts(suggestions: readonly Suggestion[], limit: number): Suggestion[] {
  return spreadSteps(suggestions.map(asStep), limit).map((s) => (s as ReturnType<typeof asStep>).suggestion);
}
