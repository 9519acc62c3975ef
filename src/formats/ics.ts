/**
 * iCalendar (RFC 5545): follow-up reminders out, past meetings in.
 *
 * Out: promises with a due date as VTODO (or VEVENT, see `promisesAs`), and each relationship's
 * next contact date as an all-day VEVENT, in a calendar file a calendar app can subscribe to.
 * UIDs are stable (`promise-7@rel`), so a re-export updates the same entries instead of adding
 * copies. DTSTAMP is passed in: this module has no clock.
 *
 * In: the VEVENTs of an exported calendar, with their attendees, so the importer can offer to
 * log meetings with known contacts that the journal doesn't have yet.
 */
import { dayFromCivil, formatDay, parseIsoDay } from '../domain/dates.js';
import { foldKey } from '../domain/names.js';
import type { Day } from '../domain/types.js';
import type { Channel } from '../domain/vocab.js';
import { escapeText, joinContentLines, paramUpper, parseContentLine, unescapeText, unfoldLines, type ContentLine } from './content-line.js';

export type ReminderKind = 'promise' | 'next-contact';

export interface ReminderItem {
  /** Use `reminderUid`: stable across exports so calendars update rather than duplicate. */
  uid: string;
  kind: ReminderKind;
  summary: string;
  description: string;
  due: Day;
}

/** `promise-7@rel`, `next-contact-3@rel` (3 = the contact's id). */
export function reminderUid(kind: ReminderKind, id: number): string {
  return `${kind}-${id}@rel`;
}

export interface ReminderOptions {
  /**
   * `todo` (default) writes promises as VTODO, which task-aware apps (Apple Reminders via
   * Calendar, Thunderbird, Outlook desktop) show as tasks. Google Calendar and Outlook.com
   * ignore VTODO in subscribed calendars; `event` writes promises as all-day events instead.
   */
  promisesAs?: 'todo' | 'event';
  /** Calendar name shown by the app (X-WR-CALNAME). */
  calendarName?: string;
}

const STAMP = /^\d{8}T\d{6}Z$/;

function basicDate(day: Day): string {
  return formatDay(day).replace(/-/g, '');
}

/**
 * A VCALENDAR with one entry per item, in the order given. `stamp` is the DTSTAMP of every
 * entry, UTC basic format (`20260304T120000Z`), from the caller's clock.
 */
