/**
 * The JSON Lines interchange format of ../shared/spec/jsonl.md: validation of each line and the
 * exact serialisation (keys in the spec's order, defaults written out) that makes
 * export -> import -> export byte-identical. Pure: lines in, records out.
 */
import { formatDay, parseIsoDay } from './dates.js';
import { foldKey } from './names.js';
import type { Day, GiveGet, PushAway } from './types.js';
import {
  CHANNELS, CIRCLES, GIVE_KINDS, INITIATORS, PROMISE_BY, PUSH_AWAY_KINDS, STAGES, TONES, isWord,
  type Channel, type Circle, type Initiator, type PromiseBy, type Stage, type Tone,
} from './vocab.js';

/** Notes (and any other stored text) may be long, e.g. a pasted e-mail thread, but not unbounded. */
export const MAX_TEXT_BYTES = 1_048_576;

export interface ContactLine {
  type: 'contact'; name: string; aliases: string[]; org: string | null; role: string | null; circle: Circle;
  cadenceDays: number | null; stage: Stage; emails: string[]; tags: string[]; needs: string[]; offers: string[];
  interests: string[]; metOn: Day | null; howMet: string | null; notes: string; status: 'active' | 'ended';
  endedOn: Day | null; endNote: string | null; stageHistory: Array<{ stage: Stage; on: Day; note: string }>;
}

export interface InteractionLine {
  type: 'interaction'; on: Day; contacts: string[]; channel: Channel; by: Initiator; outsideWork: boolean;
  gave: GiveGet[]; got: GiveGet[]; tone: Tone; pushAway: PushAway | null; noReply: boolean; note: string;
}

export interface PromiseLine {
  type: 'promise'; contact: string; by: PromiseBy; text: string; madeOn: Day; due: Day | null; doneOn: Day | null;
}

export type JournalLine = ContactLine | InteractionLine | PromiseLine;

const CONTACT_KEYS = ['type', 'name', 'aliases', 'org', 'role', 'circle', 'cadenceDays', 'stage', 'emails', 'tags', 'needs',
  'offers', 'interests', 'metOn', 'howMet', 'notes', 'status', 'endedOn', 'endNote', 'stageHistory'] as const;
const INTERACTION_KEYS = ['type', 'on', 'contacts', 'channel', 'by', 'outsideWork', 'gave', 'got', 'tone', 'pushAway',
  'noReply', 'note'] as const;
const PROMISE_KEYS = ['type', 'contact', 'by', 'text', 'madeOn', 'due', 'doneOn'] as const;

/** A line that is not valid interchange; `message` names the field and the problem. */
export class LineError extends Error {}

type Obj = Record<string, unknown>;

/** Parses and validates one non-blank line. Throws LineError. */
export function parseLine(line: string): JournalLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LineError('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LineError('expected a JSON object');
  const o = value as Obj;
  switch (o.type) {
    case 'contact': return parseContact(o);
    case 'interaction': return parseInteraction(o);
    case 'promise': return parsePromise(o);
    default: throw new LineError(o.type === undefined ? 'missing "type"' : `unknown type ${JSON.stringify(o.type)}`);
  }
}

function checkKeys(o: Obj, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new LineError(`unknown key ${clipped(JSON.stringify(k))}`);
}

