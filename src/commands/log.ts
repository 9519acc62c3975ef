/**
 * `rel log`: one interaction with one or more contacts, from flags or (no NAME, on a TTY) from
 * prompts. Everything it learns (needs, offers, interests, promises) is written in the same
 * transaction as the interaction, so a failure or Ctrl-C leaves nothing behind.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import { formatDay, parseDateExpression } from '../domain/dates.js';
import { cleanName, foldKey } from '../domain/names.js';
import { isEndedAsOf } from '../domain/review/ended.js';
import type { Day, GiveGet, PushAway } from '../domain/types.js';
import {
  CHANNELS, CIRCLES, GIVE_KINDS, INITIATORS, LEARNED_KINDS, PUSH_AWAY_KINDS, TONES, isWord,
  type Channel, type Circle, type GiveKind, type Initiator, type LearnedKind, type PromiseBy, type Tone,
} from '../domain/vocab.js';
import { appendItems, contactBriefs, insertContact, nameTaken } from '../store/contacts.js';
import { interactionWriter, pickerRows } from '../store/interactions.js';
import { promiseWriter } from '../store/promises.js';
import type { Db } from '../store/journal.js';
import type { Prompter } from '../ui/prompter.js';
import { visible } from '../ui/text.js';
import { parseDateOption, parseWord, resolveContact } from './common.js';
import { checkedName, checkedText } from './contact-fields.js';
import { withJournal } from './journal-access.js';

export interface LogFlags {
  on?: string; channel?: string; by?: string; outsideWork?: boolean; gave?: string[]; got?: string[]; tone?: string;
  pushAway?: string; reply?: boolean; note?: string; noteFile?: string; edit?: boolean; promise?: string[]; theirPromise?: string[]; due?: string[];
  learned?: string[];
}

/** A fully validated interaction, ready to write. */
export interface LogEntry {
  contacts: Array<{ id: number } | { create: { name: string; circle: Circle } }>;
  on: Day; channel: Channel; by: Initiator; outsideWork: boolean; gave: GiveGet[]; got: GiveGet[]; tone: Tone;
  pushAway: PushAway | null; noReply: boolean; note: string;
  promises: Array<{ by: PromiseBy; text: string; due: Day | null }>;
  learned: Array<{ kind: LearnedKind; text: string }>;
}

export async function run(ctx: Context, [names]: [string[]], opts: LogFlags, argv: readonly string[] = []): Promise<void> {
  const today = ctx.today;
  // Asked before opening: without a terminal this fails at once and leaves no new journal behind.
  const prompter = names.length === 0 ? await ctx.prompter('rel log needs at least one NAME') : undefined;
  const result = await withJournal(ctx, 'write', async ({ db, write }) => {
    let entry: LogEntry;
    if (prompter) {
      entry = await promptEntry(ctx, db, prompter, today);
    } else {
      const ids: number[] = [];
      for (const n of names) {
        const id = await resolveContact(ctx, db, n);
        if (ids.includes(id)) throw new UserError(`"${visible(n)}" names a contact already in this interaction`);
        ids.push(id);
      }
      entry = entryFromFlags({ ...opts, note: await noteFromSources(ctx, opts) }, argv, today, ids);
    }
    return write(() => writeEntry(db, entry, today));
  });
  const { id, names: who, promiseIds, learned, ended } = result;
  for (const n of ended) ctx.notice(`rel: note: the relationship with ${visible(n)} was ended; logged anyway.`);
  const extras = [
    promiseIds.length ? `promise${promiseIds.length > 1 ? 's' : ''} ${promiseIds.map((p) => '#' + p).join(', ')}` : '',
    learned ? `learned ${learned}` : '',
  ].filter(Boolean);
  ctx.print(`Logged interaction #${id} with ${who.map(visible).join(', ')} on ${formatDay(result.on)} (${result.channel})` +
    (extras.length ? `; ${extras.join('; ')}.` : '.'));
}

/**
 * The note from --note, --note-file (a path, or - for standard input) or --edit ($EDITOR,
 * starting from --note). A note near the 1 MiB cap does not fit in one command-line argument
 * (Linux allows 128 KiB), so --note-file is how a pasted e-mail thread gets in.
 */
