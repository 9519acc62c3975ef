/**
 * Export and import in vCard, CSV and iCalendar: the commands' side of src/formats/ (which is
 * pure). Exports read the journal and hand rows to a formatter; contact imports parse, plan the
 * merge, then either print the plan (--dry-run) or apply all of it in one transaction; calendar
 * imports list past meetings not logged yet and, on a terminal, offer to log them.
 */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { dayOfInstant, formatDay } from '../domain/dates.js';
import type { Day } from '../domain/types.js';
import { CHANNELS, type Channel } from '../domain/vocab.js';
import { contactOwnDate } from '../domain/review/history.js';
import { DEFAULT_THRESHOLDS } from '../domain/review/thresholds.js';
import { CsvError, formatContactsCsv, formatInteractionsCsv, parseContactsCsv, type InteractionCsvRow } from '../formats/csv.js';
import { formatReminders, matchMeetings, parseIcsCalendar, reminderUid, type MeetingMatch, type ReminderItem } from '../formats/ics.js';
import { planMerge, type FieldChange, type KeptValue, type MergePlan, type MergeTarget } from '../formats/merge.js';
import type { ContactDraft, ParsedContacts } from '../formats/types.js';
import { formatVCards, parseVCards } from '../formats/vcard.js';
import { appendItems, insertContact, loadContacts, updateContact, type ContactPatch } from '../store/contacts.js';
import { loggedDaysByContact } from '../store/formats.js';
import { loadHistories } from '../store/history.js';
import { exportRecords } from '../store/interchange.js';
import type { Db } from '../store/journal.js';
import { listPromises } from '../store/promises.js';
import { startProgress } from '../ui/progress.js';
import { shellQuote } from '../domain/suggest/shell.js';
import { visible } from '../ui/text.js';
import { checkedName, checkedText } from './contact-fields.js';
import { withJournal } from './journal-access.js';
import { writeEntry, type LogEntry } from './log.js';

export interface ExportOptions {
  /** Writing to a file (--out) rather than stdout: CSV then starts with a BOM for Excel. */
  toFile?: boolean;
}

/**
 * The whole export as text. `csv` is contacts (as the spec says), `csv-interactions` the
 * interactions; vCard and CSV include ended relationships too (their status is a CSV column),
 * since an address book export should not silently drop people.
 */
export function exportAs(db: Db, format: string, now: Date, today: Day, options: ExportOptions = {}): string {
  switch (format) {
    case 'vcard':
      return formatVCards(loadContacts(db, { includeEnded: true }));
    case 'csv':
      return formatContactsCsv(loadContacts(db, { includeEnded: true }), { bom: options.toFile === true });
    case 'csv-interactions': {
      const rows: InteractionCsvRow[] = [];
      for (const r of exportRecords(db)) if (r.type === 'interaction') rows.push(r.row);
      return formatInteractionsCsv(rows, { bom: options.toFile === true });
    }
    case 'ics':
      return formatReminders(reminderItems(db, today), icsStamp(now));
    default:
      throw new UserError(`--format ${format} cannot be exported`);
  }
}

function icsStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Open promises I made that have a due date, then each active relationship with an explicit
 * cadence: its next contact date, the last day we were in touch (else its own date) plus the
 * cadence, moved to today when already past (a reminder in the past is never seen).
 */
function reminderItems(db: Db, today: Day): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const p of listPromises(db, { all: false, today })) {
    if (p.by !== 'me' || p.due === null) continue;
    items.push({
      uid: reminderUid('promise', p.id), kind: 'promise', summary: `${p.text} (promised to ${p.contact})`,
      description: `Promised to ${p.contact} on ${formatDay(p.madeOn)}. When done: rel done ${p.id}`, due: p.due,
    });
  }
  for (const h of loadHistories(db, today, DEFAULT_THRESHOLDS)) {
    const c = h.contact;
    if (c.status !== 'active' || c.cadenceDays === null || c.cadenceDays <= 0) continue;
    const facts = h.facts!;
    const last = facts.lastReached;
    const from = last ?? contactOwnDate(c, facts.firstOn);
    items.push({
      uid: reminderUid('next-contact', c.id), kind: 'next-contact', summary: `Get in touch with ${c.name}`,
      description: last === null
        ? `Every ${c.cadenceDays} days; nothing logged yet.`
        : `Every ${c.cadenceDays} days; last in touch ${formatDay(last)}.`,
      due: Math.max(today, from + c.cadenceDays),
    });
  }
  return items;
}

// ---- contacts in

