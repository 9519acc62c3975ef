/**
 * Small helpers for the words of a suggestion. rel speaks kindly and names the evidence
 * (domain.md section 5): dates, counts and days, never a verdict on anyone.
 */
import { formatDay, parseIsoDay } from '../../../../src/domain/dates.js';
import type { Day } from '../../../../src/domain/types.js';
import { STAGE_NAMES } from '../../../../src/domain/vocab.js';
import { oneLine } from './shell.js';

/** "1 day", "3 days". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Journal text quoted inside a sentence: one line, at most `max` characters. */
export function quoted(text: string, max = 80): string {
  return `"${oneLine(text, max)}"`;
}

/** One decimal at most ("2", "0.7"). */
export function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** `name's`. */
export function possessive(name: string): string {
  return `${name}'s`;
}

export function stageWord(stage: number): string {
  return STAGE_NAMES[stage] ?? String(stage);
}

/** "on 2026-05-10, 12 days ago" (or "today" / "yesterday"). */
export function whenWords(day: Day, asOf: Day): string {
  const ago = asOf - day;
  if (ago === 0) return `today (${formatDay(day)})`;
  if (ago === 1) return `yesterday (${formatDay(day)})`;
  return ago > 0 ? `on ${formatDay(day)}, ${plural(ago, 'day')} ago` : `on ${formatDay(day)}`;
}

/**
 * Readers for a flag's `evidence`: the review module fills it, and a missing or odd field must
 * cost a phrase of the `why`, never a crash.
 */
export function evidenceNumber(evidence: Record<string, unknown>, key: string): number | null {
  const v = evidence[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function evidenceString(evidence: Record<string, unknown>, key: string): string | null {
  const v = evidence[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A `YYYY-MM-DD` evidence field as a day (also accepts a day number). */
export function evidenceDay(evidence: Record<string, unknown>, key: string): Day | null {
  const v = evidence[key];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return typeof v === 'string' ? parseIsoDay(v) : null;
}

export function evidenceBoolean(evidence: Record<string, unknown>, key: string): boolean {
  return evidence[key] === true;
}

export function evidenceStrings(evidence: Record<string, unknown>, key: string): string[] {
  const v = evidence[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
