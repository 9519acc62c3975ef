/**
 * The touch facts of every contact (src/domain/review/facts.ts), read with four set-based
 * statements whatever the journal's size, none of them per contact:
 *
 * 1. extremes: per contact, index seeks into its (contact, day) range of interaction_contacts
 *    for the first touch, the first and latest touch that reached them, the latest in-person and
 *    business ones, whether anyone but me ever started one, and the latest distinct days in touch;
 * 2. the unanswered run: one-on-one unanswered touches with no answered touch after them;
 * 3. the look-back window: per contact, its touches of the window packed into one string
 *    (day and `touch_bits`), which the domain's `countWindowTouch` counts, plus the items given
 *    and received in the giving window summed in SQL;
 * 4. (in history.ts) the contacts and promises.
 *
 * Why a packed string rather than rows: better-sqlite3 spends about a microsecond building each
 * row object, so even the window's rows (a quarter of a journal) cost more than the rest of the
 * review together; one string per contact is decoded with split and a few bit tests.
 */
import type { Db } from './journal.js';
import { countWindowTouch, emptyFacts, lookBackDays, type FactWindows, type TouchFacts, type WindowTouch } from '../domain/review/facts.js';
import type { Day, Interaction } from '../domain/types.js';
import { PUSH_AWAY_KINDS, type Initiator, type PushAwayKind, type Tone } from '../domain/vocab.js';

/** The bits of `interaction_contacts.touch_bits`; migrations/004_touch_facts.sql documents the same table. */
export const TOUCH_BITS = {
  noReply: 1,
  oneOnOne: 2,
  byThem: 4,
  mutual: 8,
  outsideWork: 16,
  warm: 32,
  cool: 64,
  /** Push-away kind number (1..6, in PUSH_KIND_CODES order) times this. */
  pushUnit: 128,
  pushMask: 7 * 128,
  inPerson: 1024,
  business: 2048,
} as const;

/** The kinds in the order of their numbers in `touch_bits` (1 = snide ... 6 = cut-off). */
const PUSH_KIND_CODES: readonly PushAwayKind[] = ['snide', 'late', 'distancing', 'cancelled', 'hostile', 'cut-off'];

/** `touch_bits` of one participant row of `i`. */
export function touchBits(i: Omit<Interaction, 'id'>): number {
  const b = TOUCH_BITS;
  const business = i.gave.some((g) => g.kind === 'business') || i.got.some((g) => g.kind === 'business');
  return (i.noReply ? b.noReply : 0)
    | (i.contactIds.length === 1 ? b.oneOnOne : 0)
    | (i.by === 'them' ? b.byThem : i.by === 'mutual' ? b.mutual : 0)
    | (i.outsideWork ? b.outsideWork : 0)
    | (i.tone === 'warm' ? b.warm : i.tone === 'cool' ? b.cool : 0)
    | (i.pushAway ? (PUSH_KIND_CODES.indexOf(i.pushAway.kind) + 1) * b.pushUnit : 0)
    | (i.channel === 'in-person' || i.channel === 'event' ? b.inPerson : 0)
    | (business ? b.business : 0);
}

/** Days fit in 20 bits until the year 4840; the packed window value is day * 2^12 + bits. */
const DAY_SHIFT = 4096;

const B = TOUCH_BITS;
const REACHED = `(touch_bits & ${B.noReply}) = 0`;

const EXTREMES_SQL = `SELECT c.id,
  (SELECT on_day FROM interaction_contacts WHERE contact_id = c.id AND on_day <= :asOf ORDER BY on_day LIMIT 1),
  (SELECT on_day FROM interaction_contacts WHERE contact_id = c.id AND on_day <= :asOf AND ${REACHED} ORDER BY on_day LIMIT 1),
  (SELECT on_day FROM interaction_contacts WHERE contact_id = c.id AND on_day <= :asOf AND ${REACHED}
    ORDER BY on_day DESC LIMIT 1),
  (SELECT on_day FROM interaction_contacts WHERE contact_id = c.id AND on_day <= :asOf AND ${REACHED}
    AND (touch_bits & ${B.inPerson}) <> 0 ORDER BY on_day DESC LIMIT 1),
  (SELECT on_day FROM interaction_contacts WHERE contact_id = c.id AND on_day <= :asOf
    AND (touch_bits & ${B.business}) <> 0 ORDER BY on_day DESC LIMIT 1),
  EXISTS (SELECT 1 FROM interaction_contacts WHERE contact_id = c.id AND on_day <= :asOf
    AND (touch_bits & ${B.byThem | B.mutual}) <> 0),
  (SELECT group_concat(d, ',' ORDER BY d DESC) FROM (SELECT DISTINCT on_day AS d FROM interaction_contacts
    WHERE contact_id = c.id AND on_day <= :asOf AND ${REACHED} ORDER BY on_day DESC LIMIT :rhythmDays))
FROM contacts c`;

