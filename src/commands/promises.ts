/** `rel promises`: open promises, overdue first; `rel done ID`: one kept. */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { formatDay } from '../domain/dates.js';
import { getPromise, listPromises, markPromiseDone, type PromiseView } from '../store/promises.js';
import { visible } from '../ui/text.js';
import { parseDateOption } from './common.js';
import { withJournal } from './journal-access.js';

export function promiseJson(p: PromiseView) {
  return {
    id: p.id, contact: p.contact, by: p.by, text: p.text, madeOn: formatDay(p.madeOn),
    due: p.due === null ? null : formatDay(p.due), doneOn: p.doneOn === null ? null : formatDay(p.doneOn),
  };
}

export async function run(ctx: Context, _args: [], opts: { all?: boolean; json?: boolean }): Promise<void> {
  const today = ctx.today;
  const rows = await withJournal(ctx, 'read', ({ db }) => listPromises(db, { all: opts.all === true, today }));
  if (opts.json) {
    ctx.printJson({ promises: rows.map(promiseJson) });
    return;
  }
  if (rows.length === 0) {
    ctx.print(opts.all ? 'No promises yet.' : 'No open promises. Record one with: rel log NAME --promise "send the deck" --due "in 1w"');
    return;
  }
  const s = ctx.style;
  for (const p of rows) {
    const who = p.by === 'me' ? `to ${visible(p.contact)}` : `${visible(p.contact)} promised`;
    let when = p.due === null ? 'no due date' : `due ${formatDay(p.due)}`;
    let mark = '·';
    if (p.doneOn !== null) {
      when = `kept ${formatDay(p.doneOn)}`;
      mark = s.good('✓');
    } else if (p.due !== null && p.due < today) {
      when = s.bad(`${when}, ${today - p.due} days overdue`);
      mark = s.bad('!');
    }
    ctx.print(`${mark} #${p.id}  ${visible(p.text)}  ${s.dim(`(${who}, ${when})`)}`);
  }
}

export async function done(ctx: Context, [idArg]: [string], opts: { on?: string }): Promise<void> {
  if (!/^\d{1,15}$/.test(idArg.trim())) throw new UserError(`PROMISE_ID: "${visible(idArg)}" is not a promise number (see rel promises)`);
  const id = Number(idArg.trim());
  const on = parseDateOption(opts.on ?? 'today', '--on', ctx.today);
  const p = await withJournal(ctx, 'write', ({ db, write }) => write(() => {
    const found = getPromise(db, id);
    if (!found) throw new UserError(`no promise #${id}; see rel promises --all`);
    if (found.doneOn !== null) throw new UserError(`promise #${id} was already kept on ${formatDay(found.doneOn)}`);
    markPromiseDone(db, id, on);
    return found;
  }));
  const whose = p.by === 'me' ? `your promise to ${visible(p.contact)}` : `${visible(p.contact)}'s promise`;
  ctx.print(`Kept: ${whose}, "${visible(p.text)}" (#${id}) on ${formatDay(on)}.`);
}
