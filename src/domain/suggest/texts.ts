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
 * The matcher is text-match.ts's `matcherFromCounts`: each distinct text counted once with its
 * multiplicity, its terms read through this memo.
 */
import { contentTerms, matcherFromCounts, stem, type Matcher, type PreparedText, type Term } from '../text-match.js';
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
    this.matcher = matcherFromCounts(counts, (text) => this.terms(text));
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
