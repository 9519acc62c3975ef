/**
 * The touch facts of every contact (src/domain/review/facts.ts), read with a fixed handful of
 * set-based statements whatever the journal's size, none of them per contact:
 *
 * 1. the look-back window: per contact, its touches of the window packed into one string
 *    (day and `touch_bits`), which the domain's `countTouch` counts, plus the items given
 *    and received in the giving window summed in SQL. The same pass notes the extremes the
 *    window already settles (the latest answered touch, in-person meeting, business, ...);
 * 2. extremes the window leaves open: from each contact's row of `contact_summary` (read with
 *    the contacts, store/summary.ts), and only where that row's value lies after the as-of day,
 *    index seeks into the contact's (contact, day) range of interaction_contacts, one statement
 *    per extreme over a JSON list of contacts;
 * 3. the unanswered run of contacts with no answered touch in the window.
 *
 * Why a packed string rather than rows: better-sqlite3 spends about a microsecond building each
 * row object, so even the window's rows (a quarter of a journal) cost more than the rest of the
 * review together; one string per contact is decoded with a digit loop and a few bit tests.
 */
import type { Db } from './journal.js';
import {
  countTouch, emptyFacts, factBits, lookBackDays, PUSH_KIND_CODES, settleFirstReached, TOUCH_BITS, type FactWindows, type TouchFacts,
} from '../domain/review/facts.js';
import type { Day, Interaction } from '../domain/types.js';
import { SUMMARY_REACHED_DAYS, type TouchSummary } from './summary.js';

/** The bits of `interaction_contacts.touch_bits`: the domain's encoding of a touch (`factBits`). */
export { TOUCH_BITS };

/** `touch_bits` of one participant row of `i`. */
export function touchBits(i: Omit<Interaction, 'id'>): number {
  return factBits({
    noReply: i.noReply, oneOnOne: i.contactIds.length === 1, by: i.by, outsideWork: i.outsideWork, tone: i.tone,
    pushAway: i.pushAway?.kind ?? null, inPerson: i.channel === 'in-person' || i.channel === 'event',
    business: i.gave.some((g) => g.kind === 'business') || i.got.some((g) => g.kind === 'business'),
  });
}

/**
 * `touchBits` in SQL, for the interaction aliased `i`: what its participant rows must hold.
 * `rel check` compares the stored copies with it (test/store keeps it equal to `touchBits`).
 */
export function touchBitsSql(i: string): string {
  const b = TOUCH_BITS;
  const push = PUSH_KIND_CODES.map((k, n) => `WHEN '${k}' THEN ${(n + 1) * b.pushUnit}`).join(' ');
  return `(${i}.no_reply * ${b.noReply}
    | (CASE WHEN (SELECT count(*) FROM interaction_contacts g WHERE g.interaction_id = ${i}.id) = 1 THEN ${b.oneOnOne} ELSE 0 END)
    | (CASE ${i}.initiated_by WHEN 'them' THEN ${b.byThem} WHEN 'mutual' THEN ${b.mutual} ELSE 0 END)
    | (${i}.outside_work * ${b.outsideWork})
    | (CASE ${i}.tone WHEN 'warm' THEN ${b.warm} WHEN 'cool' THEN ${b.cool} ELSE 0 END)
    | (CASE ${i}.push_kind ${push} ELSE 0 END)
    | (CASE WHEN ${i}.channel IN ('in-person', 'event') THEN ${b.inPerson} ELSE 0 END)
    | (CASE WHEN EXISTS (SELECT 1 FROM exchanges e WHERE e.interaction_id = ${i}.id AND e.kind = 'business') THEN ${b.business} ELSE 0 END))`;
}

/**
 * A window touch travels as (day - window start) * 2^12 + bits: a small positive number
 * whatever the day (dates before 1970 are negative day numbers), decoded by `loadTouchFacts`.
 */
const DAY_SHIFT = 4096;

