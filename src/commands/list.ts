/** `rel list`: the people in the journal, one line each. */
import type { Context } from '../cli/context.js';
import { formatDay } from '../domain/dates.js';
import { isEndedAsOf } from '../domain/review/ended.js';
import { foldKey } from '../domain/names.js';
import { CIRCLES, STAGE_NAMES } from '../domain/vocab.js';
import { listContactSummaries } from '../store/contacts.js';
import { fit, visible } from '../ui/text.js';
import { parseWord } from './common.js';
import { withJournal } from './journal-access.js';

export async function run(ctx: Context, _args: [], opts: { circle?: string; tag?: string; json?: boolean; all?: boolean }): Promise<void> {
  const circle = opts.circle === undefined ? undefined : parseWord(opts.circle, CIRCLES, '--circle');
  const rows = await withJournal(ctx, 'read', ({ db }) =>
    listContactSummaries(db, { circle, tagKey: opts.tag === undefined ? undefined : foldKey(opts.tag), includeEnded: opts.all, activeOn: ctx.today }));
  if (opts.json) {
    ctx.printJson({
      contacts: rows.map((r) => ({
        name: r.name, aliases: r.aliases, org: r.org, role: r.role, circle: r.circle, stage: r.stage, cadenceDays: r.cadenceDays,
        tags: r.tags, status: r.status, endedOn: r.endedOn === null ? null : formatDay(r.endedOn), interactions: r.interactions,
        lastContact: r.lastOn === null ? null : formatDay(r.lastOn),
      })),
    });
    return;
  }
  if (rows.length === 0) {
    ctx.print(opts.circle || opts.tag ? 'No contacts match.' : 'No contacts yet. Add one with: rel add "Full Name" --circle client');
    return;
  }
  const s = ctx.style;
  const nameWidth = Math.min(28, Math.max(4, ...rows.map((r) => visible(r.name).length)));
  ctx.print(s.dim(`${fit('NAME', nameWidth)}  ${fit('CIRCLE', 9)}  ${fit('STAGE', 14)}  ${fit('LAST', 10)}  ORG`));
  for (const r of rows) {
    const stage = `${r.stage} ${STAGE_NAMES[r.stage]}`;
    const last = r.lastOn === null ? '-' : formatDay(r.lastOn);
    const name = fit(visible(r.name), nameWidth);
    // The reports' rule (isEndedAsOf): an end day still ahead keeps them listed until then.
    const ended = isEndedAsOf(r, ctx.today);
    const mark = ended ? '(ended)' : r.endedOn !== null ? `(ends ${formatDay(r.endedOn)})` : '';
    ctx.print(`${ended ? s.dim(name) : s.bold(name)}  ${fit(r.circle, 9)}  ${fit(stage, 14)}  ${fit(last, 10)}  ${[visible(r.org ?? ''), mark ? s.dim(mark) : ''].filter(Boolean).join(' ')}`.trimEnd());
  }
}
