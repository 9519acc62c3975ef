/**
 * `rel review`: the weekly look at which relationships are stalling, most urgent first, and
 * what got better since the last review. Loads the journal in a few set-based queries, runs the
 * pure rules of src/domain/review, renders.
 */
import type { Context } from '../cli/context.js';
import { formatDay } from '../domain/dates.js';
import { reviewContacts } from '../domain/review/index.js';
import type { Flag } from '../domain/types.js';
import { CIRCLES, STAGE_NAMES, type Circle } from '../domain/vocab.js';
import { loadHistories } from '../store/history.js';
import { previousReview, saveReview, type PastReview } from '../store/reviews.js';
import { shellQuote } from '../domain/suggest/shell.js';
import { visible } from '../ui/text.js';
import { parseWord } from './common.js';
import { withJournal } from './journal-access.js';
import { asOfDay, loadThresholds } from './report-options.js';

/** Contacts shown in the human view before "and N more" (one screen). `--all` shows every one. */
const SCREEN_CONTACTS = 12;

export function flagJson(f: Flag) {
  return {
    contact: f.contact, signal: f.signal, severity: f.severity, ...(f.direction ? { direction: f.direction } : {}),
    summary: f.summary, evidence: f.evidence,
  };
}

export async function run(ctx: Context, _args: [], opts: { asOf?: string; json?: boolean; circle?: string; all?: boolean }): Promise<void> {
  const asOf = asOfDay(ctx, opts.asOf);
  const circle: Circle | undefined = opts.circle === undefined ? undefined : parseWord(opts.circle, CIRCLES, '--circle');
  const thresholds = loadThresholds(ctx);
  const { flags, circles, stages, previous, total } = await withJournal(ctx, 'read', ({ db, journal, write }) => {
    const histories = loadHistories(db, asOf, thresholds, { ordered: false });
    const all = reviewContacts(histories, asOf, thresholds);
    const previous = previousReview(db, asOf);
    // Only a review of today is remembered; looking at the past with --as-of changes nothing.
    if (asOf === ctx.today && !journal.readOnly && !journal.missing) write(() => saveReview(db, asOf, all));
    const circles = new Map(histories.map((h) => [h.contact.id, h.contact.circle]));
    const stages = new Map(histories.map((h) => [h.contact.id, h.contact.stage]));
    return { flags: circle ? all.filter((f) => circles.get(f.contactId) === circle) : all, circles, stages, previous, total: histories.length };
  });
  const inScope = (id: number) => !circle || circles.get(id) === circle;
  const flaggedNow = new Set(flags.map((f) => f.contactId));
  const better = previous ? betterSince(previous, flaggedNow, circles, inScope) : [];

  if (opts.json) {
    ctx.printJson({
      asOf: formatDay(asOf),
      flags: flags.map(flagJson),
      ...(previous ? { sinceLastReview: { asOf: formatDay(previous.asOf), better: better.map((b) => ({ contact: b.contact, signals: b.signals })) } } : {}),
    });
    return;
  }
  renderReview(ctx, formatDay(asOf), flags, stages, total, previous, better, opts.all === true);
}

/** Contacts flagged in the previous review, still in the journal's reports, and not flagged now. */
function betterSince(previous: PastReview, flaggedNow: Set<number>, active: Map<number, Circle>, inScope: (id: number) => boolean) {
  const byContact = new Map<number, { contact: string; signals: string[] }>();
  for (const f of previous.flags) {
    if (flaggedNow.has(f.contactId) || !active.has(f.contactId) || !inScope(f.contactId)) continue;
    const entry = byContact.get(f.contactId) ?? { contact: f.contact, signals: [] };
    entry.signals.push(f.signal);
    byContact.set(f.contactId, entry);
  }
  return [...byContact.values()];
}

function renderReview(ctx: Context, asOf: string, flags: Flag[], stages: Map<number, number>, total: number,
  previous: PastReview | null, better: Array<{ contact: string; signals: string[] }>, all: boolean): void {
  const s = ctx.style;
  const groups: Array<{ id: number; name: string; flags: Flag[] }> = [];
  const index = new Map<number, number>();
  for (const f of flags) {
    let i = index.get(f.contactId);
    if (i === undefined) {
      index.set(f.contactId, (i = groups.length));
      groups.push({ id: f.contactId, name: f.contact, flags: [] });
    }
    groups[i]!.flags.push(f);
  }
  if (groups.length === 0) {
    ctx.print(total === 0
      ? `Review as of ${asOf}: no relationships to review yet. Add someone with: rel add "Full Name"`
      : `Review as of ${asOf}: nothing is stalling across ${total} relationship${total === 1 ? '' : 's'}. Keep it up.`);
  } else {
    ctx.print(s.bold(`Review as of ${asOf}: ${groups.length} of ${total} relationship${total === 1 ? '' : 's'} could use attention`));
    const shown = all ? groups : groups.slice(0, SCREEN_CONTACTS);
    for (const g of shown) {
      const stage = stages.get(g.id) ?? 0;
      ctx.print();
      ctx.print(`${s.bold(visible(g.name))} ${s.dim(`(stage ${stage} ${STAGE_NAMES[stage]})`)}`);
      for (const f of g.flags) {
        const label = f.signal + (f.direction ? ` (${f.direction})` : '');
        ctx.print(`  ${s.severity(f.severity, f.severity.padEnd(6))} ${label.padEnd(26)} ${visible(f.summary)}`);
      }
      ctx.print(s.dim(`  next: rel suggest ${visible(shellQuote(g.name))}`));
    }
    if (shown.length < groups.length) ctx.print(s.dim(`\n…and ${groups.length - shown.length} more; see them all with rel review --all`));
  }
  if (previous && better.length > 0) {
    ctx.print();
    ctx.print(s.good(`Better since the review of ${formatDay(previous.asOf)}:`) + ' ' +
      better.map((b) => `${visible(b.contact)} (${b.signals.join(', ')})`).join('; '));
  }
}
