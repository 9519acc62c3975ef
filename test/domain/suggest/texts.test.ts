/**
 * texts.ts reads each distinct text once and counts repeated texts instead of tokenising every
 * copy; what it gives must be exactly what text-match.ts gives for the whole corpus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatcher, contentTerms } from '../../../src/domain/text-match.js';
import { PREPARING_STEMS, readsLikePreparing } from '../../../src/domain/suggest/ideas.js';
import { JournalTexts, journalMatcher } from '../../../src/domain/suggest/texts.js';
import { contact, history } from './builders.js';

const WORDS = [
  'hiring', 'hire', 'recruiter', 'security', 'lead', 'the', 'a', 'for', 'help', 'with', 'team', 'business',
  'grant', 'writing', 'writer', 'launch', 'plan', 'planning', 'drafts', 'podcast', 'SEO', 'café', 'Über',
  'lawyer', 'legal', 'tax', 'looking', 'someone', '2026', 'x', 'kubernetes', 'résumé', 'sales', 'selling',
];
const textArb = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(' '));

describe('journalMatcher', () => {
  it('weighs, prepares and compares exactly as buildMatcher over the same corpus', () => {
    fc.assert(fc.property(fc.array(textArb, { maxLength: 40 }), fc.array(textArb, { minLength: 1, maxLength: 8 }), (corpus, probes) => {
      const counts = new Map<string, number>();
      for (const text of corpus) counts.set(text, (counts.get(text) ?? 0) + 1);
      const ours = journalMatcher(counts, contentTerms);
      const theirs = buildMatcher(corpus);
      const all = [...corpus, ...probes];
      for (const text of all) {
        expect(ours.prepare(text)).toStrictEqual(theirs.prepare(text));
        for (const term of contentTerms(text)) expect(Object.is(ours.weight(term.key), theirs.weight(term.key))).toBe(true);
      }
      for (const need of all) {
        for (const offer of probes) expect(ours.match(need, offer)).toStrictEqual(theirs.match(need, offer));
      }
    }), { numRuns: 200, seed: 42 });
  });
});

describe('JournalTexts', () => {
  it('reads a journal as buildMatcher and readsLikePreparing do, once per text', () => {
    const people = [
      ['hiring a security lead', 'drafting the launch plan'], ['security recruiting network'], ['a recruiter'],
      ['hiring a security lead'], ['grant writing', 'jazz'],
    ];
    const histories = people.map((texts, i) => history(contact(`P${i}`, { id: i + 1, needs: texts, offers: texts.slice(1), interests: texts.slice(0, 1) })));
    const texts = new JournalTexts(histories, PREPARING_STEMS);
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
