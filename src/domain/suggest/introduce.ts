/**
 * Introductions: one contact's need met by another contact's offer. The most valuable cheap
 * gift there is (seed 003): one email from me can solve a problem outside my own expertise.
 *
 * Every need of every active contact is matched (text-match.ts) against the offers of every
 * other active contact. The best need/offer pair per two people counts, if its match reaches
 * `INTRO_MIN_MATCH`.
 *
 * Never introduced: anyone to themselves, anyone ended, and nobody is asked to help while they
 * pushed me away recently or while I owe them (I have been taking from them). Nor do I propose
 * introductions *for* someone who pushed me away recently: repair comes first.
 */
import type { PreparedText } from '../text-match.js';
import { canBeAskedToHelp, type ContactView } from './context.js';
import { KIND_WEIGHTS, bandScore, sharedPosition } from './score.js';
import { formatLogCommand, oneLine } from './shell.js';
import { makeStep, restep, type Step } from './step.js';
import type { JournalTexts } from './texts.js';
import { listWords, quoted, stageWord } from './wording.js';

/** The weakest text match worth an introduction (see text-match.ts for the 0..1 score). */
export const INTRO_MIN_MATCH = 0.3;
/** At most this many introductions are proposed for one person in need. */
export const INTROS_PER_CONTACT = 3;
/** The same introduction listed under the person who offers counts this much of its value. */
export const OFFER_SIDE_FACTOR = 0.8;

export interface Introduction {
  needer: ContactView;
  needText: string;
  helper: ContactView;
  offerText: string;
  /** How well the offer answers the need, 0..1 (text-match.ts). */
  matchScore: number;
  /** For the person in need (`contact` = needer, `with` = helper), worded when needed. */
  step: Step;
}

/** One helper's offer: who offers it and where in their list. */
interface OfferEntry {
  view: ContactView;
  index: number;
  /** sqrt(strength), for the pair's position (see below). */
  root: number;
}

/** A distinct offer text and every helper who offers it, strongest relationship first. */
interface OfferGroup {
  text: string;
  prepared: PreparedText;
  entries: OfferEntry[];
}

/** An offer text that matches a need text well enough, with the score of that match. */
interface TextPair {
  group: OfferGroup;
  score: number;
}

/** One need/offer pair that passed the minimum, before it is worded. */
interface Candidate {
  helper: ContactView;
  needIndex: number;
  needText: string;
  offer: OfferGroup;
  offerIndex: number;
  score: number;
  position: number;
}

/** Total order: higher position, then stronger match, then name, id, need and offer order. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return b.position - a.position
    || b.score - a.score
    || compareText(a.helper.name, b.helper.name)
    || a.helper.id - b.helper.id
    || a.needIndex - b.needIndex
    || a.offerIndex - b.offerIndex;
}

/**
 * Keeps the best `INTROS_PER_CONTACT` candidates with distinct helpers, best first, seeing each
 * candidate once: a helper already kept moves to its better pair; a new helper goes in if the
 * list has room or the candidate beats the last (which then drops out). The result is the top
 * helpers by their best pair, in order, as a full sort would give, whatever order the
 * candidates come in. (Kept sorted so that the worst and the entry bar are simply the last.)
 */
function offerTop(top: Candidate[], c: Candidate): void {
  let same = -1;
  for (let i = 0; i < top.length; i++) {
    if (top[i]!.helper.id === c.helper.id) {
      same = i;
      break;
    }
  }
  if (same >= 0) {
    if (compareCandidates(c, top[same]!) >= 0) return;
    top.splice(same, 1);
  } else if (top.length === INTROS_PER_CONTACT) {
    if (compareCandidates(c, top[top.length - 1]!) >= 0) return;
    top.pop();
  }
  let at = top.length;
  while (at > 0 && compareCandidates(c, top[at - 1]!) < 0) at--;
  top.splice(at, 0, c);
}

/** The lowest position in a full list (the last), below which no candidate can enter; -1 while not full. */
function entryBar(top: readonly Candidate[]): number {
  return top.length < INTROS_PER_CONTACT ? -1 : top[top.length - 1]!.position;
}

/**
 * Introductions for `needers`' needs from `helpers`' offers, best first per needer (at most
 * `INTROS_PER_CONTACT` each), keyed by the needer's id.
 *
 * A journal has thousands of needs and offers but few distinct texts, so the matching is done
 * on texts, once per distinct need text against the distinct offer texts that share a word
 * with it (an inverted index), and only then spread over people:
 *
 * - a candidate's position is `sharedPosition(introduce, 0.5 + 0.5 * match, sqrt(needer) *
 *   sqrt(helper))`, which never grows as the helper's strength falls; so each offer text's
 *   helpers are kept strongest first, and a needer's walk down them stops at the first one
 *   below the entry bar of its (full) top list: no later one can enter;
 * - `offerTop` keeps the same best pairs whatever the order of the candidates.
 *
 * The product of square roots is the order the candidates have always been kept in (it equals
 * `introPosition`'s sqrt(a * b) up to rounding); the suggestion's score uses `introPosition`.
 */