export function formatReminders(items: readonly ReminderItem[], stamp: string, options: ReminderOptions = {}): string {
  if (!STAMP.test(stamp)) throw new Error(`DTSTAMP must look like 20260304T120000Z, got ${JSON.stringify(stamp)}`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//rel//rel reminders//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName ?? 'rel follow-ups')}`,
    // Ask subscribing apps to refresh twice a day.
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'X-PUBLISHED-TTL:PT12H',
  ];
  for (const item of items) {
    const common = [`UID:${item.uid}`, `DTSTAMP:${stamp}`, `SUMMARY:${escapeText(item.summary)}`];
    if (item.description !== '') common.push(`DESCRIPTION:${escapeText(item.description)}`);
    common.push(`CATEGORIES:${item.kind}`);
    if (item.kind === 'promise' && (options.promisesAs ?? 'todo') === 'todo') {
      lines.push('BEGIN:VTODO', ...common, `DUE;VALUE=DATE:${basicDate(item.due)}`, 'STATUS:NEEDS-ACTION', 'END:VTODO');
    } else {
      lines.push(
        'BEGIN:VEVENT', ...common,
        `DTSTART;VALUE=DATE:${basicDate(item.due)}`, `DTEND;VALUE=DATE:${basicDate(item.due + 1)}`,
        // A reminder, not a meeting: don't show the day as busy.
        'TRANSP:TRANSPARENT', 'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  return joinContentLines(lines);
}

// ---- reading

export interface IcsPerson {
  name?: string;
  email?: string;
}

export interface IcsAttendee extends IcsPerson {
  /** PARTSTAT=DECLINED: they said they would not come. */
  declined: boolean;
}

export interface IcsEvent {
  uid: string;
  summary: string;
  /** The day it starts: the date written for all-day, floating and TZID times; see `dayOfUtc` for UTC. */
  start: Day;
  attendees: IcsAttendee[];
  organizer?: IcsPerson;
  location: string;
  /** A repeating series (RRULE) as written, not one occurrence of it. */
  recurring: boolean;
  cancelled: boolean;
  /** Held online: a conference link (Meet, Zoom, Teams, Webex) or a CONFERENCE property. */
  online: boolean;
  /** 1-based line of its BEGIN:VEVENT. */
  line: number;
}

export interface IcsParseOptions {
  /**
   * The local calendar day of a UTC instant (ms since epoch). Injected so this module needs no
   * time zone; the command passes `(ms) => dayOfInstant(new Date(ms))`. Default: the UTC day.
   */
  dayOfUtc?: (epochMs: number) => Day;
}

const ONLINE = /meet\.google\.com|zoom\.us|teams\.microsoft\.com|teams\.live\.com|webex\.com|whereby\.com/i;

export function parseIcsCalendar(text: string, options: IcsParseOptions = {}): { events: IcsEvent[]; warnings: string[] } {
  const events: IcsEvent[] = [];
  const warnings: string[] = [];
  const stack: string[] = [];
  let current: Partial<IcsEvent> & { line: number; attendees: IcsAttendee[]; hasRecurrenceId: boolean; description: string } | null = null;
  let startLine: ContentLine | null = null;

  for (const logical of unfoldLines(text)) {
    const prop = parseContentLine(logical);
    if (!prop) continue;
    if (prop.name === 'BEGIN') {
      const what = prop.value.trim().toUpperCase();
      stack.push(what);
      if (what === 'VEVENT') {
        current = { line: prop.line, attendees: [], hasRecurrenceId: false, description: '', location: '', recurring: false, cancelled: false, online: false };
        startLine = null;
      }
      continue;
    }
    if (prop.name === 'END') {
      const what = stack.pop();
      if (what === 'VEVENT' && current) {
        const start = startLine ? readStart(startLine, options) : null;
        if (start === null) {
          warnings.push(`line ${current.line}: event ${JSON.stringify(current.summary ?? '')} has no readable DTSTART; skipped`);
        } else {
          events.push({
            uid: current.uid ?? `line-${current.line}`,
            summary: current.summary ?? '',
            start,
            attendees: current.attendees,
            ...(current.organizer ? { organizer: current.organizer } : {}),
            location: current.location ?? '',
            recurring: current.recurring === true && !current.hasRecurrenceId,
            cancelled: current.cancelled === true,
            online: current.online === true || ONLINE.test(`${current.location ?? ''} ${current.description}`),
            line: current.line,
          });
        }
        current = null;
      }
      continue;
    }
    // Only the event's own properties: not those of a VALARM inside it, nor of VTIMEZONE.
    if (!current || stack[stack.length - 1] !== 'VEVENT') continue;
    switch (prop.name) {
      case 'UID': current.uid = prop.value.trim(); break;
      case 'SUMMARY': current.summary = unescapeText(prop.value); break;
      case 'DESCRIPTION': current.description = unescapeText(prop.value); break;
      case 'LOCATION': current.location = unescapeText(prop.value); break;
      case 'DTSTART': startLine = prop; break;
      case 'RRULE': current.recurring = true; break;
      case 'RECURRENCE-ID': current.hasRecurrenceId = true; break;
      case 'STATUS': current.cancelled = prop.value.trim().toUpperCase() === 'CANCELLED'; break;
      case 'CONFERENCE': case 'X-GOOGLE-CONFERENCE': current.online = true; break;
      case 'ORGANIZER': current.organizer = readPerson(prop); break;
      case 'ATTENDEE': {
        const cutype = paramUpper(prop, 'CUTYPE');
        if (cutype === 'RESOURCE' || cutype === 'ROOM') break;
        current.attendees.push({ ...readPerson(prop), declined: paramUpper(prop, 'PARTSTAT') === 'DECLINED' });
        break;
      }
    }
  }
  if (current) warnings.push(`line ${current.line}: event ${JSON.stringify(current.summary ?? '')} has no END:VEVENT; skipped`);
  return { events, warnings };
}

/** The VEVENTs of an .ics text; see parseIcsCalendar for the warnings about skipped ones. */
export function parseIcsEvents(text: string, options: IcsParseOptions = {}): IcsEvent[] {
  return parseIcsCalendar(text, options).events;
}

function readStart(prop: ContentLine, options: IcsParseOptions): Day | null {
  const v = prop.value.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(v);
  if (!m) return null;
  const day = parseIsoDay(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === null) return null;
  if (m[7] !== 'Z') return day; // all-day, floating, or TZID: the date as written
  const { y, mo, d } = { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) };
  const ms = Date.UTC(y, mo - 1, d, Number(m[4]), Number(m[5]), Number(m[6]));
  return options.dayOfUtc ? options.dayOfUtc(ms) : dayFromCivil(y, mo, d);
}

function readPerson(prop: ContentLine): IcsPerson {
  const person: IcsPerson = {};
  const value = prop.value.trim();
  if (/^mailto:/i.test(value)) person.email = value.slice(7).trim();
  const cn = prop.params.get('CN')?.[0]?.trim();
  if (cn) {
    // Google writes the address as CN when it knows no name.
    if (cn.includes('@')) person.email ??= cn;
    else person.name = cn;
  }
  return person;
}

// ---- matching meetings with the journal

export interface MeetingContact {
  id: number;
  name: string;
  aliases: string[];
  emails: string[];
}

export interface MeetingMatch {
  event: IcsEvent;
  day: Day;
  /** Known contacts who took part and have nothing logged that day, in attendee order. */
  contactIds: number[];
  /** Known contacts who took part but already have an interaction that day. */
  alreadyLogged: number[];
  /** `video` for an online meeting, `in-person` when it has a place, else null (ask). */
  channel: Channel | null;
}

export interface MatchOptions {
  /** Offer today's meetings too (they may not have happened yet). Default: days before today only. */
  includeToday?: boolean;
}

/**
 * Past meetings with at least one known contact not yet logged for that day. A person matches
 * by e-mail (ignoring case), or by name/alias when the invitation has no known address. A name
 * or address shared by two contacts matches neither. Skipped: cancelled events, declined
 * attendees, and repeating series (only their separately written occurrences count).
 * Sorted by day, then summary, then UID.
 */
export function matchMeetings(
  events: readonly IcsEvent[],
  contacts: readonly MeetingContact[],
  loggedDays: ReadonlyMap<number, ReadonlySet<Day>>,
  today: Day,
  options: MatchOptions = {},
): MeetingMatch[] {
  const byEmail = new Map<string, Set<number>>();
  const byName = new Map<string, Set<number>>();
  for (const c of contacts) {
    for (const e of c.emails) addTo(byEmail, e.toLowerCase(), c.id);
    for (const n of [c.name, ...c.aliases]) addTo(byName, foldKey(n), c.id);
  }
  const unique = (set: Set<number> | undefined): number | null => (set && set.size === 1 ? [...set][0]! : null);
  const identify = (p: IcsPerson): number | null => {
    if (p.email) {
      const id = unique(byEmail.get(p.email.toLowerCase()));
      if (id !== null) return id;
    }
    return p.name ? unique(byName.get(foldKey(p.name))) : null;
  };

  const seen = new Set<string>();
  const out: MeetingMatch[] = [];
  for (const event of events) {
    if (event.cancelled || event.recurring) continue;
    if (event.start > today || (event.start === today && !options.includeToday)) continue;
    const key = `${event.uid}\u0000${event.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const people: IcsPerson[] = [...(event.organizer ? [event.organizer] : []), ...event.attendees.filter((a) => !a.declined)];
    const ids: number[] = [];
    for (const p of people) {
      const id = identify(p);
      if (id !== null && !ids.includes(id)) ids.push(id);
    }
    if (ids.length === 0) continue;
    const logged = ids.filter((id) => loggedDays.get(id)?.has(event.start) === true);
    const open = ids.filter((id) => !logged.includes(id));
    if (open.length === 0) continue;
    out.push({
      event, day: event.start, contactIds: open, alreadyLogged: logged,
      channel: event.online ? 'video' : event.location.trim() !== '' ? 'in-person' : null,
    });
  }
  return out.sort((a, b) => a.day - b.day || cmp(a.event.summary, b.event.summary) || cmp(a.event.uid, b.event.uid));
}

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  const set = map.get(key) ?? new Set<number>();
  set.add(id);
  map.set(key, set);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