function parseContact(o: Obj): ContactLine {
  checkKeys(o, CONTACT_KEYS);
  const name = requiredText(o, 'name');
  const status = word(o, 'status', ['active', 'ended'] as const, 'active');
  const stageHistory = list(o, 'stageHistory', (item, at) => {
    const s = item as Obj;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new LineError(`${at}: expected an object`);
    checkKeys(s, ['stage', 'on', 'note']);
    const stage = s.stage;
    if (!isWord(STAGES, stage)) throw new LineError(`${at}.stage: expected 0 to 5`);
    const on = date(s, 'on', at);
    if (on === null) throw new LineError(`${at}.on: required`);
    return { stage, on, note: text(s, 'note', `${at}.note`) };
  });
  const cadence = o.cadenceDays ?? null;
  if (cadence !== null && !(Number.isInteger(cadence) && (cadence as number) >= 1 && (cadence as number) <= 100_000)) {
    throw new LineError('cadenceDays: expected a whole number of days (at least 1) or null');
  }
  const stage = o.stage ?? 0;
  if (!isWord(STAGES, stage)) throw new LineError('stage: expected 0 to 5');
  return {
    type: 'contact', name, aliases: strings(o, 'aliases'), org: optionalText(o, 'org'), role: optionalText(o, 'role'),
    circle: word(o, 'circle', CIRCLES, 'other'), cadenceDays: cadence as number | null, stage,
    emails: strings(o, 'emails'), tags: strings(o, 'tags'), needs: strings(o, 'needs'), offers: strings(o, 'offers'),
    interests: strings(o, 'interests'), metOn: date(o, 'metOn'), howMet: optionalText(o, 'howMet'), notes: text(o, 'notes'),
    status, endedOn: date(o, 'endedOn'), endNote: optionalText(o, 'endNote'), stageHistory,
  };
}

function parseInteraction(o: Obj): InteractionLine {
  checkKeys(o, INTERACTION_KEYS);
  const on = date(o, 'on');
  if (on === null) throw new LineError('on: required');
  const contacts = strings(o, 'contacts');
  if (contacts.length === 0) throw new LineError('contacts: at least one name');
  // One name cannot appear twice: most lines name one person, and folding is the costly part.
  if (contacts.length > 1 && new Set(contacts.map(foldKey)).size !== contacts.length) throw new LineError('contacts: a name appears twice');
  const push = o.pushAway ?? null;
  let pushAway: PushAway | null = null;
  if (push !== null) {
    if (typeof push !== 'object' || Array.isArray(push)) throw new LineError('pushAway: expected an object or null');
    const p = push as Obj;
    checkKeys(p, ['kind', 'note']);
    if (!isWord(PUSH_AWAY_KINDS, p.kind)) throw new LineError(`pushAway.kind: expected one of ${PUSH_AWAY_KINDS.join(', ')}`);
    pushAway = { kind: p.kind, note: text(p, 'note', 'pushAway.note') };
  }
  return {
    type: 'interaction', on, contacts, channel: word(o, 'channel', CHANNELS, 'in-person'), by: word(o, 'by', INITIATORS, 'me'),
    outsideWork: bool(o, 'outsideWork'), gave: giveGets(o, 'gave'), got: giveGets(o, 'got'), tone: word(o, 'tone', TONES, 'neutral'),
    pushAway, noReply: bool(o, 'noReply'), note: text(o, 'note'),
  };
}

function parsePromise(o: Obj): PromiseLine {
  checkKeys(o, PROMISE_KEYS);
  const madeOn = date(o, 'madeOn');
  if (madeOn === null) throw new LineError('madeOn: required');
  return {
    type: 'promise', contact: requiredText(o, 'contact'), by: word(o, 'by', PROMISE_BY, 'me'), text: requiredText(o, 'text'),
    madeOn, due: date(o, 'due'), doneOn: date(o, 'doneOn'),
  };
}

function giveGets(o: Obj, key: string): GiveGet[] {
  return list(o, key, (item, at) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new LineError(`${at}: expected an object`);
    const g = item as Obj;
    checkKeys(g, ['kind', 'note']);
    if (!isWord(GIVE_KINDS, g.kind)) throw new LineError(`${at}.kind: expected one of ${GIVE_KINDS.join(', ')}`);
    return { kind: g.kind, note: text(g, 'note', `${at}.note`) };
  });
}

function list<T>(o: Obj, key: string, each: (item: unknown, at: string) => T): T[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) throw new LineError(`${key}: expected a list`);
  return v.map((item, i) => each(item, `${key}[${i}]`));
}

function strings(o: Obj, key: string): string[] {
  return list(o, key, (item, at) => {
    if (typeof item !== 'string' || item.trim() === '') throw new LineError(`${at}: expected a non-empty string`);
    checkSize(item, at);
    return item;
  });
}