const B = TOUCH_BITS;
const REACHED = `(touch_bits & ${B.noReply}) = 0`;

// Joined from contacts so SQLite seeks each contact's window instead of scanning the table;
// group_concat then sees the rows in primary-key order: (contact, day, interaction). That order
// comes from the plan (an outer scan of contacts, a primary-key search into the window), not
// from an ORDER BY inside group_concat, which costs 60% more: test/store/facts-plan.test.ts
// pins the plan, and the decoder refuses a list whose days go backwards.
// (better-sqlite3 binds every JavaScript number as a REAL: the CAST keeps the list integers.)
export const WINDOW_SQL = `SELECT c.id, group_concat((ic.on_day - CAST(:windowStart AS INTEGER)) * ${DAY_SHIFT} + ic.touch_bits, ','),
  total(ic.gave) FILTER (WHERE ic.on_day > :givingStart), total(ic.got) FILTER (WHERE ic.on_day > :givingStart)
FROM contacts c JOIN interaction_contacts ic ON ic.contact_id = c.id AND ic.on_day > :windowStart AND ic.on_day <= :asOf
GROUP BY c.id`;

// Index seeks into each listed contact's (contact, day) range, for the extremes the window did
// not settle. `:ids` is a JSON array: one statement for the whole list, never one per contact.
const SEEK = (what: string, where: string, order: 'ASC' | 'DESC') => `SELECT j.value,
  (SELECT ${what} FROM interaction_contacts WHERE contact_id = j.value AND on_day <= :asOf AND ${where}
    ORDER BY on_day ${order} LIMIT 1)
FROM json_each(:ids) j`;
const LAST_REACHED_SQL = SEEK('on_day', REACHED, 'DESC');
const LAST_IN_PERSON_SQL = SEEK('on_day', `${REACHED} AND (touch_bits & ${B.inPerson}) <> 0`, 'DESC');
const LAST_BUSINESS_SQL = SEEK('on_day', `(touch_bits & ${B.business}) <> 0`, 'DESC');
// The latest distinct days in touch before the window (the window's own are decoded from it), in
// no promised order: takeDaysBefore puts them in order.
const REACHED_DAYS_SQL = `SELECT j.value, (SELECT group_concat(d, ',') FROM (SELECT DISTINCT on_day AS d
    FROM interaction_contacts WHERE contact_id = j.value AND on_day <= :windowStart AND ${REACHED} ORDER BY on_day DESC LIMIT :n))
FROM json_each(:ids) j`;
// For contacts with no answered touch in the window: their unanswered one-on-one touches with
// no answered touch after them (in day, then interaction order).
const UNANSWERED_SQL = `SELECT u.contact_id, count(*), min(u.on_day), max(u.on_day)
FROM json_each(:ids) j JOIN interaction_contacts u ON u.contact_id = j.value
WHERE u.on_day <= :asOf AND (u.touch_bits & ${B.noReply | B.oneOnOne}) = ${B.noReply | B.oneOnOne}
  AND NOT EXISTS (SELECT 1 FROM interaction_contacts r WHERE r.contact_id = u.contact_id
    AND r.on_day >= u.on_day AND r.on_day <= :asOf AND (r.touch_bits & ${B.noReply}) = 0
    AND (r.on_day > u.on_day OR r.interaction_id > u.interaction_id))
GROUP BY u.contact_id`;

/**
 * Every listed contact's touch facts as of `asOf`. `summaries` maps each contact to its touch
 * summary (store/summary.ts; null with no touches), read with the contacts.
 *
 * The look-back window is read first; whatever it settles (the latest answered touch when the
 * window has one, the unanswered run after it, the latest days in touch when it holds enough of
 * them, ...) is settled. What it leaves open comes from the summary, which holds each extreme
 * over all touches: the answer whenever it is not after `asOf`. Only a contact with touches
 * after `asOf` (a look at the past, or touches logged ahead) is sought in the index.
 */
