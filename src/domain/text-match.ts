/**
 * Matching free text: one contact's need ("hiring a security lead") against another contact's
 * offer ("security recruiting network"). Exact strings almost never meet, so both sides are
 * reduced to *terms*:
 *
 * 1. tokenise: NFC, Unicode lowercase, split on anything that is not a letter or a digit;
 *    single characters and bare numbers are dropped;
 * 2. drop English stop-words ("a", "the", "with") and request filler ("help", "need",
 *    "looking for"), which say nothing about the subject;
 * 3. stem with a Porter stemmer ("hiring" and "hire" both become "hire"), ASCII words only;
 * 4. fold a short list of concept groups onto one term ("recruiting" meets "hiring").
 *
 * Scoring (`Matcher.match`): each term has a weight, its inverse document frequency over the
 * journal's texts, `1 + ln((1 + D) / (1 + df))` (D texts, df of them containing the term), so
 * a word every second contact uses weighs less than a rare one; a few generic business words
 * ("team", "business") weigh a further x0.3. With C the summed weight of the shared terms,
 *     coverNeed  = C / weight(need terms),   coverOffer = C / weight(offer terms)
 *     score      = coverNeed^(2/3) * coverOffer^(1/3)            (0..1)
 * The need side counts more: what matters is whether the offer answers the need, not whether
 * the need uses every word of the offer. An overlap made only of generic words scores 0.
 */

/** Function words: never a subject. Checked on the lowercased word. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each either else ' +
    'etc ever every few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just let like ll me might mine more most ' +
    'much must my myself neither no nor not now of off on once one only or other our ours ' +
    'ourselves out over own per re same shall she should so some such than that the their ' +
    'theirs them themselves then there these they this those through to too under until up upon ' +
    'us ve very via was we were what when where whether which while who whom whose why will ' +
    'with within without would yet you your yours yourself yourselves s t d m'
  ).split(' '),
);

/**
 * Request filler: words people use to *phrase* a need or an offer ("looking for help with",
 * "happy to advise on anything") rather than to name its subject. Checked after stemming, so
 * "helps", "helping" and "helped" all go.
 */
const FILLER_WORDS = (
  'help need want wish look seek search find get got make made give take use try know ' +
  'someone somebody anyone anybody something anything thing stuff lot lots kind sort ' +
  'good great best better new big small happy glad able available open interested ' +
  'really maybe currently soon still already always often general various many things ' +
  'way ways ask asking'
).split(' ');

/** Broad business words: kept, but a match resting only on them is no match. */
const GENERIC_WORDS = (
  'team business work company project people client customer product service job role ' +
  'time year month week day'
).split(' ');

/** The weight factor of a generic word. */
export const GENERIC_WEIGHT = 0.3;

/**
 * Concept groups: words that name the same need in different words. Kept short and
 * unambiguous on purpose; each group is folded onto the stem of its first word.
 */
const CONCEPT_GROUPS: readonly (readonly string[])[] = [
  ['hire', 'hiring', 'recruit', 'recruiting', 'recruiter', 'recruitment', 'headhunter', 'talent'],
  ['fundraising', 'fundraise', 'investor', 'investors', 'invest', 'investment', 'funding'],
  ['sales', 'sell', 'selling', 'seller'],
  ['legal', 'lawyer', 'attorney', 'counsel'],
  ['logistics', 'logistic', 'supply'],
  ['write', 'writing', 'writer', 'copywriting', 'copywriter'],
  ['coach', 'coaching', 'mentor', 'mentoring', 'mentorship'],
  ['accounting', 'accountant', 'bookkeeping', 'bookkeeper', 'tax', 'taxes'],
];

// ---------------------------------------------------------------------------------------------
// Tokenising

/** Lowercased NFC words of `text`, in order, single characters and bare numbers dropped. */
export function tokenize(text: string): string[] {
  const folded = text.normalize('NFC').toLowerCase();
  return folded
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w.length >= 2 && !/^\p{N}+$/u.test(w));
}

