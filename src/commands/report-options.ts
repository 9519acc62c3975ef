/** What `rel review` and `rel suggest` share: the as-of day and the user's thresholds. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { DEFAULT_THRESHOLDS, mergeThresholds, type ReviewThresholds } from '../domain/review/index.js';
import type { Day } from '../domain/types.js';
import { parseDateOption } from './common.js';

export function asOfDay(ctx: Context, asOf: string | undefined): Day {
  return asOf === undefined ? ctx.today : parseDateOption(asOf, '--as-of', ctx.today);
}

/**
 * Thresholds: the documented defaults, overridden by `review.json` beside the journal when it
 * exists (see docs/review-rules.md). A broken file is a user error, never silently ignored.
 */
export function loadThresholds(ctx: Context): ReviewThresholds {
  const file = join(dirname(ctx.journalPath), 'review.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_THRESHOLDS;
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`${file} is not valid JSON`);
  }
  try {
    return mergeThresholds(DEFAULT_THRESHOLDS, parsed);
  } catch (e) {
    throw new UserError(`${file}: ${(e as Error).message}`);
  }
}
