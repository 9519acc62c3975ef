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
import type { Matcher, PreparedText, TextMatch } from '../text-match.js';
import type { Suggestion } from '../types.js';
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

/**
 * Introductions for `needers`' needs from `helpers`' offers, best first per needer (at most
 * `INTROS_PER_CONTACT` each), keyed by the needer's id.
 */
export function findIntroductions(
  needers: readonly ContactView[],
  helpers: readonly ContactView[],
  matcher: Matcher,
): Map<number, Introduction[]> {
  const index = new Map<string, OfferEntry[]>();
  for (const view of helpers) {
    if (!canBeAskedToHelp(view)) continue;
    view.history.contact.offers.forEach((text, i) => {
      const entry: OfferEntry = { view, index: i, text, prepared: matcher.prepare(text) };
      for (const key of entry.prepared.keys) {
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push(entry);
      }
    });
  }

  const result = new Map<number, Introduction[]>();
  for (const needer of needers) {
    if (needer.pushAway !== null) continue;
    // The best pair per helper; equal matches keep the need and offer written first.
    const best = new Map<number, { match: TextMatch; needIndex: number; needText: string; offer: OfferEntry }>();
    needer.history.contact.needs.forEach((needText, needIndex) => {
      const need = matcher.prepare(needText);
      const seen = new Set<OfferEntry>();
      for (const key of need.keys) {
        for (const offer of index.get(key) ?? []) {
          if (seen.has(offer) || offer.view.id === needer.id) continue;
          seen.add(offer);
          const match = matcher.compare(need, offer.prepared);
          if (match.score < INTRO_MIN_MATCH) continue;
          const current = best.get(offer.view.id);
          const better = !current || match.score > current.match.score
            || (match.score === current.match.score
              && (needIndex < current.needIndex || (needIndex === current.needIndex && offer.index < current.offer.index)));
          if (better) best.set(offer.view.id, { match, needIndex, needText, offer });
        }
      }
    });
    const intros = [...best.values()].map(({ match, needText, offer }) =>
      buildIntroduction(needer, needText, offer.view, offer.text, match));
    intros.sort((a, b) => b.suggestion.score - a.suggestion.score
      || b.match.score - a.match.score
      || (a.helper.name < b.helper.name ? -1 : a.helper.name > b.helper.name ? 1 : a.helper.id - b.helper.id));
    if (intros.length > 0) result.set(needer.id, intros.slice(0, INTROS_PER_CONTACT));
  }
  return result;
}

function introPosition(needer: ContactView, helper: ContactView, match: TextMatch): number {
  const both = Math.sqrt(needer.strength * helper.strength);
  return sharedPosition(KIND_WEIGHTS.introduce, 0.5 + 0.5 * match.score, both);
}

function buildIntroduction(
  needer: ContactView, needText: string, helper: ContactView, offerText: string, match: TextMatch,
): Introduction {
  const position = introPosition(needer, helper, match);
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
  const position = introPosition(intro.needer, intro.helper, intro.match) * OFFER_SIDE_FACTOR;
  return {
    ...intro.suggestion,
    contactId: intro.helper.id,
    contact: intro.helper.name,
    with: intro.needer.name,
    score: bandScore('introduce', position),
  };
}
