/** Option parsing and contact resolution shared by the commands. Errors are UserErrors naming the value. */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { parseDateExpression, parseDuration } from '../domain/dates.js';
import { foldKey, matchName, type NameCandidate } from '../domain/names.js';
import type { Day } from '../domain/types.js';
import { isWord } from '../domain/vocab.js';
import { findByPrefix, findExact, nameCandidates } from '../store/contacts.js';
import type { Db } from '../store/journal.js';
import { visible } from '../ui/text.js';

export function parseDateOption(value: string, flag: string, today: Day): Day {
  const r = parseDateExpression(value, today);
  if (!r.ok) throw new UserError(`${flag}: cannot read "${visible(value)}" as a date: ${r.reason}`);
  return r.day;
}

export function optionalDate(value: string | undefined, flag: string, today: Day): Day | undefined {
  return value === undefined ? undefined : parseDateOption(value, flag, today);
}

export function parseCadence(value: string): number {
  const r = parseDuration(value);
  if (!r.ok) throw new UserError(`--cadence: cannot read "${visible(value)}": ${r.reason}`);
  return r.days;
}

export function parseWord<T extends string>(value: string, words: readonly T[], flag: string): T {
  const v = value.trim().toLowerCase();
  if (!isWord(words, v)) throw new UserError(`${flag}: "${visible(value)}" is not one of ${words.join(', ')}`);
  return v;
}

export function parseStage(value: string, flag = 'stage'): 0 | 1 | 2 | 3 | 4 | 5 {
  if (!/^[0-5]$/.test(value.trim())) throw new UserError(`${flag}: "${visible(value)}" is not a stage; use 0 (new) to 5 (enduring)`);
  return Number(value.trim()) as 0 | 1 | 2 | 3 | 4 | 5;
}

/** Non-empty text after trimming, or a user error naming the flag. */
export function requireText(value: string, flag: string): string {
  if (value.trim() === '') throw new UserError(`${flag}: the text is empty`);
  return value;
}

/**
 * Resolves a NAME argument: exact name or alias (folded), then a unique prefix. A miss lists
 * "did you mean" names; several matches list them (or, on a TTY, offers a choice).
 */
export async function resolveContact(ctx: Context, db: Db, query: string): Promise<number> {
  const key = foldKey(query);
  if (key === '') throw new UserError('a contact name is empty');
  let ids = findExact(db, key);
  if (ids.length === 0) ids = findByPrefix(db, key);
  if (ids.length === 1) return ids[0]!;
  if (ids.length > 1) return chooseAmong(ctx, query, nameCandidates(db, ids));
  const match = matchName(query, nameCandidates(db));
  if (match.kind === 'one') return match.id;
  if (match.kind === 'many') return chooseAmong(ctx, query, match.candidates);
  const hint = match.suggestions.length > 0 ? `; did you mean ${listNames(match.suggestions)}?` : '; add them with: rel add NAME';
  throw new UserError(`no contact matches "${visible(query)}"${hint}`);
}

async function chooseAmong(ctx: Context, query: string, candidates: NameCandidate[]): Promise<number> {
  if (ctx.interactive) {
    const prompter = await ctx.io.prompter();
    return prompter.select({
      message: `"${visible(query)}" matches several contacts; which one?`,
      choices: candidates.map((c) => ({ name: visible(c.name), value: c.id })),
    });
  }
  throw new UserError(`"${visible(query)}" matches ${candidates.length} contacts: ${listNames(candidates)}; use more of the name`);
}

function listNames(cs: NameCandidate[]): string {
  const shown = cs.slice(0, 5).map((c) => `"${visible(c.name)}"`);
  return cs.length > 5 ? `${shown.join(', ')} and ${cs.length - 5} more` : shown.join(cs.length === 2 ? ' or ' : ', ');
}
