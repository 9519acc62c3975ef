/**
 * Introductions: one contact's need met by another contact's offer. The most valuable cheap
 * gift there is (seed 003): one email from me can solve a problem outside my own expertise.
 *
 * Every need of every active contact is matched (text-match.ts) against the offers of every
 * other active contact that shares at least one specific word with it (an inverted index, so a
 * journal of thousands stays fast). The best need/offer pair per two people counts, if its
 * match reaches `INTRO_MIN_MATCH`.
 *
 * Never introduced: anyone to themselves, anyone ended, and nobody is asked to help while they
 * pushed me away recently or while I owe them (I have been taking from them). Nor do I propose
 * introductions *for* someone who pushed me away recently: repair comes first.
 */
import { coverageScore, isGenericKey, type Matcher, type PreparedText, type TextMatch } from '../../../../src/domain/text-match.js';
import type { Suggestion } from '../../../../src/domain/types.js';
import { canBeAskedToHelp, type ContactView } from './context.js';
import { KIND_WEIGHTS, bandScore, sharedPosition } from './score.js';
import { formatLogCommand, oneLine } from './shell.js';
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
  match: TextMatch;
  /** For the person in need (`contact` = needer, `with` = helper). */
  suggestion: Suggestion;
}

interface OfferEntry {
  view: ContactView;
  index: number;
  text: string;
  prepared: PreparedText;
}

/** One need/offer pair that passed the minimum, before it is worded. */
interface Candidate {
  helper: ContactView;
  needIndex: number;
  needText: string;
  offer: OfferEntry;
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
    || a.offer.index - b.offer.index;
}

/**
 * Keeps the best `INTROS_PER_CONTACT` candidates with distinct helpers, seeing each candidate
 * once: a helper already kept is updated to its better pair, else a better candidate replaces
 * the worst. The result is the top helpers by their best pair, as a full sort would give.
 */
function offerTop(top: Candidate[], c: Candidate): void {
  const same = top.findIndex((t) => t.helper.id === c.helper.id);
  if (same >= 0) {
    if (compareCandidates(c, top[same]!) < 0) top[same] = c;
  } else if (top.length < INTROS_PER_CONTACT) {
    top.push(c);
  } else {
    const worst = worstIndex(top);
    if (compareCandidates(c, top[worst]!) < 0) top[worst] = c;
  }
}

function worstIndex(top: readonly Candidate[]): number {
  let worst = 0;
  for (let i = 1; i < top.length; i++) if (compareCandidates(top[i]!, top[worst]!) > 0) worst = i;
  return worst;
}

/** The lowest position in a full list, below which no candidate can enter; -1 while not full. */
function entryBar(top: readonly Candidate[]): number {
  if (top.length < INTROS_PER_CONTACT) return -1;
  let lowest = Number.POSITIVE_INFINITY;
  for (const t of top) if (t.position < lowest) lowest = t.position;
  return lowest;
}

/**
 * Introductions for `needers`' needs from `helpers`' offers, best first per needer (at most
 * `INTROS_PER_CONTACT` each), keyed by the needer's id. Shared term weights are summed over an
 * inverted index of the offers, like a search engine's scoring, so only offers that share a
 * word with a need are ever touched; the few pairs kept are then worded with `compare`.
 */
