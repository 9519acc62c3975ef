/** `rel show NAME`: one relationship at a glance. */
import type { Context } from '../cli/context.js';
import { addMonths, civilFromDay, dayFromCivil, formatDay, formatDuration } from '../domain/dates.js';
import { isEndedAsOf } from '../domain/review/ended.js';
import type { Contact, Interaction } from '../domain/types.js';
import { STAGE_NAMES } from '../domain/vocab.js';
import { getContact } from '../store/contacts.js';
import { contactActivity, contactInteractions, contactNames, type ContactActivity } from '../store/interactions.js';
import { listPromises, type PromiseView } from '../store/promises.js';
import { visible, visibleBlock } from '../ui/text.js';
import { monthlyCounts, renderStrip } from '../ui/activity.js';
import { resolveContact } from './common.js';
import { withJournal } from './journal-access.js';
import { promiseJson } from './promises.js';

export async function run(ctx: Context, [query]: [string], opts: { json?: boolean; limit?: string }): Promise<void> {
  const today = ctx.today;
  const limit = opts.limit === undefined ? 10 : Math.max(1, Math.min(1000, Number(opts.limit) || 10));
  const { y, m } = civilFromDay(today);
  const monthStart = dayFromCivil(y, m, 1);
  const since = addMonths(monthStart, -11);
  const data = await withJournal(ctx, 'read', async ({ db }) => {
    const id = await resolveContact(ctx, db, query);
    const contact = getContact(db, id);
    const activity = contactActivity(db, id, since);
    const timeline = contactInteractions(db, id, opts.json ? Math.max(limit, 50) : limit);
    const others = contactNames(db, timeline.flatMap((i) => i.contactIds));
    const promises = listPromises(db, { all: false, contactId: id, today });
    return { contact, activity, timeline, others, promises };
  });
  const months = monthlyCounts(data.activity.days, since, 12);
  if (opts.json) {
    ctx.printJson(showJson(data.contact, data.activity, months, data.timeline, data.others, data.promises, since));
    return;
  }
  renderShow(ctx, data.contact, data.activity, months, data.timeline, data.others, data.promises, since, today);
}

function showJson(c: Contact, a: ContactActivity, months: number[], timeline: Interaction[], others: Map<number, string>, promises: PromiseView[], since: number) {
  const d = (x: number | null) => (x === null ? null : formatDay(x));
  return {
    contact: {
      name: c.name, aliases: c.aliases, org: c.org, role: c.role, circle: c.circle, cadenceDays: c.cadenceDays, stage: c.stage,
      emails: c.emails, tags: c.tags, needs: c.needs, offers: c.offers, interests: c.interests, metOn: d(c.metOn), howMet: c.howMet,
      notes: c.notes, status: c.status, endedOn: d(c.endedOn), endNote: c.endNote,
      stageHistory: c.stageHistory.map((s) => ({ stage: s.stage, on: formatDay(s.on), note: s.note })),
    },
    summary: { interactions: a.total, firstContact: d(a.firstOn), lastContact: d(a.lastOn), lastInPerson: d(a.lastInPerson) },
    activity: months.map((n, i) => ({ month: formatDay(addMonths(since, i)).slice(0, 7), interactions: n })),
    balance: {
      gave: a.gave.reduce((s, g) => s + g.n, 0), got: a.got.reduce((s, g) => s + g.n, 0),
      gaveByKind: Object.fromEntries(a.gave.map((g) => [g.kind, g.n])), gotByKind: Object.fromEntries(a.got.map((g) => [g.kind, g.n])),
    },
    promises: promises.map(promiseJson),
    lastPushAway: a.lastPushAway && { on: formatDay(a.lastPushAway.on), kind: a.lastPushAway.kind, note: a.lastPushAway.note },
    timeline: timeline.map((i) => ({
      id: i.id, on: formatDay(i.on), with: i.contactIds.filter((x) => x !== undefined).map((x) => others.get(x) ?? '?'), channel: i.channel,
      by: i.by, outsideWork: i.outsideWork, gave: i.gave, got: i.got, tone: i.tone, pushAway: i.pushAway, noReply: i.noReply, note: i.note,
    })),
  };
}