export function findIntroductions(
  needers: readonly ContactView[],
  helpers: readonly ContactView[],
  texts: JournalTexts,
): Map<number, Introduction[]> {
  // Indexed loops over people: these run once per contact, mostly as cold code, where a for-of
  // allocates an iterator result per element.
  const groups = new Map<string, OfferGroup>();
  for (let h = 0; h < helpers.length; h++) {
    const view = helpers[h]!;
    if (!canBeAskedToHelp(view)) continue;
    const offers = view.history.contact.offers;
    const root = Math.sqrt(view.strength);
    for (let index = 0; index < offers.length; index++) {
      const text = offers[index]!;
      let group = groups.get(text);
      if (!group) groups.set(text, (group = { text, prepared: texts.prepared(text), entries: [] }));
      group.entries.push({ view, index, root });
    }
  }
  const postings = new Map<string, OfferGroup[]>();
  for (const group of groups.values()) {
    group.entries.sort((a, b) => b.root - a.root);
    for (const key of group.prepared.keys) {
      const list = postings.get(key);
      if (list) list.push(group);
      else postings.set(key, [group]);
    }
  }

  // The offer texts each need text meets well enough, best match first (so the top list
  // fills with strong pairs early and the walks stop sooner). Worked out once per need text.
  const pairsOf = new Map<string, TextPair[]>();
  const matchesOf = (needText: string): TextPair[] => {
    let pairs = pairsOf.get(needText);
    if (pairs !== undefined) return pairs;
    const need = texts.prepared(needText);
    const seen = new Set<OfferGroup>();
    pairs = [];
    for (const term of need.terms) {
      for (const group of postings.get(term.key) ?? []) {
        if (seen.has(group)) continue;
        seen.add(group);
        const { score } = texts.matcher.compare(need, group.prepared);
        if (score >= INTRO_MIN_MATCH) pairs.push({ group, score });
      }
    }
    pairs.sort((a, b) => b.score - a.score);
    pairsOf.set(needText, pairs);
    return pairs;
  };

  const result = new Map<number, Introduction[]>();
  if (groups.size === 0) return result;
  for (let n = 0; n < needers.length; n++) {
    const needer = needers[n]!;
    if (needer.pushAway !== null) continue;
    const needs = needer.history.contact.needs;
    if (needs.length === 0) continue;
    const neederRoot = Math.sqrt(needer.strength);
    const top: Candidate[] = [];
    let bar = -1;
    for (let needIndex = 0; needIndex < needs.length; needIndex++) {
      const needText = needs[needIndex]!;
      const pairs = matchesOf(needText);
      for (let p = 0; p < pairs.length; p++) {
        const { group, score } = pairs[p]!;
        const urgency = 0.5 + 0.5 * score;
        const entries = group.entries;
        for (let e = 0; e < entries.length; e++) {
          const entry = entries[e]!;
          const position = sharedPosition(KIND_WEIGHTS.introduce, urgency, neederRoot * entry.root);
          if (position < bar) break;
          if (entry.view.id === needer.id) continue;
          offerTop(top, { helper: entry.view, needIndex, needText, offer: group, offerIndex: entry.index, score, position });
          bar = entryBar(top);
        }
      }
    }
    if (top.length === 0) continue;
    result.set(needer.id, top.map((c) => buildIntroduction(needer, c.needText, c.helper, c.offer.text, c.score, texts)));
  }
  return result;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function introPosition(needer: ContactView, helper: ContactView, matchScore: number): number {
  const both = Math.sqrt(needer.strength * helper.strength);
  return sharedPosition(KIND_WEIGHTS.introduce, 0.5 + 0.5 * matchScore, both);
}

function buildIntroduction(
  needer: ContactView, needText: string, helper: ContactView, offerText: string, matchScore: number, texts: JournalTexts,
): Introduction {
  const position = introPosition(needer, helper, matchScore);
  const step = makeStep(needer, 'introduce', bandScore('introduce', position), () => ({
    action: `Introduce ${needer.name} to ${helper.name}: ${helper.name} offers ${quoted(offerText, 60)}, `
      + `which fits ${needer.name}'s need ${quoted(needText, 60)}`,
    why: introWhy(needer, needText, helper, offerText, matchScore, texts),
    logCommand: formatLogCommand({
      names: [needer.name, helper.name],
      channel: 'email',
      gave: [`intro:introduced ${needer.name} to ${helper.name} for ${oneLine(needText, 60)}`],
    }),
  }), helper.name);
  return { needer, needText, helper, offerText, matchScore, step };
}

function introWhy(
  needer: ContactView, needText: string, helper: ContactView, offerText: string, matchScore: number, texts: JournalTexts,
): string {
  // The shared words, as the need writes them (the score is the same compare's).
  const { words } = texts.matcher.compare(texts.prepared(needText), texts.prepared(offerText));
  return `${needer.name} needs ${quoted(needText, 60)} and ${helper.name} offers ${quoted(offerText, 60)}; `
    + `they meet on ${listWords(words)} (match ${Math.round(matchScore * 100)}%). `
    + `You are at stage ${needer.stage} (${stageWord(needer.stage)}) with ${needer.name} `
    + `and ${helper.stage} (${stageWord(helper.stage)}) with ${helper.name}. `
    + 'One email from you, no cost to them, and a problem outside your own expertise gets solved.';
}

/**
 * The same introduction as seen from the person who offers: listed under them (`contact` =
 * helper, `with` = needer) when someone asks for that person's options, worth a little less
 * because the value goes mainly to the other person.
 */
export function asHelperStep(intro: Introduction): Step {
  const position = introPosition(intro.needer, intro.helper, intro.matchScore) * OFFER_SIDE_FACTOR;
  return restep(intro.step, intro.helper, intro.needer.name, bandScore('introduce', position));
}
