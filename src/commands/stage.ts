/** `rel stage NAME N`: a dated move on the ladder (kept in the stage history). */
import type { Context } from '../cli/context.js';
import { formatDay } from '../domain/dates.js';
import { STAGE_NAMES } from '../domain/vocab.js';
import { addStageChange, getContact } from '../store/contacts.js';
import { visible } from '../ui/text.js';
import { parseDateOption, parseStage, resolveContact } from './common.js';
import { checkedText } from './contact-fields.js';
import { withJournal } from './journal-access.js';

export async function run(ctx: Context, [query, stageArg]: [string, string], opts: { on?: string; note?: string }): Promise<void> {
  const stage = parseStage(stageArg, 'N');
  const on = parseDateOption(opts.on ?? 'today', '--on', ctx.today);
  const note = opts.note === undefined ? '' : checkedText(opts.note, '--note');
  const name = await withJournal(ctx, 'write', async ({ db, write }) => {
    const id = await resolveContact(ctx, db, query);
    return write(() => {
      addStageChange(db, id, stage, on, note);
      return getContact(db, id).name;
    });
  });
  ctx.print(`${ctx.style.bold(visible(name))} is now at stage ${stage} (${STAGE_NAMES[stage]}) as of ${formatDay(on)}.`);
}