export async function importAs(ctx: Context, format: string, text: string, file: string, dryRun: boolean): Promise<void> {
  if (format === 'ics') return importMeetings(ctx, text, file, dryRun);
  if (format !== 'vcard' && format !== 'csv') throw new UserError(`--format ${format} cannot be imported`);
  const parsed = parseContacts(format, text);
  const drafts = parsed.cards.map(checkDraft);
  const phones = drafts.reduce((n, d) => n + d.phones.length, 0);

  const outcome = await withJournal(ctx, dryRun ? 'read' : 'write', ({ db, write }) => {
    const plan = planMerge(loadContacts(db, { includeEnded: true }) as MergeTarget[], drafts);
    for (const m of plan.merged) checkedText(m.after.notes, `line ${m.lines[0]}: notes of ${m.name} after the merge`);
    if (dryRun) return plan;
    const progress = startProgress(ctx.io.stderr, `Importing ${file}`);
    const total = plan.created.length + plan.merged.length;
    try {
      write(() => applyPlan(db, plan, ctx.today, (done) => progress.update(done, total)));
    } finally {
      progress.finish();
    }
    return plan;
  });

  const warnings = [...parsed.warnings, ...outcome.warnings];
  if (phones > 0) warnings.push(`${phones} phone number${phones === 1 ? ' was' : 's were'} not imported: rel has no phone field`);
  const counts = `${outcome.created.length} created, ${outcome.merged.length} merged, ${outcome.skipped.length} skipped` +
    (outcome.ambiguous.length > 0 ? `, ${outcome.ambiguous.length} ambiguous (not imported)` : '');
  if (dryRun) {
    for (const line of describePlan(outcome)) ctx.print(line);
    for (const w of warnings) ctx.print(`warning: ${visible(w)}`);
    ctx.print(`Would import ${file}: ${counts}; nothing was written (--dry-run).`);
    return;
  }
  for (const a of outcome.ambiguous) ctx.notice(`rel: ${describeAmbiguity(a)}`);
  for (const w of warnings) ctx.notice(`rel: warning: ${visible(w)}`);
  ctx.print(`Imported ${file}: ${counts}`);
}

function parseContacts(format: 'vcard' | 'csv', text: string): ParsedContacts {
  if (format === 'vcard') return parseVCards(text);
  try {
    return parseContactsCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new UserError(`${e.message}; nothing was imported`);
    throw e;
  }
}

/** The same limits as `rel add`, reported with the record's line in the file. */
function checkDraft(d: ContactDraft): ContactDraft {
  const at = (field: string) => `line ${d.line}: ${field}`;
  checkedName(d.name, at('name'));
  for (const [field, value] of [['org', d.org], ['role', d.role], ['how met', d.howMet], ['notes', d.notes]] as const) {
    if (value !== null) checkedText(value, at(field));
  }
  for (const v of [...d.aliases, ...d.emails, ...d.tags]) checkedText(v, at('list item'));
  return d;
}

function applyPlan(db: Db, plan: MergePlan, today: Day, progress: (done: number) => void): void {
  let done = 0;
  for (const { draft: d } of plan.created) {
    insertContact(db, {
      name: d.name, aliases: d.aliases, org: d.org, role: d.role, circle: d.circle ?? 'other', cadenceDays: null, stage: 0,
      emails: d.emails, tags: d.tags, needs: [], offers: [], interests: [], metOn: d.metOn, howMet: d.howMet, notes: d.notes,
      status: 'active', endedOn: null, endNote: null, stageHistory: [],
    }, today);
    progress(++done);
  }
  for (const m of plan.merged) {
    const patch: ContactPatch = {};
    for (const c of m.changes) {
      if (c.field === 'aliases') appendItems(db, m.id, 'alias', c.added);
      else if (c.field === 'emails') appendItems(db, m.id, 'email', c.added);
      else if (c.field === 'tags') appendItems(db, m.id, 'tag', c.added);
      else if (c.field === 'notes') patch.notes = m.after.notes;
      else if (c.field === 'org') patch.org = m.after.org;
      else if (c.field === 'role') patch.role = m.after.role;
      else if (c.field === 'howMet') patch.howMet = m.after.howMet;
      else if (c.field === 'circle') patch.circle = m.after.circle;
      else patch.metOn = m.after.metOn;
    }
    updateContact(db, m.id, patch);
    progress(++done);
  }
}