export function loadTouchFacts(db: Db, asOf: Day, windows: FactWindows, summaries: ReadonlyMap<number, TouchSummary | null>): Map<number, TouchFacts> {
  const out = new Map<number, TouchFacts>();
  const known: number[] = [];
  // Indexed loops, forEach and no destructuring throughout: this runs once per contact as cold
  // code, where a for-of or a destructured row makes an object per element.
  summaries.forEach((s, id) => {
    const f = emptyFacts(asOf, windows);
    out.set(id, f);
    if (s !== null && s.firstOn <= asOf) {
      f.firstOn = s.firstOn;
      f.othersStarted = s.firstOthers !== null && s.firstOthers <= asOf;
      known.push(id);
    }
  });
  if (known.length === 0) return out;

  // 1. The window, decoded and counted by the domain's `countTouch`, the definition's own step.
  const settled = new Set<number>(); // contacts with an answered touch in the window
  const days = new Map<number, Day[]>(); // distinct answered days in the window, oldest first
  const windowStart = asOf - lookBackDays(windows);
  const window = db.prepare(WINDOW_SQL).raw().all({ asOf, windowStart, givingStart: asOf - windows.giving }) as Array<
    [number, string, number, number]>;
  for (let i = 0; i < window.length; i++) {
    const row = window[i]!;
    const id = row[0];
    const f = out.get(id);
    if (!f) continue;
    f.gave = row[2];
    f.got = row[3];
    const reachedDays: Day[] = [];
    countPacked(f, row[1], windowStart, reachedDays);
    settleFirstReached(f);
    if (f.lastReached !== null) settled.add(id);
    days.set(id, reachedDays);
  }

  // 2. What the window left open: from the summary when its value is not after `asOf` (then it
  // is the latest on or before it), else sought.
  const open = (test: (f: TouchFacts, s: TouchSummary, id: number) => boolean) => JSON.stringify(known.filter((id) => test(out.get(id)!, summaries.get(id)!, id)));
  const seek = (sql: string, ids: string, set: (f: TouchFacts, value: number | null) => void) => {
    if (ids === '[]') return;
    const rows = db.prepare(sql).raw().all({ asOf, ids }) as Array<[number, number | null]>;
    for (let i = 0; i < rows.length; i++) set(out.get(rows[i]![0])!, rows[i]![1]);
  };
  const laterThanAsOf = (v: Day | null) => v !== null && v > asOf;
  for (let i = 0; i < known.length; i++) {
    const id = known[i]!;
    const f = out.get(id)!;
    const s = summaries.get(id)!;
    if (f.lastReached === null && !laterThanAsOf(s.lastReached)) f.lastReached = s.lastReached;
    if (f.lastInPerson === null && !laterThanAsOf(s.lastInPerson)) f.lastInPerson = s.lastInPerson;
    if (f.lastBusiness === null && !laterThanAsOf(s.lastBusiness)) f.lastBusiness = s.lastBusiness;
  }
  seek(LAST_REACHED_SQL, open((f, s) => f.lastReached === null && laterThanAsOf(s.lastReached)), (f, v) => { f.lastReached = v; });
  seek(LAST_IN_PERSON_SQL, open((f, s) => f.lastInPerson === null && laterThanAsOf(s.lastInPerson)), (f, v) => { f.lastInPerson = v; });
  seek(LAST_BUSINESS_SQL, open((f, s) => f.lastBusiness === null && laterThanAsOf(s.lastBusiness)), (f, v) => { f.lastBusiness = v; });
  // The rhythm's latest days in touch: the window's, and for a contact with too few there and a
  // history that starts before the window, the latest ones before it: from the summary's latest
  // days when none of them is after `asOf` (they then hold every day the rhythm can need), else
  // sought.
  const fewDays: number[] = [];
  const fromSummary = windows.rhythmDays <= SUMMARY_REACHED_DAYS;
  for (let i = 0; i < known.length; i++) {
    const id = known[i]!;
    const f = out.get(id)!;
    const list = days.get(id) ?? [];
    const latest: Day[] = []; // the window's latest days, newest first, as slice().reverse() without the copy
    for (let j = list.length - 1; j >= 0 && latest.length < windows.rhythmDays; j--) latest.push(list[j]!);
    f.reachedDays = latest;
    if (list.length >= windows.rhythmDays || f.firstOn! > windowStart) continue;
    const s = summaries.get(id)!;
    if (!fromSummary || laterThanAsOf(s.lastReached)) {
      fewDays.push(id);
      continue;
    }
    takeDaysBefore(s.reachedDays, windowStart, f.reachedDays, windows.rhythmDays);
  }
  if (fewDays.length > 0) {
    const rows = db.prepare(REACHED_DAYS_SQL).raw().all({ windowStart, ids: JSON.stringify(fewDays), n: windows.rhythmDays }) as Array<
      [number, string | null]>;
    for (let i = 0; i < rows.length; i++) {
      const list = rows[i]![1];
      if (list !== null) takeDaysBefore(list, windowStart, out.get(rows[i]![0])!.reachedDays, windows.rhythmDays);
    }
  }
  const unsettled = open((_f, _s, id) => !settled.has(id));
  if (unsettled !== '[]') {
    const rows = db.prepare(UNANSWERED_SQL).raw().all({ asOf, ids: unsettled }) as Array<[number, number, Day, Day]>;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const f = out.get(r[0])!;
      f.unansweredRun = r[1];
      f.unansweredFirst = r[2];
      f.unansweredLast = r[3];
    }
  }
  return out;
}