// An unanswered one-on-one touch belongs to the trailing run when no touch that reached them
// comes after it (in day, then interaction order).
const UNANSWERED_SQL = `SELECT u.contact_id, count(*), min(u.on_day), max(u.on_day) FROM interaction_contacts u
WHERE u.on_day <= :asOf AND (u.touch_bits & ${B.noReply | B.oneOnOne}) = ${B.noReply | B.oneOnOne}
  AND NOT EXISTS (SELECT 1 FROM interaction_contacts r WHERE r.contact_id = u.contact_id
    AND r.on_day >= u.on_day AND r.on_day <= :asOf AND (r.touch_bits & ${B.noReply}) = 0
    AND (r.on_day > u.on_day OR r.interaction_id > u.interaction_id))
GROUP BY u.contact_id`;

// Joined from contacts so SQLite seeks each contact's window instead of scanning the table.
const WINDOW_SQL = `SELECT c.id, group_concat(ic.on_day * ${DAY_SHIFT} + ic.touch_bits, ','),
  total(CASE WHEN ic.on_day > :givingStart THEN ic.gave END), total(CASE WHEN ic.on_day > :givingStart THEN ic.got END)
FROM contacts c JOIN interaction_contacts ic ON ic.contact_id = c.id AND ic.on_day > :windowStart AND ic.on_day <= :asOf
GROUP BY c.id`;

/**
 * Every contact's touch facts as of `asOf` (contacts with no touch by then get empty facts),
 * for the contacts in `ids` when given.
 */
export function loadTouchFacts(db: Db, asOf: Day, windows: FactWindows, ids?: ReadonlySet<number>): Map<number, TouchFacts> {
  const out = new Map<number, TouchFacts>();
  const want = (id: number) => ids === undefined || ids.has(id);
  const rows = db.prepare(EXTREMES_SQL).raw().all({ asOf, rhythmDays: windows.rhythmDays }) as Array<
    [number, Day | null, Day | null, Day | null, Day | null, Day | null, number, string | null]>;
  for (const [id, firstOn, firstReached, lastReached, lastInPerson, lastBusiness, others, days] of rows) {
    if (!want(id)) continue;
    const f = emptyFacts(asOf, windows);
    f.firstOn = firstOn;
    f.firstReached = firstReached;
    f.lastReached = lastReached;
    f.lastInPerson = lastInPerson;
    f.lastBusiness = lastBusiness;
    f.othersStarted = others === 1;
    f.reachedDays = days === null ? [] : days.split(',').map(Number);
    out.set(id, f);
  }
  for (const [id, run, first, last] of db.prepare(UNANSWERED_SQL).raw().all({ asOf }) as Array<[number, number, Day, Day]>) {
    const f = out.get(id);
    if (!f) continue;
    f.unansweredRun = run;
    f.unansweredFirst = first;
    f.unansweredLast = last;
  }
  const windowStart = asOf - lookBackDays(windows);
  const touch: WindowTouch = { on: 0, noReply: false, oneOnOne: false, by: 'me', outsideWork: false, tone: 'neutral', pushAway: null };
  const window = db.prepare(WINDOW_SQL).raw().all({ asOf, windowStart, givingStart: asOf - windows.giving }) as Array<
    [number, string, number, number]>;
  for (const [id, packed, gave, got] of window) {
    const f = out.get(id);
    if (!f) continue;
    f.gave = gave;
    f.got = got;
    // group_concat keeps the scan's order: the primary key's (contact, day, interaction).
    for (const item of packed.split(',')) {
      const value = Number(item);
      const bits = value % DAY_SHIFT;
      touch.on = (value - bits) / DAY_SHIFT;
      touch.noReply = (bits & B.noReply) !== 0;
      touch.oneOnOne = (bits & B.oneOnOne) !== 0;
      touch.by = (bits & B.byThem) !== 0 ? 'them' : (bits & B.mutual) !== 0 ? 'mutual' : 'me' satisfies Initiator;
      touch.outsideWork = (bits & B.outsideWork) !== 0;
      touch.tone = (bits & B.warm) !== 0 ? 'warm' : (bits & B.cool) !== 0 ? 'cool' : 'neutral' satisfies Tone;
      const push = (bits & B.pushMask) / B.pushUnit;
      touch.pushAway = push === 0 ? null : PUSH_KIND_CODES[push - 1] ?? null;
      countWindowTouch(f, touch);
    }
  }
  return out;
}

// The code numbers must cover the vocabulary exactly.
if (PUSH_KIND_CODES.length !== PUSH_AWAY_KINDS.length || PUSH_AWAY_KINDS.some((k) => !PUSH_KIND_CODES.includes(k))) {
  throw new Error('PUSH_KIND_CODES is out of step with the push-away vocabulary');
}
