import { describe, expect, it } from 'vitest';
import { buildMatcher, contentTerms, matchTexts, stem, tokenize } from '../../src/domain/text-match.js';

describe('tokenize', () => {
  it.each([
    ['Hiring a Security Lead', ['hiring', 'security', 'lead']],
    ['supply-chain know-how', ['supply', 'chain', 'know', 'how']],
    ["Dana's Q3 plan for 2026", ['dana', 'q3', 'plan', 'for']],
    // NFD input is composed first, so both spellings give one word.
    ['Jose\u0301 CAFÉ', ['josé', 'café']],
    ['ÉMILE straße', ['émile', 'straße']],
    ['東京 ✨ marketing', ['東京', 'marketing']],
    ['', []],
  ])('%j', (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });
});

describe('stem (Porter)', () => {
  it.each([
    ['hiring', 'hire'], ['hire', 'hire'], ['hired', 'hire'],
    ['recruiting', 'recruit'], ['recruitment', 'recruit'],
    ['security', 'secur'], ['secure', 'secur'],
    ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'], ['agreed', 'agre'],
    ['hopping', 'hop'], ['falling', 'fall'], ['filing', 'file'], ['happy', 'happi'],
    ['relational', 'relat'], ['generalizations', 'gener'], ['adoption', 'adopt'],
    ['controll', 'control'], ['marketing', 'market'],
    // Left alone: short words and anything that is not plain a-z.
    ['as', 'as'], ['café', 'café'], ['q3', 'q3'],
  ])('%s -> %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('contentTerms', () => {
  it('drops stop-words and request filler, keeps the words as written', () => {
    expect(contentTerms('Looking for help with hiring a security lead').map((t) => t.word))
      .toEqual(['hiring', 'security', 'lead']);
  });
  it('folds concept groups onto one key', () => {
    const [hiring] = contentTerms('hiring');
    const [recruiting] = contentTerms('recruiting');
    expect(hiring?.key).toBe(recruiting?.key);
  });
});

describe('matchTexts', () => {
  it.each([
    // need, offer, minimum score, matching words
    ['hiring a security lead', 'security recruiting network', 0.6, ['hiring', 'security']],
    ['hire a designer', 'hiring designers for startups', 0.5, ['hire', 'designer']],
    ['raising a seed round', 'introductions to seed investors', 0.3, ['seed']],
    ['logistics for the new warehouse', 'supply-chain know-how', 0.3, ['logistics']],
    ['a lawyer for a lease', 'legal advice on commercial leases', 0.6, ['lawyer', 'lease']],
  ])('%j meets %j', (need, offer, min, words) => {
    const m = matchTexts(need, offer);
    expect(m.score).toBeGreaterThanOrEqual(min);
    expect(m.score).toBeLessThanOrEqual(1);
    expect(m.words).toEqual(words);
  });

  it.each([
    ['hiring a security lead', 'supply-chain know-how'],
    ['help with the team offsite', 'happy to help any team'],
    ['growing the business', 'business coaching for teams'],
    ['', 'anything'],
    ['need help', 'can help'],
  ])('%j does not meet %j', (need, offer) => {
    expect(matchTexts(need, offer)).toEqual({ score: 0, words: [] });
  });

  it('is 1 for the same subject', () => {
    expect(matchTexts('Security Lead', 'security leads').score).toBeCloseTo(1, 10);
  });
});

describe('buildMatcher', () => {
  // "marketing" is in most of this journal's texts, "bakery" in one.
  const corpus = [
    'marketing for our bakery', 'marketing analytics dashboards', 'marketing strategy',
    'content marketing', 'marketing a podcast', 'marketing automation', 'brand marketing',
    'hiring a security lead', 'security recruiting network', 'sailing',
  ];
  const matcher = buildMatcher(corpus);

  it('weighs a word common in the journal below a rare one', () => {
    expect(matcher.weight('market')).toBeLessThan(matcher.weight('bakeri'));
  });

  it('lets an overlap on a common word fall below a plain match', () => {
    const plain = matchTexts('marketing for our bakery', 'marketing analytics dashboards');
    const weighted = matcher.match('marketing for our bakery', 'marketing analytics dashboards');
    expect(weighted.score).toBeLessThan(plain.score);
    expect(weighted.score).toBeLessThan(0.3);
    expect(weighted.words).toEqual(['marketing']);
  });

  it('keeps a match on rare words strong', () => {
    expect(matcher.match('hiring a security lead', 'security recruiting network').score).toBeGreaterThan(0.6);
  });

  it('gives weights of at least the generic factor, even with an empty corpus', () => {
    const empty = buildMatcher([]);
    expect(empty.weight('anything')).toBe(1);
    expect(empty.weight('team')).toBeCloseTo(0.3);
  });
});
