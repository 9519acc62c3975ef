/** `rel suggest [NAME]`: the next concrete trust-building steps, each ready to log once done. */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { isEndedAsOf } from '../domain/review/ended.js';
import { formatDay } from '../domain/dates.js';
import { suggestSteps } from '../domain/suggest/index.js';
import { getContact } from '../store/contacts.js';
import { loadHistories } from '../store/history.js';
import { visible } from '../ui/text.js';
import { resolveContact } from './common.js';
import { withJournal } from './journal-access.js';
import { asOfDay, loadThresholds } from './report-options.js';

export async function run(ctx: Context, [name]: [string | undefined], opts: { asOf?: string; json?: boolean; limit?: string }): Promise<void> {
  const asOf = asOfDay(ctx, opts.asOf);
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    if (!/^\d{1,6}$/.test(opts.limit.trim()) || Number(opts.limit) < 1) throw new UserError(`--limit: "${visible(opts.limit)}" is not a whole number of at least 1`);
    limit = Number(opts.limit);
  }
  const thresholds = loadThresholds(ctx);
  const { suggestions, ended } = await withJournal(ctx, 'read', async ({ db }) => {
    const contactId = name === undefined ? undefined : await resolveContact(ctx, db, name);
    const named = contactId === undefined ? null : getContact(db, contactId);
    // Ended as the reports see it on the as-of day (an end day still ahead has not ended it yet).
    const ended = named && isEndedAsOf(named, asOf) ? named.name : null;
    const histories = loadHistories(db, asOf, thresholds, { lists: true, ordered: false });
    return { suggestions: suggestSteps(histories, asOf, { contactId, limit, thresholds }), ended };
  });
  if (ended) ctx.notice(`rel: the relationship with ${visible(ended)} was ended; rel suggests nothing for it.`);
  if (opts.json) {
    ctx.printJson({
      asOf: formatDay(asOf),
      suggestions: suggestions.map((x) => ({
        contact: x.contact, kind: x.kind, ...(x.with !== undefined ? { with: x.with } : {}), action: x.action, why: x.why,
        score: x.score, ...(x.logCommand ? { log: x.logCommand } : {}),
      })),
    });
    return;
  }
  const s = ctx.style;
  if (suggestions.length === 0) {
    if (!ended) ctx.print(name === undefined ? 'Nothing to suggest yet: add contacts and log a few meetings first.' : 'Nothing to suggest for now.');
    return;
  }
  ctx.print(s.bold(name === undefined ? `Next steps as of ${formatDay(asOf)}` : `Next steps with ${visible(suggestions[0]!.contact)} as of ${formatDay(asOf)}`));
  suggestions.forEach((x, i) => {
    ctx.print();
    const who = name === undefined ? `${s.bold(visible(x.contact))} · ` : '';
    ctx.print(`${String(i + 1).padStart(2)}. ${who}${s.accent(x.kind)} ${s.dim(`(score ${x.score.toFixed(1)})`)}`);
    ctx.print(`    ${visible(x.action)}`);
    ctx.print(s.dim(`    why: ${visible(x.why)}`));
    if (x.logCommand) ctx.print(`    ${s.dim('when done:')} ${visible(x.logCommand)}`);
  });
}