async function noteFromSources(ctx: Context, o: LogFlags): Promise<string | undefined> {
  if (o.noteFile !== undefined && o.note !== undefined) throw new UserError('use --note or --note-file, not both');
  let note = o.note;
  if (o.noteFile !== undefined) {
    try {
      note = o.noteFile === '-' ? readFileSync(0, 'utf8') : readFileSync(o.noteFile, 'utf8');
    } catch (e) {
      throw new UserError(`--note-file: cannot read ${o.noteFile === '-' ? 'standard input' : o.noteFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    checkedText(note, '--note-file');
  }
  if (o.edit) {
    if (!ctx.interactive) throw new UserError('--edit opens $EDITOR and needs a terminal; use --note or --note-file instead');
    const { editText } = await import('../ui/editor.js');
    note = editText(note ?? '', ctx.io.env);
  }
  return note;
}

/** Validates the flags into an entry. `argv` tells which --due follows which promise flag. */
export function entryFromFlags(o: LogFlags, argv: readonly string[], today: Day, ids: number[]): LogEntry {
  const pushAway = o.pushAway === undefined ? null : (() => {
    const { kind, note } = kindAndNote(o.pushAway, PUSH_AWAY_KINDS, '--push-away');
    return { kind, note };
  })();
  return {
    contacts: ids.map((id) => ({ id })),
    on: parseDateOption(o.on ?? 'today', '--on', today),
    channel: parseWord(o.channel ?? 'in-person', CHANNELS, '--channel'),
    by: parseWord(o.by ?? 'me', INITIATORS, '--by'),
    outsideWork: o.outsideWork === true,
    gave: (o.gave ?? []).map((g) => kindAndNote(g, GIVE_KINDS, '--gave')),
    got: (o.got ?? []).map((g) => kindAndNote(g, GIVE_KINDS, '--got')),
    tone: parseWord(o.tone ?? 'neutral', TONES, '--tone'),
    pushAway,
    noReply: o.reply === false,
    note: o.note === undefined ? '' : checkedText(o.note, '--note'),
    promises: promisesFromArgv(o, argv, today),
    learned: (o.learned ?? []).map((l) => {
      const { kind, note } = kindAndNote(l, LEARNED_KINDS, '--learned');
      if (note.trim() === '') throw new UserError(`--learned: "${visible(l)}" needs text after the colon, e.g. need:a new CFO`);
      return { kind, text: note.trim() };
    }),
  };
}

/** `KIND[:NOTE]`, KIND from `words`. */
function kindAndNote<T extends string>(value: string, words: readonly T[], flag: string): { kind: T; note: string } {
  const i = value.indexOf(':');
  const kind = (i < 0 ? value : value.slice(0, i)).trim().toLowerCase();
  if (!isWord(words, kind)) throw new UserError(`${flag}: "${visible(i < 0 ? value : value.slice(0, i))}" is not one of ${words.join(', ')}`);
  return { kind, note: i < 0 ? '' : checkedText(value.slice(i + 1), flag) };
}

/** Log flags that take a value (a test keeps this equal to the commander declaration). */
export const VALUE_FLAGS = new Set(['--on', '--channel', '--by', '--gave', '--got', '--tone', '--push-away', '--note', '--note-file', '--promise',
  '--their-promise', '--due', '--learned', '--db']);

/**
 * Pairs each --due with the --promise or --their-promise before it, in command-line order, so
 * `--promise A --due D1 --their-promise B --due D2` dates each promise correctly.
 */
export function promisesFromArgv(o: LogFlags, argv: readonly string[], today: Day): LogEntry['promises'] {
  const mine = [...(o.promise ?? [])];
  const theirs = [...(o.theirPromise ?? [])];
  const dues = [...(o.due ?? [])];
  const out: LogEntry['promises'] = [];
  let last: LogEntry['promises'][number] | undefined;
  let dueIndex = 0;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    const flag = token.startsWith('--') ? token.split('=', 1)[0]! : '';
    if (flag === '--promise' || flag === '--their-promise') {
      const text = flag === '--promise' ? mine.shift() : theirs.shift();
      if (text === undefined) continue;
      last = { by: flag === '--promise' ? 'me' : 'them', text: requirePromiseText(text, flag), due: null };
      out.push(last);
    } else if (flag === '--due') {
      const value = dues[dueIndex++];
      if (value === undefined) continue;
      if (!last || last.due !== null) throw new UserError('--due goes right after the --promise or --their-promise it dates');
      last.due = parseDateOption(value, '--due', today);
    }
    if (VALUE_FLAGS.has(token)) i++; // skip the flag's value, which may itself look like a flag
  }
  // Called without argv (in-process use): pair in order.
  for (const text of mine) out.push({ by: 'me', text: requirePromiseText(text, '--promise'), due: null });
  for (const text of theirs) out.push({ by: 'them', text: requirePromiseText(text, '--their-promise'), due: null });
  if (dueIndex < dues.length) {
    if (out.length === 1 && out[0]!.due === null && dues.length === 1) out[0]!.due = parseDateOption(dues[0]!, '--due', today);
    else throw new UserError('--due goes right after the --promise or --their-promise it dates');
  }
  return out;
}

function requirePromiseText(text: string, flag: string): string {
  if (text.trim() === '') throw new UserError(`${flag}: the promise text is empty`);
  return checkedText(text, flag);
}

interface Written { id: number; on: Day; channel: Channel; names: string[]; promiseIds: number[]; learned: number; ended: string[] }

/** Writes an entry; runs inside the command's transaction. */
export function writeEntry(db: Db, e: LogEntry, today: Day): Written {
  const ids = e.contacts.map((c) => {
    if ('id' in c) return c.id;
    if (nameTaken(db, c.create.name)) throw new UserError(`"${visible(c.create.name)}" is already in the journal`);
    return insertContact(db, {
      name: c.create.name, aliases: [], org: null, role: null, circle: c.create.circle, cadenceDays: null, stage: 0, emails: [],
      tags: [], needs: [], offers: [], interests: [], metOn: null, howMet: null, notes: '', status: 'active', endedOn: null,
      endNote: null, stageHistory: [],
    }, today);
  });
  const id = interactionWriter(db).insert({
    on: e.on, contactIds: ids, channel: e.channel, by: e.by, outsideWork: e.outsideWork, gave: e.gave, got: e.got, tone: e.tone,
    pushAway: e.pushAway, noReply: e.noReply, note: e.note,
  });
  // In a group meeting, promises and what was learned belong to the first person named.
  const first = ids[0]!;
  const promises = promiseWriter(db);
  const promiseIds = e.promises.map((p) => promises.insert({ contactId: first, by: p.by, text: p.text, madeOn: e.on, due: p.due, doneOn: null }));
  let learned = 0;
  for (const l of e.learned) learned += appendItems(db, first, l.kind, [l.text]);
  const contacts = contactBriefs(db, ids);
  return {
    id, on: e.on, channel: e.channel, names: contacts.map((c) => c.name), promiseIds, learned,
    // Ended by the day of the interaction, as the reports see it.
    ended: contacts.filter((c) => isEndedAsOf(c, e.on)).map((c) => c.name),
  };
}

// ---------------------------------------------------------------------------------------------
// Interactive: contact picker with search (and inline creation), then the fields in the order
// one recalls a meeting: when, how, who started it, what was given and got, how it felt, what
// pushed away, what I learned about their situation, what was promised, a note.

const NEW = -1;

async function promptEntry(ctx: Context, db: Db, p: Prompter, today: Day): Promise<LogEntry> {
  const rows = pickerRows(db);
  const contacts: LogEntry['contacts'] = [];
  const chosen = new Set<number>();
  for (;;) {
    let typed = '';
    const picked = await p.search<number>({
      message: contacts.length === 0 ? 'Who did you meet? (type to search)' : 'Who else was there?',
      source: (term) => {
        typed = (term ?? '').trim();
        const key = foldKey(typed);
        const hits = rows.filter((r) => !chosen.has(r.id) && (key === '' || r.keys.split('\u001f').some((k) => k.includes(key))))
          .slice(0, 30)
          .map((r) => ({
            name: visible(r.name) + (r.org ? ` (${visible(r.org)})` : '') + (r.status === 'ended' ? ' [ended]' : ''),
            value: r.id,
            description: r.lastOn !== null ? `last seen ${formatDay(r.lastOn)}` : 'not logged yet',
          }));
        if (typed !== '' && !rows.some((r) => r.keys.split('\u001f')[0] === key)) {
          hits.push({ name: `+ Add "${visible(cleanName(typed))}" as a new contact`, value: NEW, description: 'creates the contact with this interaction' });
        }
        return hits;
      },
    });
    if (picked === NEW) {
      const name = checkedName(typed);
      const circle = await p.select<Circle>({ message: `Which circle is ${visible(name)} in?`, choices: CIRCLES.map((c) => ({ name: c, value: c })), default: 'other' });
      contacts.push({ create: { name, circle } });
    } else {
      contacts.push({ id: picked });
      chosen.add(picked);
    }
    if (!(await p.confirm({ message: 'Was anyone else part of it?', default: false }))) break;
  }

  const on = parseDateOption(await p.input({
    message: 'When?', default: 'today',
    validate: (v) => { const r = parseDateExpression(v, today); return r.ok || r.reason; },
  }), '--on', today);
  const channel = await p.select<Channel>({ message: 'How?', choices: CHANNELS.map((c) => ({ name: c, value: c })), default: 'in-person' });
  const by = await p.select<Initiator>({ message: 'Who reached out?', choices: INITIATORS.map((c) => ({ name: c, value: c })), default: 'me' });
  const noReply = by === 'me' && channel !== 'in-person' && channel !== 'event'
    ? await p.confirm({ message: 'Did it go unanswered (no reply yet)?', default: false })
    : false;
  const outsideWork = noReply ? false : await p.confirm({ message: 'Was it outside work (a meal, a game, family)?', default: false });
  const gave = noReply ? [] : await promptGiveGet(p, 'What did you give them?');
  const got = noReply ? [] : await promptGiveGet(p, 'What did they give you?');
  const tone = noReply ? 'neutral' : await p.select<Tone>({ message: 'How did it feel?', choices: TONES.map((t) => ({ name: t, value: t })), default: 'neutral' });
  const pushKind = noReply ? 'none' : await p.select<string>({
    message: 'Any push-away (a snide remark, distancing, lateness, a cancellation)?',
    choices: [{ name: 'none', value: 'none' }, ...PUSH_AWAY_KINDS.map((k) => ({ name: k, value: k }))],
    default: 'none',
  });
  const pushAway = pushKind === 'none' ? null : { kind: pushKind as PushAway['kind'], note: checkedText(await p.input({ message: 'What happened? (optional)' }), 'push-away note') };
  const learned: LogEntry['learned'] = [];
  if (!noReply) {
    for (;;) {
      const kind = await p.select<LearnedKind | 'done'>({
        message: learned.length === 0 ? 'Did you learn something about their situation?' : 'Anything else you learned?',
        choices: [{ name: 'nothing (more)', value: 'done' }, { name: 'a need or goal', value: 'need' }, { name: 'something they offer', value: 'offer' }, { name: 'an interest', value: 'interest' }],
        default: 'done',
      });
      if (kind === 'done') break;
      const text = (await p.input({ message: `The ${kind}:`, validate: (v) => v.trim() !== '' || 'type a few words' })).trim();
      learned.push({ kind, text: checkedText(text, '--learned') });
    }
  }
  const promises: LogEntry['promises'] = [];
  for (const [by2, message] of [['me', 'Did you promise anything? (blank for no)'], ['them', 'Did they promise anything? (blank for no)']] as const) {
    if (noReply && by2 === 'them') break;
    const text = (await p.input({ message })).trim();
    if (text === '') continue;
    const dueText = (await p.input({
      message: 'By when? (blank for no date)',
      validate: (v) => v.trim() === '' || (() => { const r = parseDateExpression(v, today); return r.ok || r.reason; })(),
    })).trim();
    promises.push({ by: by2, text: checkedText(text, 'promise'), due: dueText === '' ? null : parseDateOption(dueText, '--due', today) });
  }
  const note = checkedText(await p.input({ message: 'A note (optional):' }), '--note');
  return { contacts, on, channel, by, outsideWork, gave, got, tone, pushAway, noReply, note, promises, learned };
}

async function promptGiveGet(p: Prompter, message: string): Promise<GiveGet[]> {
  const kinds = await p.checkbox<GiveKind>({ message: `${message} (space to pick, enter when done)`, choices: GIVE_KINDS.map((k) => ({ name: k, value: k })) });
  const out: GiveGet[] = [];
  for (const kind of kinds) out.push({ kind, note: checkedText(await p.input({ message: `${kind}: a few words (optional)` }), kind) });
  return out;
}
