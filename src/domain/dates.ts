/**
 * Plain calendar dates. `new Date('2024-02-30')` silently rolls over and `new Date('2024-03-10')`
 * prints as March 9 west of Greenwich, so rel parses, stores and prints dates as day numbers
 * (see `Day`) with its own civil-calendar arithmetic. The only clock input is `now`, passed in.
 */
import type { Day } from './types.js';

const MS_PER_DAY = 86_400_000;

/** Day number of a proleptic Gregorian y-m-d (m 1..12). Valid for any year JS can represent. */
export function dayFromCivil(y: number, m: number, d: number): Day {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.floor(t.getTime() / MS_PER_DAY);
}

export function civilFromDay(day: Day): { y: number; m: number; d: number } {
  const t = new Date(day * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function daysInMonth(y: number, m: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m, 0);
  return t.getUTCDate();
}

/**
 * `YYYY-MM-DD`. Plain arithmetic (H. Hinnant's `civil_from_days`, the inverse of `parseIsoDay`'s
 * formula) rather than a Date object: a review words thousands of days, in a process too short
 * for the engine to optimise a slower path. test/domain/dates.test.ts checks it against
 * `civilFromDay` for every day of years 0000-0100 and 1600-2400.
 */
export function formatDay(day: Day): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // day of the 400-year era, 0..146096
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // from March 1st, 0..365
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1000 || y > 9999) {
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Strict `YYYY-MM-DD` with a real day of a real month; null otherwise. Plain arithmetic on the
 * characters (an import reads one per line, and a regex and two Date objects made it a tenth
 * of reading a journal): the days come from the civil-calendar formula of H. Hinnant's
 * "chrono-compatible low-level date algorithms"; test/domain/dates.test.ts checks it against
 * `dayFromCivil` for every day of years 0000-0100 and 1600-2400 and the last century.
 */
export function parseIsoDay(text: string): Day | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null; // '-'
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) return null;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The decimal number in text[from, to), or -1 if any character there is not an ASCII digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function monthLength(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The local calendar day of the instant `now` (the user's "today"). */
export function dayOfInstant(now: Date): Day {
  return dayFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Adds calendar months, clamping to the month's last day (Mar 31 - 1 month = Feb 28/29). */
export function addMonths(day: Day, months: number): Day {
  const { y, m, d } = civilFromDay(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return dayFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export type DateParse = { ok: true; day: Day } | { ok: false; reason: string };

/**
 * The date grammar of the CLI (`--on`, `--due`, `--as-of`, `--since`): `YYYY-MM-DD`, `today`,
 * `yesterday`, `tomorrow`, `Nd ago` / `Nw ago` / `Nm ago`, `in Nd` / `in Nw` / `in Nm`, and a
 * weekday name (or its first three letters), which means the most recent *past* such day:
 * on a Monday, `monday` is a week ago, because "today" already names today.
 * Anything else, including `03/04/2024` (day/month order is ambiguous), is refused.
 */
export function parseDateExpression(input: string, today: Day): DateParse {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const iso = parseIsoDay(text);
  if (iso !== null) return { ok: true, day: iso };
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) return { ok: false, reason: 'no such calendar day' };
  if (text === 'today') return { ok: true, day: today };
  if (text === 'yesterday') return { ok: true, day: today - 1 };
  if (text === 'tomorrow') return { ok: true, day: today + 1 };
  const ago = /^(\d{1,5}) ?([dwm]) ago$/.exec(text);
  if (ago) return { ok: true, day: shift(today, -Number(ago[1]), ago[2] as Unit) };
  const ahead = /^in (\d{1,5}) ?([dwm])$/.exec(text);
  if (ahead) return { ok: true, day: shift(today, Number(ahead[1]), ahead[2] as Unit) };
  const weekday = WEEKDAYS.findIndex((w) => w === text || (text.length === 3 && w.startsWith(text)));
  if (weekday >= 0) {
    const back = (weekdayOf(today) - weekday + 7) % 7 || 7;
    return { ok: true, day: today - back };
  }
  return { ok: false, reason: 'expected YYYY-MM-DD, today, yesterday, tomorrow, Nd/Nw/Nm ago, in Nd/Nw, or a weekday' };
}

type Unit = 'd' | 'w' | 'm';
function shift(day: Day, n: number, unit: Unit): Day {
  if (unit === 'd') return day + n;
  if (unit === 'w') return day + 7 * n;
  return addMonths(day, n);
}

/** Days in one month of a cadence: `3m` means 90 days. */
export const DAYS_PER_MONTH = 30;

export type DurationParse = { ok: true; days: number } | { ok: false; reason: string };

/** `--cadence`: `N d|w|m` written together (`30d`, `2w`, `3m`), at least one day. */
export function parseDuration(input: string): DurationParse {
  const m = /^(\d{1,5})([dwm])$/.exec(input.trim().toLowerCase());
  if (!m) return { ok: false, reason: 'expected a number and d, w or m written together, e.g. 30d, 2w, 3m' };
  const n = Number(m[1]);
  const days = m[2] === 'd' ? n : m[2] === 'w' ? 7 * n : DAYS_PER_MONTH * n;
  if (days < 1) return { ok: false, reason: 'a cadence is at least one day' };
  return { ok: true, days };
}

/** Shortest way to write a day count as a duration (`90` -> `3m`, `14` -> `2w`). */
export function formatDuration(days: number): string {
  if (days % DAYS_PER_MONTH === 0) return `${days / DAYS_PER_MONTH}m`;
  if (days % 7 === 0) return `${days / 7}w`;
  return `${days}d`;
}
