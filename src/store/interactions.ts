/** Interactions, their participants and give/get items. All SQL for them. */
import { TOUCH_BITS, touchBits } from './facts.js';
import type { Db } from './journal.js';
import type { Day, GiveGet, Interaction, PushAway } from '../domain/types.js';
import type { Channel, GiveKind, Initiator, PushAwayKind, Tone } from '../domain/vocab.js';

export type NewInteraction = Omit<Interaction, 'id'>;

export interface InteractionWriter {
  insert(i: NewInteraction): number;
}

const INSERT_INTERACTION = `INSERT INTO interactions (id, on_day, channel, initiated_by, outside_work, tone, push_kind, push_note,
  no_reply, note) VALUES `;
const INTERACTION_ROW = '(?,?,?,?,?,?,?,?,?,?)';

/** Appends the column values of `INSERT_INTERACTION` for one row; a null id lets SQLite choose. */
function pushRow(values: unknown[], id: number | null, i: NewInteraction): void {
  values.push(id, i.on, i.channel, i.by, i.outsideWork ? 1 : 0, i.tone, i.pushAway?.kind ?? null, i.pushAway?.note ?? null,
    i.noReply ? 1 : 0, i.note);
}

/** Told of each participant row a writer writes: its contact, day and `touch_bits`. */
export type PartListener = (contactId: number, on: Day, bits: number) => void;

/** Writes an inserted interaction's participant rows and items given and received. */
function partsWriter(db: Db, onPart?: PartListener): (i: NewInteraction, id: number) => void {
  // Each participant row carries copies of what the reports count (migration 004).
  const member = db.prepare(`INSERT INTO interaction_contacts (contact_id, on_day, interaction_id, position, touch_bits,
      gave, got) VALUES (?,?,?,?,?,?,?)`);
  const exchange = db.prepare('INSERT INTO exchanges (interaction_id, direction, position, kind, note) VALUES (?,?,?,?,?)');
  return (i, id) => {
    const bits = touchBits(i);
    i.contactIds.forEach((cid, pos) => {
      member.run(cid, i.on, id, pos, bits, i.gave.length, i.got.length);
      onPart?.(cid, i.on, bits);
    });
    i.gave.forEach((g, pos) => exchange.run(id, 'gave', pos, g.kind, g.note));
    i.got.forEach((g, pos) => exchange.run(id, 'got', pos, g.kind, g.note));
  };
}

/** Prepared statements for inserting interactions one at a time (`rel log`). */
export function interactionWriter(db: Db): InteractionWriter {
  const row = db.prepare(INSERT_INTERACTION + INTERACTION_ROW);
  const parts = partsWriter(db);
  const values: unknown[] = [];
  return {
    insert(i) {
      values.length = 0;
      pushRow(values, null, i);
      const id = Number(row.run(values).lastInsertRowid);
      parts(i, id);
      return id;
    },
  };
}

/** Interactions per INSERT statement in a bulk write: one statement per row spent a third of its time in the call. */
const BULK_ROWS = 32;

/**
 * Inserts interactions for an import: the interaction rows go in `BULK_ROWS` at a time through
 * one multi-row INSERT (a third less time than a statement per row), each batch followed by its
 * participant and item rows. The rows carry no id: SQLite gives each the largest id in the table
 * plus one (cheaper than checking a given one: no lookup per row), so a batch's ids run on from
 * the one before, and its last id (`lastInsertRowid`) tells the first. That is checked, not
 * assumed. `flush` writes what is pending; call it before the transaction ends.
 */