export function findIntroductions(
  needers: readonly ContactView[],
  helpers: readonly ContactView[],
  matcher: Matcher,
): Map<number, Introduction[]> {
  const offers: OfferEntry[] = [];
  const postings = new Map<string, number[]>();
  for (const view of helpers) {
    if (!canBeAskedToHelp(view)) continue;
    view.history.contact.offers.forEach((text, index) => {
      const entry: OfferEntry = { view, index, text, prepared: matcher.prepare(text) };
      for (const key of entry.prepared.keys) {
        let list = postings.get(key);
        if (!list) postings.set(key, (list = []));
        list.push(offers.length);
      }
      offers.push(entry);
    });
  }

  // Per offer, in flat arrays: this loop runs once per need and matching offer.
  const shared = new Float64Array(offers.length);
  const specific = new Uint8Array(offers.length);
  const offerWeight = Float64Array.from(offers, (o) => o.prepared.weight);
  const helperId = Float64Array.from(offers, (o) => o.view.id);
  const helperRoot = Float64Array.from(offers, (o) => Math.sqrt(o.view.strength));
  const touched: number[] = [];
  const result = new Map<number, Introduction[]>();
  for (const needer of needers) {
    if (needer.pushAway !== null) continue;
    const neederRoot = Math.sqrt(needer.strength);
    const top: Candidate[] = [];
    let bar = -1;
    needer.history.contact.needs.forEach((needText, needIndex) => {
      const need = matcher.prepare(needText);
      for (const term of need.terms) {
        const list = postings.get(term.key);
        if (!list) continue;
        const w = matcher.weight(term.key);
        const generic = isGenericKey(term.key);
        for (let i = 0; i < list.length; i++) {
          const o = list[i]!;
          if (shared[o] === 0) touched.push(o);
          shared[o] = shared[o]! + w;
          if (!generic) specific[o] = 1;
        }
      }
      for (let i = 0; i < touched.length; i++) {
        const o = touched[i]!;
        const score = specific[o] === 1 ? coverageScore(shared[o]!, need.weight, offerWeight[o]!) : 0;
        shared[o] = 0;
        specific[o] = 0;
        if (score < INTRO_MIN_MATCH || helperId[o] === needer.id) continue;
        // sqrt(a * b) = sqrt(a) * sqrt(b): introPosition's value (up to rounding) without the call.
        const position = sharedPosition(KIND_WEIGHTS.introduce, 0.5 + 0.5 * score, neederRoot * helperRoot[o]!);
        if (position < bar) continue;
        const offer = offers[o]!;
        offerTop(top, { helper: offer.view, needIndex, needText, offer, score, position });
        bar = entryBar(top);
      }
      touched.length = 0;
    });
    if (top.length === 0) continue;
    top.sort(compareCandidates);
    result.set(needer.id, top.map((c) =>
      buildIntroduction(needer, c.needText, c.helper, c.offer.text, matcher.compare(matcher.prepare(c.needText), c.offer.prepared))));
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
  needer: ContactView, needText: string, helper: ContactView, offerText: string, match: TextMatch,
): Introduction {
  const position = introPosition(needer, helper, match.score);
  const suggestion: Suggestion = {
    contactId: needer.id,
    contact: needer.name,
    kind: 'introduce',
    with: helper.name,
    action: `Introduce ${needer.name} to ${helper.name}: ${helper.name} offers ${quoted(offerText, 60)}, `
      + `which fits ${needer.name}'s need ${quoted(needText, 60)}`,
    why: introWhy(needer, needText, helper, offerText, match),
    score: bandScore('introduce', position),
    logCommand: formatLogCommand({
      names: [needer.name, helper.name],
      channel: 'email',
      gave: [`intro:introduced ${needer.name} to ${helper.name} for ${oneLine(needText, 60)}`],
    }),
  };
  return { needer, needText, helper, offerText, match, suggestion };
}

function introWhy(
  needer: ContactView, needText: string, helper: ContactView, offerText: string, match: TextMatch,
): string {
  return `${needer.name} needs ${quoted(needText, 60)} and ${helper.name} offers ${quoted(offerText, 60)}; `
    + `they meet on ${listWords(match.words)} (match ${Math.round(match.score * 100)}%). `
    + `You are at stage ${needer.stage} (${stageWord(needer.stage)}) with ${needer.name} `
    + `and ${helper.stage} (${stageWord(helper.stage)}) with ${helper.name}. `
    + 'One email from you, no cost to them, and a problem outside your own expertise gets solved.';
}

/**
 * The same introduction as seen from the person who offers: listed under them (`contact` =
 * helper, `with` = needer) when someone asks for that person's options, worth a little less
 * because the value goes mainly to the other person.
 */
export function asHelperSuggestion(intro: Introduction): Suggestion {
  const position = introPosition(intro.needer, intro.helper, intro.match.score) * OFFER_SIDE_FACTOR;
  return {
    ...intro.suggestion,
    contactId: intro.helper.id,
    contact: intro.helper.name,
    with: intro.needer.name,
    score: bandScore('introduce', position),
  };
}
