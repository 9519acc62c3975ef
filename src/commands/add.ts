/** `rel add NAME ...`: a new contact. Its own date is --met-on, else its first interaction, else today. */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { formatDay } from '../domain/dates.js';
import { STAGE_NAMES } from '../domain/vocab.js';
import { insertContact, nameTaken } from '../store/contacts.js';
import { visible } from '../ui/text.js';
import { checkedName, parseProfile, type ProfileFlags } from './contact-fields.js';
import { withJournal } from './journal-access.js';

export async function run(ctx: Context, [rawName]: [string], opts: ProfileFlags): Promise<void> {
  const name = checkedName(rawName);
  const today = ctx.today;
  const p = parseProfile(opts, today);
  const stage = p.stage ?? 0;
  await withJournal(ctx, 'write', ({ db, write }) => write(() => {
    if (nameTaken(db, name)) throw new UserError(`"${visible(name)}" is already in the journal; change them with: rel edit`);
    insertContact(db, {
      name, aliases: p.aliases, org: p.org ?? null, role: p.role ?? null, circle: p.circle ?? 'other',
      cadenceDays: p.cadenceDays ?? null, stage, emails: p.emails, tags: p.tags, needs: p.needs, offers: p.offers,
      interests: p.interests, metOn: p.metOn ?? null, howMet: p.howMet ?? null, notes: p.notes ?? '', status: 'active',
      endedOn: null, endNote: null,
      // A stage given to add is dated the contact's own date, which back-filled history may still move.
      stageHistory: p.stage !== undefined ? [{ stage, on: null, note: '' }] : [],
    }, today);
  }));
  const details = [
    p.circle ?? 'other',
    `stage ${stage} (${STAGE_NAMES[stage]})`,
    p.metOn !== undefined ? `met ${formatDay(p.metOn)}` : null,
  ].filter(Boolean).join(', ');
  ctx.print(`Added ${ctx.style.bold(visible(name))} (${details}).`);
}