export function bulkInteractionWriter(db: Db, onPart?: PartListener): { add(i: NewInteraction): void; flush(): void } {
  const one = db.prepare(INSERT_INTERACTION + INTERACTION_ROW);
  const many = db.prepare(INSERT_INTERACTION + Array(BULK_ROWS).fill(INTERACTION_ROW).join(','));
  const parts = partsWriter(db, onPart);
  let next = (db.prepare('SELECT coalesce(max(id), 0) + 1 FROM interactions').pluck().get() as number);
  let pending: NewInteraction[] = [];
  const values: unknown[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const first = next;
    values.length = 0;
    pending.forEach((i) => pushRow(values, null, i));
    // Spread, not an array: better-sqlite3 reads an array's elements one generic lookup at a time.
    let last: number | bigint;
    if (pending.length === BULK_ROWS) last = many.run(...values).lastInsertRowid;
    else for (let k = 0; k < pending.length; k++) last = one.run(...values.slice(k * 10, k * 10 + 10)).lastInsertRowid;
    // Only a table whose largest id is SQLite's largest integer numbers new rows otherwise.
    if (Number(last!) !== first + pending.length - 1) throw new Error(`bulk insert: interaction ids ${first}.. expected, SQLite gave ${last!} as the last`);
    pending.forEach((i, k) => parts(i, first + k));
    next += pending.length;
    pending = [];
  };
  return {
    add(i) {
      pending.push(i);
      if (pending.length === BULK_ROWS) flush();
    },
    flush,
  };
}

interface InteractionRow {
  id: number; on_day: number; channel: Channel; initiated_by: Initiator; outside_work: number; tone: Tone;
  push_kind: PushAwayKind | null; push_note: string | null; no_reply: number; note: string; contact_ids: string;
}

function toInteraction(r: InteractionRow, exchanges: Map<number, { gave: GiveGet[]; got: GiveGet[] }>): Interaction {
  const pushAway: PushAway | null = r.push_kind ? { kind: r.push_kind, note: r.push_note ?? '' } : null;
  const ex = exchanges.get(r.id);
  return {
    id: r.id, on: r.on_day, contactIds: r.contact_ids.split(',').map(Number), channel: r.channel, by: r.initiated_by,
    outsideWork: r.outside_work === 1, gave: ex?.gave ?? [], got: ex?.got ?? [], tone: r.tone, pushAway,
    noReply: r.no_reply === 1, note: r.note,
  };
}

const SELECT_INTERACTION = `SELECT i.id, i.on_day, i.channel, i.initiated_by, i.outside_work, i.tone, i.push_kind, i.push_note,
  i.no_reply, i.note, (SELECT group_concat(contact_id) FROM (SELECT contact_id FROM interaction_contacts m
    WHERE m.interaction_id = i.id ORDER BY position)) AS contact_ids FROM interactions i`;

function loadExchanges(db: Db, sql: string, params: unknown[]): Map<number, { gave: GiveGet[]; got: GiveGet[] }> {
  const map = new Map<number, { gave: GiveGet[]; got: GiveGet[] }>();
  for (const e of db.prepare(sql).iterate(...params) as Iterable<{ interaction_id: number; direction: 'gave' | 'got'; kind: GiveKind; note: string }>) {
    let entry = map.get(e.interaction_id);
    if (!entry) map.set(e.interaction_id, (entry = { gave: [], got: [] }));
    entry[e.direction].push({ kind: e.kind, note: e.note });
  }
  return map;
}

/** A contact's interactions, newest first, at most `limit` (show's timeline). */
export function contactInteractions(db: Db, contactId: number, limit: number): Interaction[] {
  // Walks the (contact, day) index backwards: the newest `limit` rows, whatever the history's length.
  const rows = db.prepare(`${SELECT_INTERACTION} JOIN interaction_contacts ic ON ic.interaction_id = i.id
      WHERE ic.contact_id = ? ORDER BY ic.on_day DESC, ic.interaction_id DESC LIMIT ?`).all(contactId, limit) as InteractionRow[];
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ex = loadExchanges(db, `SELECT interaction_id, direction, kind, note FROM exchanges WHERE interaction_id IN
      (${ids.map(() => '?').join(',')}) ORDER BY interaction_id, direction, position`, ids);
  return rows.map((r) => toInteraction(r, ex));
}

export interface ContactActivity {
  /** Interactions per day, for the activity strip: [day, count]. */
  days: Array<{ on: Day; n: number }>;
  gave: Array<{ kind: GiveKind; n: number }>;
  got: Array<{ kind: GiveKind; n: number }>;
  total: number;
  firstOn: Day | null;
  lastOn: Day | null;
  lastInPerson: Day | null;
  lastPushAway: { on: Day; kind: PushAwayKind; note: string } | null;
}

