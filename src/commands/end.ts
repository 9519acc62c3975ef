/**
 * `rel end NAME --note TEXT`: cutting ties with integrity. The history stays; the contact leaves
 * the reports. The note is required: why, and what door stays open.
 */
import type { Context } from '../cli/context.js';
import { formatDay } from '../domain/dates.js';
import { endContact, getContact } from '../store/contacts.js';
import { visible } from '../ui/text.js';
import { parseDateOption, requireText, resolveContact } from './common.js';
import { checkedText } from './contact-fields.js';
import { withJournal } from './journal-access.js';

export async function run(ctx: Context, [query]: [string], opts: { on?: string; note?: string }): Promise<void> {
  const on = parseDateOption(opts.on ?? 'today', '--on', ctx.today);
  let note = opts.note;
  if (note === undefined) {
    const prompter = await ctx.prompter('rel end needs --note TEXT: a word on why, and what door stays open');
    note = await prompter.input({ message: 'A note on ending it (why, and what door stays open):', validate: (v) => v.trim() !== '' || 'a note is required' });
  }
  const text = checkedText(requireText(note, '--note'), '--note');
  const name = await withJournal(ctx, 'write', async ({ db, write }) => {
    const id = await resolveContact(ctx, db, query);
    return write(() => {
      endContact(db, id, on, text);
      return getContact(db, id).name;
    });
  });
  // The end day decides when a contact leaves the reports (domain/review/ended.ts): a day still
  // ahead keeps them in until then, and the line says so.
  const who = ctx.style.bold(visible(name));
  ctx.print(on > ctx.today
    ? `The relationship with ${who} ends on ${formatDay(on)}; their history is kept and they leave the reports then.`
    : `Ended the relationship with ${who} on ${formatDay(on)}; their history is kept and they leave the reports.`);
}