function describePlan(plan: MergePlan): string[] {
  const out: string[] = [];
  const lines = (ls: number[]) => `line${ls.length === 1 ? '' : 's'} ${ls.join(', ')}`;
  for (const c of plan.created) {
    const d = c.draft;
    const extra = [d.org, ...d.emails].filter((x): x is string => x !== null && x !== '').map(visible).join(', ');
    out.push(`+ create ${visible(d.name)}${extra ? ` (${extra})` : ''}  [${lines(c.lines)}]`);
  }
  for (const m of plan.merged) {
    out.push(`~ merge into ${visible(m.name)} (matched by ${m.matchedBy.join(', ')})  [${lines(m.lines)}]`);
    for (const c of m.changes) out.push(`    ${describeChange(c)}`);
    for (const k of m.kept) out.push(`    ${describeKept(k)}`);
  }
  for (const s of plan.skipped) {
    out.push(`= skip ${visible(s.name)}: nothing new (matched by ${s.matchedBy.join(', ')})  [${lines(s.lines)}]`);
    for (const k of s.kept) out.push(`    ${describeKept(k)}`);
  }
  for (const a of plan.ambiguous) out.push(`? ${describeAmbiguity(a)}`);
  return out;
}

function describeChange(c: FieldChange): string {
  switch (c.field) {
    case 'aliases': case 'emails': case 'tags': return `add ${c.field}: ${c.added.map(visible).join(', ')}`;
    case 'metOn': return `met on: ${formatDay(c.value)}`;
    case 'notes': return `notes += ${visible(c.appended)}`;
    case 'howMet': return `how met: ${visible(c.value)}`;
    default: return `${c.field}: ${visible(c.value)}`;
  }
}

function describeKept(k: KeptValue): string {
  return `kept ${k.field} "${visible(k.current)}" (the file has "${visible(k.offered)}")`;
}

function describeAmbiguity(a: MergePlan['ambiguous'][number]): string {
  const who = a.candidates.map((c) => `${visible(c.name)} (by ${c.matchedBy.join(', ')})`).join(' and ');
  return `line ${a.lines[0]}: ${visible(a.draft.name)} matches ${who}; not imported, fix it by hand`;
}

// ---- meetings in

async function importMeetings(ctx: Context, text: string, file: string, dryRun: boolean): Promise<void> {
  const today = ctx.today;
  const { events, warnings } = parseIcsCalendar(text, { dayOfUtc: (ms) => dayOfInstant(new Date(ms)) });
  const ask = !dryRun && ctx.interactive;

  await withJournal(ctx, ask ? 'write' : 'read', async ({ db, write }) => {
    const contacts = loadContacts(db);
    const names = new Map(contacts.map((c) => [c.id, c.name]));
    const matches = matchMeetings(events, contacts, loggedDaysByContact(db), today);
    for (const w of warnings) ctx.notice(`rel: warning: ${visible(w)}`);
    if (matches.length === 0) {
      ctx.print(`No past meetings in ${file} with people in the journal that are not logged yet.`);
      return;
    }
    const who = (m: MeetingMatch) => m.contactIds.map((id) => names.get(id)!);
    if (!ask) {
      ctx.print(`${matches.length} past meeting${matches.length === 1 ? '' : 's'} in ${file} not logged yet:`);
      for (const m of matches) ctx.print(`  ${formatDay(m.day)}  ${visible(m.event.summary || '(no title)')}  with ${who(m).map(visible).join(', ')}`);
      if (!dryRun) {
        ctx.print('');
        ctx.print('To log them, run rel import on a terminal, or:');
        for (const m of matches) ctx.print(`  ${logCommand(who(m), m)}`);
      }
      return;
    }
    // Every question first, then one transaction: Ctrl-C part-way leaves nothing behind.
    const p = await ctx.prompter('meetings to log');
    const entries: LogEntry[] = [];
    for (const m of matches) {
      const yes = await p.confirm({
        message: `Log "${visible(m.event.summary || '(no title)')}" on ${formatDay(m.day)} with ${who(m).map(visible).join(', ')}?`,
        default: true,
      });
      if (!yes) continue;
      const channel = m.channel ?? await p.select<Channel>({
        message: 'How did you meet?', choices: CHANNELS.map((c) => ({ name: c, value: c })), default: 'in-person',
      });
      entries.push({
        contacts: m.contactIds.map((id) => ({ id })), on: m.day, channel, by: 'me', outsideWork: false, gave: [], got: [],
        tone: 'neutral', pushAway: null, noReply: false, note: checkedText(m.event.summary, `line ${m.event.line}: summary`),
        promises: [], learned: [],
      });
    }
    if (entries.length === 0) {
      ctx.print('Nothing was logged.');
      return;
    }
    const written = write(() => entries.map((e) => writeEntry(db, e, today)));
    for (const w of written) ctx.print(`Logged #${w.id}: ${formatDay(w.on)} ${w.channel} with ${w.names.map(visible).join(', ')}.`);
  });
}

function logCommand(names: string[], m: MeetingMatch): string {
  const args = ['rel', 'log', ...names.map(shellQuote), '--on', formatDay(m.day)];
  if (m.channel) args.push('--channel', m.channel);
  if (m.event.summary !== '') args.push('--note', shellQuote(visible(m.event.summary)));
  return args.join(' ');
}