function renderShow(ctx: Context, c: Contact, a: ContactActivity, months: number[], timeline: Interaction[], others: Map<number, string>,
  promises: PromiseView[], since: number, today: number): void {
  const s = ctx.style;
  const headline = [c.role, c.org].filter(Boolean).map((x) => visible(x!)).join(' at ');
  ctx.print(`${s.bold(visible(c.name))}${c.aliases.length ? s.dim(` (${c.aliases.map(visible).join(', ')})`) : ''}${headline ? ` — ${headline}` : ''}`);
  const facts = [
    c.circle,
    `stage ${c.stage} ${STAGE_NAMES[c.stage]}`,
    c.cadenceDays !== null ? `every ${formatDuration(c.cadenceDays)}` : null,
    c.metOn !== null ? `met ${formatDay(c.metOn)}${c.howMet ? ` (${visible(c.howMet)})` : ''}` : c.howMet ? `met: ${visible(c.howMet)}` : null,
  ].filter(Boolean);
  ctx.print(s.dim(facts.join(' · ')));
  if (c.status === 'ended' || c.endedOn !== null) {
    const when = c.endedOn === null ? '' : ` ${formatDay(c.endedOn)}`;
    ctx.print(s.warn(`${isEndedAsOf(c, today) ? 'Ended' : 'Ends'}${when}: ${visible(c.endNote ?? '')}`));
  }
  if (c.emails.length) ctx.print(`${s.dim('email    ')} ${c.emails.map(visible).join(', ')}`);
  if (c.tags.length) ctx.print(`${s.dim('tags     ')} ${c.tags.map(visible).join(', ')}`);
  if (c.needs.length) ctx.print(`${s.dim('needs    ')} ${c.needs.map(visible).join('; ')}`);
  if (c.offers.length) ctx.print(`${s.dim('offers   ')} ${c.offers.map(visible).join('; ')}`);
  if (c.interests.length) ctx.print(`${s.dim('interests')} ${c.interests.map(visible).join('; ')}`);
  if (c.notes) ctx.print(`${s.dim('notes    ')} ${visibleBlock(c.notes).replace(/\n/g, '\n          ')}`);
  ctx.print();

  const last = a.lastOn === null ? 'never logged' : `last ${formatDay(a.lastOn)} (${daysAgo(today - a.lastOn)})`;
  ctx.print(`${s.dim('activity ')} ${renderStrip(months, since)}  ${a.total} interaction${a.total === 1 ? '' : 's'}, ${last}`);
  const gave = a.gave.reduce((n, g) => n + g.n, 0);
  const got = a.got.reduce((n, g) => n + g.n, 0);
  const kinds = (xs: ContactActivity['gave']) => (xs.length ? ` (${xs.map((x) => `${x.n} ${x.kind}`).join(', ')})` : '');
  ctx.print(`${s.dim('balance  ')} gave ${gave}${kinds(a.gave)} · got ${got}${kinds(a.got)}`);
  if (a.lastInPerson !== null) ctx.print(`${s.dim('in person')} ${formatDay(a.lastInPerson)}`);
  if (a.lastPushAway) {
    ctx.print(`${s.dim('push-away')} ${s.warn(a.lastPushAway.kind)} on ${formatDay(a.lastPushAway.on)}${a.lastPushAway.note ? `: ${visible(a.lastPushAway.note)}` : ''}`);
  }
  if (c.stageHistory.length) {
    ctx.print(`${s.dim('ladder   ')} ${c.stageHistory.map((h) => `${h.stage} ${STAGE_NAMES[h.stage]} (${formatDay(h.on)})`).join(' → ')}`);
  }
  if (promises.length) {
    ctx.print();
    ctx.print(s.bold('Open promises'));
    for (const p of promises) {
      const overdue = p.due !== null && p.due < today;
      const due = p.due === null ? '' : overdue ? s.bad(` due ${formatDay(p.due)}, ${today - p.due} days overdue`) : ` due ${formatDay(p.due)}`;
      ctx.print(`  #${p.id} ${p.by === 'me' ? 'I' : 'they'} promised: ${visible(p.text)}${due}`);
    }
  }
  if (timeline.length) {
    ctx.print();
    ctx.print(s.bold('Recent'));
    for (const i of timeline) ctx.print(`  ${timelineLine(i, c.id, others, s)}`);
  }
}

function timelineLine(i: Interaction, selfId: number, others: Map<number, string>, s: Context['style']): string {
  const parts = [`${formatDay(i.on)}  ${i.channel}`];
  parts.push(i.by === 'me' ? 'I reached out' : i.by === 'them' ? 'they reached out' : 'mutual');
  const with_ = i.contactIds.filter((x) => x !== selfId).map((x) => visible(others.get(x) ?? '?'));
  if (with_.length) parts.push(`with ${with_.join(', ')}`);
  if (i.outsideWork) parts.push('outside work');
  if (i.tone !== 'neutral') parts.push(i.tone);
  if (i.noReply) parts.push(s.warn('no reply'));
  if (i.gave.length) parts.push(`gave ${i.gave.map((g) => g.kind + (g.note ? `: ${visible(g.note)}` : '')).join(', ')}`);
  if (i.got.length) parts.push(`got ${i.got.map((g) => g.kind + (g.note ? `: ${visible(g.note)}` : '')).join(', ')}`);
  if (i.pushAway) parts.push(s.warn(`push-away ${i.pushAway.kind}${i.pushAway.note ? `: ${visible(i.pushAway.note)}` : ''}`));
  let line = parts.join(' · ');
  if (i.note) {
    const first = i.note.split(/\r?\n/, 1)[0]!;
    const short = first.length > 80 ? first.slice(0, 79) + '…' : first;
    line += s.dim(` — ${visible(short)}${i.note.length > first.length ? ' …' : ''}`);
  }
  return line;
}

function daysAgo(n: number): string {
  return n === 0 ? 'today' : n === 1 ? 'yesterday' : n < 0 ? `in ${-n} days` : `${n} days ago`;
}