function word<T extends string>(o: Obj, key: string, words: readonly T[], fallback: T): T {
  const v = o[key] ?? fallback;
  if (!isWord(words, v)) throw new LineError(`${key}: ${clipped(JSON.stringify(v) ?? String(v))} is not one of ${words.join(', ')}`);
  return v;
}

/** A value quoted in an error, cut short: the message names the problem, it need not replay a note. */
function clipped(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function bool(o: Obj, key: string): boolean {
  const v = o[key] ?? false;
  if (typeof v !== 'boolean') throw new LineError(`${key}: expected true or false`);
  return v;
}

function text(o: Obj, key: string, at = key): string {
  const v = o[key] ?? '';
  if (typeof v !== 'string') throw new LineError(`${at}: expected a string`);
  checkSize(v, at);
  return v;
}

function optionalText(o: Obj, key: string): string | null {
  const v = o[key] ?? null;
  if (v !== null && typeof v !== 'string') throw new LineError(`${key}: expected a string or null`);
  if (v !== null) checkSize(v, key);
  return v;
}

function requiredText(o: Obj, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw new LineError(`${key}: required, a non-empty string`);
  checkSize(v, key);
  return v;
}

function date(o: Obj, key: string, at?: string): Day | null {
  const v = o[key] ?? null;
  if (v === null) return null;
  const where = at ? `${at}.${key}` : key;
  if (typeof v !== 'string') throw new LineError(`${where}: expected a YYYY-MM-DD date or null`);
  const day = parseIsoDay(v);
  if (day === null) throw new LineError(`${where}: ${clipped(JSON.stringify(v))} is not a valid YYYY-MM-DD date`);
  return day;
}

function checkSize(v: string, at: string): void {
  // JSON may spell half of a surrogate pair (\ud800), which UTF-8 cannot hold: SQLite would store
  // replacement characters instead, silently changing the text. (With the u flag, the class
  // matches only unpaired halves.)
  if (/[\ud800-\udfff]/u.test(v)) throw new LineError(`${at}: the text holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not valid Unicode`);
  // Cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (v.length * 3 > MAX_TEXT_BYTES && utf8Length(v) > MAX_TEXT_BYTES) {
    throw new LineError(`${at}: text of ${utf8Length(v)} bytes is over the ${MAX_TEXT_BYTES}-byte limit`);
  }
}

/** Bytes `s` takes in UTF-8 (a lone surrogate is written as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---- serialisation: object literals in the spec's key order; JSON.stringify keeps insertion order.

export function formatContactLine(c: Omit<ContactLine, 'type'>): string {
  return JSON.stringify({
    type: 'contact', name: c.name, aliases: c.aliases, org: c.org, role: c.role, circle: c.circle, cadenceDays: c.cadenceDays,
    stage: c.stage, emails: c.emails, tags: c.tags, needs: c.needs, offers: c.offers, interests: c.interests,
    metOn: dayOrNull(c.metOn), howMet: c.howMet, notes: c.notes, status: c.status, endedOn: dayOrNull(c.endedOn),
    endNote: c.endNote, stageHistory: c.stageHistory.map((s) => ({ stage: s.stage, on: formatDay(s.on), note: s.note })),
  });
}

export function formatInteractionLine(i: Omit<InteractionLine, 'type'>): string {
  return JSON.stringify({
    type: 'interaction', on: formatDay(i.on), contacts: i.contacts, channel: i.channel, by: i.by, outsideWork: i.outsideWork,
    gave: i.gave.map((g) => ({ kind: g.kind, note: g.note })), got: i.got.map((g) => ({ kind: g.kind, note: g.note })),
    tone: i.tone, pushAway: i.pushAway ? { kind: i.pushAway.kind, note: i.pushAway.note } : null, noReply: i.noReply, note: i.note,
  });
}

export function formatPromiseLine(p: Omit<PromiseLine, 'type'>): string {
  return JSON.stringify({
    type: 'promise', contact: p.contact, by: p.by, text: p.text, madeOn: formatDay(p.madeOn), due: dayOrNull(p.due),
    doneOn: dayOrNull(p.doneOn),
  });
}

function dayOrNull(d: Day | null): string | null {
  return d === null ? null : formatDay(d);
}