/** Aggregates for `rel show`, computed in SQL so a contact with thousands of interactions stays instant. */
export function contactActivity(db: Db, contactId: number, since: Day): ContactActivity {
  const days = db.prepare(`SELECT on_day AS "on", count(*) AS n FROM interaction_contacts
      WHERE contact_id = ? AND on_day >= ? GROUP BY on_day ORDER BY on_day`).all(contactId, since) as Array<{ on: Day; n: number }>;
  // From the contact's summary (migration 006): a busy contact's count is otherwise a pass over its rows.
  const totals = (db.prepare(`SELECT touches AS total, first_on, last_on FROM contact_summary WHERE contact_id = ?`).get(contactId) ??
    { total: 0, first_on: null, last_on: null }) as { total: number; first_on: number | null; last_on: number | null };
  // Each query below tests the participant row's copies first (touch_bits, gave, got: migration
  // 004), so the join to interactions or exchanges runs only for the rows that can match,
  // not for every one of a busy contact's tens of thousands of interactions.
  const B = TOUCH_BITS;
  const inPerson = db.prepare(`SELECT ic.on_day AS d FROM interaction_contacts ic JOIN interactions i ON i.id = ic.interaction_id
      WHERE ic.contact_id = ? AND (ic.touch_bits & ${B.inPerson | B.noReply}) = ${B.inPerson}
        AND i.channel = 'in-person' ORDER BY ic.on_day DESC, ic.interaction_id DESC LIMIT 1`)
    .get(contactId) as { d: number } | undefined;
  const exchanges = db.prepare(`SELECT e.direction, e.kind, count(*) AS n FROM interaction_contacts ic
      JOIN exchanges e ON e.interaction_id = ic.interaction_id WHERE ic.contact_id = ? AND ic.gave + ic.got > 0
      GROUP BY e.direction, e.kind ORDER BY n DESC, e.kind`).all(contactId) as Array<{ direction: 'gave' | 'got'; kind: GiveKind; n: number }>;
  const push = db.prepare(`SELECT ic.on_day AS "on", i.push_kind AS kind, coalesce(i.push_note, '') AS note
      FROM interaction_contacts ic JOIN interactions i ON i.id = ic.interaction_id
      WHERE ic.contact_id = ? AND (ic.touch_bits & ${B.pushMask}) <> 0 ORDER BY ic.on_day DESC, ic.interaction_id DESC LIMIT 1`)
    .get(contactId) as { on: Day; kind: PushAwayKind; note: string } | undefined;
  return {
    days,
    gave: exchanges.filter((e) => e.direction === 'gave').map(({ kind, n }) => ({ kind, n })),
    got: exchanges.filter((e) => e.direction === 'got').map(({ kind, n }) => ({ kind, n })),
    total: totals.total, firstOn: totals.first_on, lastOn: totals.last_on, lastInPerson: inPerson?.d ?? null,
    lastPushAway: push ?? null,
  };
}

/** Names of contacts by id, for rendering group interactions. */
export function contactNames(db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows = db.prepare(`SELECT id, name FROM contacts WHERE id IN (${unique.map(() => '?').join(',')})`).all(...unique) as Array<{ id: number; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Everyone's name and folded keys for the interactive picker, most recently seen first. */
export function pickerRows(db: Db): Array<{ id: number; name: string; org: string | null; status: string; lastOn: number | null; keys: string }> {
  return db.prepare(`SELECT c.id, c.name, c.org, c.status, (SELECT s.last_on FROM contact_summary s WHERE s.contact_id = c.id) AS lastOn,
      c.name_key || coalesce(char(31) || (SELECT group_concat(value_key, char(31)) FROM contact_items t
        WHERE t.contact_id = c.id AND t.kind IN ('alias','tag')), '') || coalesce(char(31) || lower(c.org), '') AS keys
      FROM contacts c ORDER BY c.status, lastOn IS NULL, lastOn DESC, c.name`).all() as Array<{ id: number; name: string; org: string | null; status: string; lastOn: number | null; keys: string }>;
}
