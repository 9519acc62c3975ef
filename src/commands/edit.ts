/** `rel edit NAME ...`: scalar flags replace (an empty value clears), list flags add items, --remove takes them out. */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { addStageChange, appendItems, getContact, nameTaken, removeItems, updateContact, type ContactPatch, type ItemKind } from '../store/contacts.js';
import { visible } from '../ui/text.js';
import { resolveContact } from './common.js';
import { checkedName, parseProfile, type ProfileFlags } from './contact-fields.js';
import { withJournal } from './journal-access.js';

const REMOVABLE: ItemKind[] = ['alias', 'email', 'tag', 'need', 'offer', 'interest'];

export async function run(ctx: Context, [query]: [string], opts: ProfileFlags & { name?: string; remove?: string[] }): Promise<void> {
  const today = ctx.today;
  const p = parseProfile(opts, today);
  const newName = opts.name === undefined ? undefined : checkedName(opts.name, '--name');
  const removals = (opts.remove ?? []).map((r) => {
    const m = /^([a-z]+):(.+)$/s.exec(r);
    const kind = m?.[1] as ItemKind | undefined;
    if (!m || !kind || !REMOVABLE.includes(kind)) throw new UserError(`--remove: "${visible(r)}" should be KIND:TEXT with KIND one of ${REMOVABLE.join(', ')}`);
    return { kind, value: m[2]! };
  });
  const changes: string[] = [];
  const name = await withJournal(ctx, 'write', async ({ db, write }) => {
    const id = await resolveContact(ctx, db, query);
    return write(() => {
      if (newName !== undefined && nameTaken(db, newName, id)) throw new UserError(`"${visible(newName)}" is already another contact's name`);
      const blankToNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v);
      const patch: ContactPatch = {
        name: newName, org: blankToNull(p.org), role: blankToNull(p.role), circle: p.circle, cadenceDays: p.cadenceDays,
        metOn: p.metOn, howMet: blankToNull(p.howMet), notes: p.notes,
      };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) changes.push(k === 'cadenceDays' ? 'cadence' : k === 'metOn' ? 'met-on' : k === 'howMet' ? 'how-met' : k);
      updateContact(db, id, patch);
      const lists: Array<[ItemKind, string[]]> = [['alias', p.aliases], ['email', p.emails], ['tag', p.tags], ['need', p.needs], ['offer', p.offers], ['interest', p.interests]];
      for (const [kind, values] of lists) {
        const added = appendItems(db, id, kind, values);
        if (added > 0) changes.push(`+${added} ${kind}${added > 1 ? 's' : ''}`);
      }
      for (const r of removals) {
        if (removeItems(db, id, r.kind, r.value) === 0) throw new UserError(`--remove: no ${r.kind} "${visible(r.value)}" to remove`);
        changes.push(`-${r.kind}`);
      }
      if (p.stage !== undefined) {
        addStageChange(db, id, p.stage, today, '');
        changes.push(`stage ${p.stage}`);
      }
      return getContact(db, id).name;
    });
  });
  ctx.print(changes.length > 0 ? `Updated ${ctx.style.bold(visible(name))}: ${changes.join(', ')}.` : `Nothing to change for ${visible(name)}.`);
}