/**
 * Counts one contact's packed window list into `f` (see WINDOW_SQL): a hand-rolled parse of the
 * decimal list, since split() would make a string per touch. A function of its own, called per
 * contact: the engine optimises a small function soon, where the loop inside loadTouchFacts
 * waited for the whole of it to compile.
 */
function countPacked(f: TouchFacts, packed: string, windowStart: Day, reachedDays: Day[]): void {
  let previous = windowStart;
  for (let i = 0, value = 0; i <= packed.length; i++) {
    const code = i < packed.length ? packed.charCodeAt(i) : 44;
    if (code !== 44) {
      if (code < 48 || code > 57) throw new Error(`the window list holds "${String.fromCharCode(code)}"`);
      value = value * 10 + code - 48;
      continue;
    }
    const bits = value % DAY_SHIFT;
    const on = windowStart + (value - bits) / DAY_SHIFT;
    if (on < previous) throw new Error('the window list is out of day order');
    previous = on;
    countTouch(f, on, bits, reachedDays, true);
    value = 0;
  }
}

/**
 * Appends to `into`, until it holds `n`, the latest days of a short list of decimal days in no
 * promised order (a summary's `reached_days`, or REACHED_DAYS_SQL's answer) on or before
 * `before`, newest first. Read in place: most contacts of a large journal need a few of their
 * days, and splitting every list made arrays to throw away.
 */
function takeDaysBefore(list: string, before: Day, into: Day[], n: number): void {
  const start = into.length;
  for (let i = 0, value = 0, digits = 0, sign = 1; i <= list.length; i++) {
    const code = i < list.length ? list.charCodeAt(i) : 44;
    if (code === 45 && digits === 0) {
      sign = -1;
      continue;
    }
    if (code !== 44) {
      if (code < 48 || code > 57) throw new Error(`contact_summary.reached_days holds "${String.fromCharCode(code)}"`);
      value = value * 10 + code - 48;
      digits++;
      continue;
    }
    if (digits === 0) break; // the empty list
    const day = sign * value;
    if (day <= before) {
      // Into place among the ones taken so far, newest first.
      let j = into.length;
      into.push(day);
      for (; j > start && into[j - 1]! < day; j--) into[j] = into[j - 1]!;
      into[j] = day;
    }
    value = 0;
    digits = 0;
    sign = 1;
  }
  if (into.length > n) into.length = Math.max(n, start);
}