// ---------------------------------------------------------------------------------------------
// Porter stemmer (M.F. Porter, 1980), written out from the published rules. Only plain ASCII
// words are stemmed; other scripts pass through unchanged.

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** The number of vowel-consonant sequences in `s` ("m" in Porter's paper). */
function measure(s: string): number {
  let m = 0;
  let i = 0;
  const n = s.length;
  while (i < n && isConsonant(s, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(s, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(s, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isConsonant(s, i)) return true;
  return false;
}

function endsDoubleConsonant(s: string): boolean {
  const n = s.length;
  return n >= 2 && s[n - 1] === s[n - 2] && isConsonant(s, n - 1);
}

/** consonant-vowel-consonant at the end, the last not w, x or y ("*o" in the paper). */
function endsCvc(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  const last = s[n - 1];
  return isConsonant(s, n - 3) && !isConsonant(s, n - 2) && isConsonant(s, n - 1)
    && last !== 'w' && last !== 'x' && last !== 'y';
}

/** The longest suffix of `rules` that `w` ends with, replaced when `test(stem)` holds. */
function replaceSuffix(
  w: string,
  rules: readonly (readonly [string, string])[],
  test: (stem: string, suffix: string) => boolean,
): string {
  let best: readonly [string, string] | undefined;
  for (const rule of rules) {
    if (w.endsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  }
  if (!best) return w;
  const stem = w.slice(0, w.length - best[0].length);
  return test(stem, best[0]) ? stem + best[1] : w;
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'],
  ['logi', 'log'],
];
const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''],
  ['ness', ''],
];
const STEP4: readonly (readonly [string, string])[] = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou',
  'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
].map((s) => [s, ''] as const);

/** The Porter stem of one lowercase word; words that are not plain a-z are returned as is. */
export function stem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  let w = word;

  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b: -ed, -ing.
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : '';
    const base = suffix ? w.slice(0, w.length - suffix.length) : '';
    if (suffix && hasVowel(base)) {
      w = base;
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += 'e';
    }
  }

  // Step 1c: y -> i after a vowel in the stem.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + 'i';

  // Steps 2-4: derivational suffixes.
  w = replaceSuffix(w, STEP2, (s) => measure(s) > 0);
  w = replaceSuffix(w, STEP3, (s) => measure(s) > 0);
  // "-ion" goes only after s or t ("adoption", not "onion").
  w = replaceSuffix(w, STEP4, (s, suffix) => measure(s) > 1 && (suffix !== 'ion' || /[st]$/.test(s)));

  // Step 5: a final -e, a final double l.
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Terms

// Stemmed once, on first use: every command's code is in one bundle chunk, and only suggest
// matches text, so the others should not pay for building these at load time.
let stems: { filler: ReadonlySet<string>; generic: ReadonlySet<string>; conceptOf: ReadonlyMap<string, string> } | null = null;

function wordStems(): NonNullable<typeof stems> {
  if (stems) return stems;
  const conceptOf = new Map<string, string>();
  for (const group of CONCEPT_GROUPS) {
    const head = stem(group[0] ?? '');
    for (const word of group) conceptOf.set(stem(word), head);
  }
  stems = { filler: new Set(FILLER_WORDS.map(stem)), generic: new Set(GENERIC_WORDS.map(stem)), conceptOf };
  return stems;
}

/** One content word of a text: its comparison key and the word as written. */
export interface Term {
  key: string;
  word: string;
}

/** True for a generic business word's key: weighed down, and never a match on its own. */
export function isGenericKey(key: string): boolean {
  return wordStems().generic.has(key);
}

// A journal repeats the same few hundred words; stemming each once keeps large journals fast.
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

function cachedStem(word: string): string {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    if (STEM_CACHE.size >= STEM_CACHE_MAX) STEM_CACHE.clear();
    s = stem(word);
    STEM_CACHE.set(word, s);
  }
  return s;
}

/** The content terms of `text`, in order, duplicates kept (the first occurrence names it). */
export function contentTerms(text: string): Term[] {
  const terms: Term[] = [];
  for (const word of tokenize(text)) {
    if (STOP_WORDS.has(word)) continue;
    const s = cachedStem(word);
    if (wordStems().filler.has(s)) continue;
    terms.push({ key: wordStems().conceptOf.get(s) ?? s, word });
  }
  return terms;
}

// ---------------------------------------------------------------------------------------------
// Matching

export interface TextMatch {
  /** 0 (nothing in common) .. 1 (the same subject). */
  score: number;
  /** The need's words that the offer shares, as the need writes them, in the need's order. */
  words: string[];
}

/** A text reduced once to its distinct terms, for matching it against many others. */
export interface PreparedText {
  /** Distinct terms, first occurrence first. */
  terms: Term[];
  keys: ReadonlySet<string>;
  /** Summed weight of `keys`. */
  weight: number;
}

export interface Matcher {
  match(need: string, offer: string): TextMatch;
  /** Reduce a text once; `compare` then matches prepared texts without re-tokenising. */
  prepare(text: string): PreparedText;
  compare(need: PreparedText, offer: PreparedText): TextMatch;
  /** The weight of one term key (see the module comment). */
  weight(key: string): number;
}

/**
 * A matcher whose term weights come from `corpus`: every need, offer and interest text in the
 * journal, one string each. An empty corpus weighs every term 1 (generic ones 0.3).
 */
export function buildMatcher(corpus: readonly string[]): Matcher {
  const counts = new Map<string, number>();
  for (const text of corpus) counts.set(text, (counts.get(text) ?? 0) + 1);
  return matcherFromCounts(counts);
}

/**
 * `buildMatcher` for a corpus already counted: each distinct text with how many times it
 * occurs. `termsOf` is `contentTerms`, or a memoised copy of it (suggest reads each distinct
 * text once).
 */
export function matcherFromCounts(
  counts: ReadonlyMap<string, number>, termsOf: (text: string) => readonly Term[] = contentTerms,
): Matcher {
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
      if (wordStems().generic.has(key)) w *= GENERIC_WEIGHT;
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
      if (!wordStems().generic.has(term.key)) specific = true;
    }
    if (!specific) return { score: 0, words: [] };
    return { score: coverageScore(common, need.weight, offer.weight), words };
  };
  return {
    weight,
    prepare,
    compare,
    match: (need, offer) => compare(prepare(need), prepare(offer)),
  };
}

/**
 * The match score from the summed weight of the shared terms and of each side's terms:
 * coverNeed^(2/3) * coverOffer^(1/3), in 0..1. Exported so that a caller accumulating shared
 * weights over an index (introduce.ts) scores exactly as `compare` does.
 */
export function coverageScore(common: number, needWeight: number, offerWeight: number): number {
  if (common <= 0 || needWeight <= 0 || offerWeight <= 0) return 0;
  const coverNeed = Math.min(1, common / needWeight);
  const coverOffer = Math.min(1, common / offerWeight);
  return Math.cbrt(coverNeed * coverNeed * coverOffer);
}

/** `need` against `offer` with every term weighed alike (no journal vocabulary). */
export function matchTexts(need: string, offer: string): TextMatch {
  return buildMatcher([]).match(need, offer);
}
