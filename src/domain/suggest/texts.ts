/**
 * The journal's free texts (needs, offers, interests) as the suggestion rules read them, each
 * distinct text read once per `suggestSteps` call.
 *
 * Why: a journal repeats the same few hundred texts across thousands of contacts (the bench's
 * mid journal has 6,000 needs, offers and interests but only 346 distinct ones), and each text
 * used to be tokenised up to five times: for the matcher's vocabulary, to prepare it for
 * matching (once per `findIntroductions` call), and to see whether it reads like work in
 * preparation (for the review offer, the resource and the give-first gift). Here every result
 * is memoised per text. The memo belongs to one call, so nothing leaks from one journal or day
 * to the next.
 *
 * `journalMatcher` is text-match.ts's `buildMatcher` over the same corpus, term for term and
 * weight for weight, but it counts each distinct text once with its multiplicity instead of
 * tokenising every copy (test/domain/suggest/texts.test.ts holds the two equal).
 */
import {
  GENERIC_WEIGHT, contentTerms, coverageScore, isGenericKey, stem, type Matcher, type PreparedText, type Term,
  type TextMatch,
} from '../text-match.js';
import type { ContactHistory } from '../types.js';

export class JournalTexts {
  readonly matcher: Matcher;
  private readonly termsOf = new Map<string, Term[]>();
  private readonly preparedOf = new Map<string, PreparedText>();
  private readonly preparingOf = new Map<string, boolean>();

  /**
   * The matcher's vocabulary is every need, offer and interest of `histories` (the active
   * contacts); `preparingStems` are the stems of ideas.ts's PREPARING_WORDS.
   */
  constructor(histories: readonly ContactHistory[], private readonly preparingStems: ReadonlySet<string>) {
    const counts = new Map<string, number>();
    const count = (list: readonly string[]): void => {
      for (let i = 0; i < list.length; i++) counts.set(list[i]!, (counts.get(list[i]!) ?? 0) + 1);
    };
    // Indexed loops: this runs once per contact as cold code, where a for-of allocates per element.
    for (let i = 0; i < histories.length; i++) {
      const c = histories[i]!.contact;
      count(c.needs);
      count(c.offers);
      count(c.interests);
    }
    this.matcher = journalMatcher(counts, (text) => this.terms(text));
  }

  /** `contentTerms(text)`, once per text. Callers must not change the array. */
  terms(text: string): readonly Term[] {
    let terms = this.termsOf.get(text);
    if (terms === undefined) this.termsOf.set(text, (terms = contentTerms(text)));
    return terms;
  }

  /** `matcher.prepare(text)`, once per text. */
  prepared(text: string): PreparedText {
    let prepared = this.preparedOf.get(text);
    if (prepared === undefined) this.preparedOf.set(text, (prepared = this.matcher.prepare(text)));
    return prepared;
  }

  /**
   * Whether `text` reads like work in preparation (ideas.ts, `readsLikePreparing`): one of its
   * words, by its plain stem (not its concept group), is in `preparingStems`. Once per text.
   */
  readsLikePreparing(text: string): boolean {
    let preparing = this.preparingOf.get(text);
    if (preparing === undefined) {
      preparing = this.terms(text).some((t) => this.preparingStems.has(stem(t.word)));
      this.preparingOf.set(text, preparing);
    }
    return preparing;
  }
}

/**
 * `buildMatcher(corpus)` for the corpus in which each key of `counts` appears that many times,
 * with `termsOf` giving a text's `contentTerms`. The weights, `prepare` and `compare` are
 * written exactly as in text-match.ts (same sums in the same order), so every score is the same
 * number, not merely a close one.
 */
export function journalMatcher(counts: ReadonlyMap<string, number>, termsOf: (text: string) => readonly Term[]): Matcher {
  const df = new Map<string, number>();
  let docs = 0;
  for (const [text, n] of counts) {
    docs += n;
    for (const key of new Set(termsOf(text).map((t) => t.key))) df.set(key, (df.get(key) ?? 0) + n);
  }
  const weights = new Map<string, number>();
  const weight = (key: string): number => {
    let w = weights.get(key);
    if (w === undefined) {
      // A text outside the corpus (df 0) gets the rarest weight; nothing goes below 1.
      w = Math.max(1, 1 + Math.log((1 + docs) / (1 + (df.get(key) ?? 0))));
      if (isGenericKey(key)) w *= GENERIC_WEIGHT;
      weights.set(key, w);
    }
    return w;
  };
  const prepare = (text: string): PreparedText => {
    const keys = new Set<string>();
    const terms: Term[] = [];
    let total = 0;
    for (const term of termsOf(text)) {
      if (keys.has(term.key)) continue;
      keys.add(term.key);
      terms.push(term);
      total += weight(term.key);
    }
    return { terms, keys, weight: total };
  };
  const compare = (need: PreparedText, offer: PreparedText): TextMatch => {
    let common = 0;
    let specific = false;
    const words: string[] = [];
    for (const term of need.terms) {
      if (!offer.keys.has(term.key)) continue;
      common += weight(term.key);
      words.push(term.word);
      if (!isGenericKey(term.key)) specific = true;
    }
    if (!specific) return { score: 0, words: [] };
    return { score: coverageScore(common, need.weight, offer.weight), words };
  };
  return { weight, prepare, compare, match: (need, offer) => compare(prepare(need), prepare(offer)) };
}
