/**
 * Ordering and spreading suggestions. Everything is deterministic: equal scores fall back to
 * the kind's importance, then the contact's name (folded), id, the `with` name and the action.
 */
import { foldKey } from '../../../../src/domain/names.js';
import type { Suggestion } from '../../../../src/domain/types.js';
import { KIND_ORDER } from './score.js';

/** Default number of suggestions printed. */
export const DEFAULT_LIMIT = 10;
/** In the journal-wide list, at most this many steps per person (more only in a small journal). */
export const MAX_PER_CONTACT = 2;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return b.score - a.score
    || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || compareText(foldKey(a.contact), foldKey(b.contact))
    || a.contactId - b.contactId
    || compareText(a.with ?? '', b.with ?? '')
    || compareText(a.action, b.action);
}

/** Best first. Returns a new array. */
export function rankSuggestions(suggestions: readonly Suggestion[]): Suggestion[] {
  // Same order as compareSuggestions, with each name folded once rather than per comparison.
  return suggestions
    .map((s) => ({ s, key: foldKey(s.contact), kind: KIND_ORDER.indexOf(s.kind) }))
    .sort((a, b) => b.s.score - a.s.score
      || a.kind - b.kind
      || compareText(a.key, b.key)
      || a.s.contactId - b.s.contactId
      || compareText(a.s.with ?? '', b.s.with ?? '')
      || compareText(a.s.action, b.s.action))
    .map((x) => x.s);
}

/**
 * The journal-wide list: best first, with at most `perContact` steps per person, where
 * `perContact` is MAX_PER_CONTACT, or more when too few people have steps to fill `limit`
 * (a journal of two people still gets a full list). Scores stay in descending order.
 */
export function spreadAcrossContacts(suggestions: readonly Suggestion[], limit: number): Suggestion[] {
  const ranked = rankSuggestions(suggestions);
  const people = new Set(ranked.map((s) => s.contactId)).size;
  const perContact = Math.max(MAX_PER_CONTACT, people === 0 ? 0 : Math.ceil(limit / people));
  const taken = new Map<number, number>();
  const out: Suggestion[] = [];
  for (const s of ranked) {
    if (out.length >= limit) break;
    const n = taken.get(s.contactId) ?? 0;
    if (n >= perContact) continue;
    taken.set(s.contactId, n + 1);
    out.push(s);
  }
  return out;
}
