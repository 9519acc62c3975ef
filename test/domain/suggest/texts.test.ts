/**
 * texts.ts reads each distinct text once and counts repeated texts instead of tokenising every
 * copy; what it gives must be exactly what text-match.ts gives for the whole corpus.
 */
import { describe, expect, it } from 'vitest';
import { buildMatcher, contentTerms } from '../../../src/domain/text-match.js';
import { preparingStems, readsLikePreparing } from '../../../src/domain/suggest/ideas.js';
import { JournalTexts } from '../../../src/domain/suggest/texts.js';
import { contact, history } from './builders.js';

describe('JournalTexts', () => {
  it('reads a journal as buildMatcher and readsLikePreparing do, once per text', () => {
    const people = [
      ['hiring a security lead', 'drafting the launch plan'], ['security recruiting network'], ['a recruiter'],
      ['hiring a security lead'], ['grant writing', 'jazz'],
    ];
    const histories = people.map((texts, i) => history(contact(`P${i}`, { id: i + 1, needs: texts, offers: texts.slice(1), interests: texts.slice(0, 1) })));
    const texts = new JournalTexts(histories, preparingStems());
    const corpus = histories.flatMap((h) => [...h.contact.needs, ...h.contact.offers, ...h.contact.interests]);
    const reference = buildMatcher(corpus);
    for (const text of corpus) {
      expect(texts.prepared(text)).toStrictEqual(reference.prepare(text));
      expect(texts.prepared(text)).toBe(texts.prepared(text));
      expect(texts.terms(text)).toStrictEqual(contentTerms(text));
      expect(texts.readsLikePreparing(text)).toBe(readsLikePreparing(text));
    }
    // Plain stems, not concept groups: "hiring" is work in preparation, "a recruiter" is not.
    expect(texts.readsLikePreparing('hiring a security lead')).toBe(true);
    expect(texts.readsLikePreparing('a recruiter')).toBe(false);
  });
});
