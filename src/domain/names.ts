/**
 * Name matching for NAME arguments: full name or alias, case-insensitively, then a unique
 * prefix. SQLite's NOCASE folds ASCII only, so folding happens here and the store keeps the
 * folded key in an indexed column.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The comparison key of a name: NFC (so a decomposed "José" equals a composed one), Unicode
 * case folding (upper then lower makes "ß" and "SS" meet), whitespace collapsed.
 */
export function foldKey(text: string): string {
  // Printable ASCII is its own NFC and folds by toLowerCase alone: skip the Unicode passes,
  // which cost most of an import's contact lines.
  if (PRINTABLE_ASCII.test(text)) return text.trim().replace(/ +/g, ' ').toLowerCase();
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase().normalize('NFC');
}

/** A display name as stored: NFC, trimmed, inner whitespace collapsed. */
export function cleanName(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

export interface NameCandidate {
  id: number;
  name: string;
  /** Folded keys of the full name and every alias. */
  keys: string[];
}

export type NameMatch =
  | { kind: 'one'; id: number }
  | { kind: 'many'; candidates: NameCandidate[] }
  | { kind: 'none'; suggestions: NameCandidate[] };

/**
 * Resolves `query` among `candidates`: an exact name or alias beats any prefix, a prefix must be
 * unique, and only when neither matches are accents ignored. On a miss, up to three "did you mean" names close in spelling or sharing a
 * word.
 */
export function matchName(query: string, candidates: readonly NameCandidate[]): NameMatch {
  const key = foldKey(query);
  if (key === '') return { kind: 'none', suggestions: [] };
  const exact = candidates.filter((c) => c.keys.includes(key));
  if (exact.length === 1) return { kind: 'one', id: exact[0]!.id };
  if (exact.length > 1) return { kind: 'many', candidates: exact };
  const prefixed = candidates.filter((c) => c.keys.some((k) => k.startsWith(key)));
  if (prefixed.length === 1) return { kind: 'one', id: prefixed[0]!.id };
  if (prefixed.length > 1) return { kind: 'many', candidates: prefixed };
  // Accents are hard to type on some keyboards: "jose" finds "José" when nothing matched as typed.
  const bare = stripMarks(key);
  const loose = candidates.filter((c) => c.keys.some((k) => stripMarks(k).startsWith(bare)));
  if (loose.length === 1) return { kind: 'one', id: loose[0]!.id };
  if (loose.length > 1) return { kind: 'many', candidates: loose };
  return { kind: 'none', suggestions: closestNames(key, candidates, 3) };
}

/** The key without combining marks (é -> e), for accent-insensitive fallback matching. */
export function stripMarks(key: string): string {
  return key.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** Candidates whose name or alias is within a small edit distance, or shares a word with the query. */
export function closestNames(key: string, candidates: readonly NameCandidate[], max: number): NameCandidate[] {
  const words = key.split(' ');
  const scored: Array<{ c: NameCandidate; score: number }> = [];
  for (const c of candidates) {
    let best = Infinity;
    for (const k of c.keys) {
      const budget = Math.max(1, Math.floor(Math.min(k.length, key.length) / 3));
      const d = editDistance(key, k, budget);
      if (d <= budget) best = Math.min(best, d);
      const kWords = k.split(' ');
      if (words.some((w) => w.length >= 2 && kWords.some((kw) => kw.startsWith(w)))) best = Math.min(best, budget + 0.5);
    }
    if (best < Infinity) scored.push({ c, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name));
  return scored.slice(0, max).map((s) => s.c);
}

/** Levenshtein distance, giving up (returning budget + 1) once it must exceed `budget`. */
export function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return budget + 1;
    prev = row;
  }
  return prev[b.length]!;
}
