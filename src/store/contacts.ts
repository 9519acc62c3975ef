/** Contacts: profile rows, their ordered lists, stage history and name lookup. All SQL for them. */
import { UserError } from '../cli/errors.js';
import { prepared, type Db } from './journal.js';
import type { Contact, ContactStatus, Day, ReportContact, StageChange } from '../domain/types.js';
import type { Circle, Stage } from '../domain/vocab.js';
import { foldKey, type NameCandidate } from '../domain/names.js';
import type { TouchSummary } from './summary.js';

export type ItemKind = 'alias' | 'email' | 'tag' | 'need' | 'offer' | 'interest';
const LIST_FIELDS: Array<[ItemKind, keyof Pick<Contact, 'aliases' | 'emails' | 'tags' | 'needs' | 'offers' | 'interests'>]> = [
  ['alias', 'aliases'], ['email', 'emails'], ['tag', 'tags'], ['need', 'needs'], ['offer', 'offers'], ['interest', 'interests'],
];

/** A contact to insert. Its stage history may hold `on: null`: "dated the contact's own date". */
export type NewContact = Omit<Contact, 'id' | 'addedOn' | 'stageHistory'> & {
  stageHistory: Array<{ stage: Stage; on: Day | null; note: string }>;
};

interface ContactRow {
  id: number; name: string; org: string | null; role: string | null; circle: Circle;
  cadence_days: number | null; stage: Stage; met_on: number | null; how_met: string | null;
  notes: string; status: 'active' | 'ended'; ended_on: number | null; end_note: string | null;
  added_on: number; first_day: number | null;
}

const CONTACT_COLUMNS = `c.id, c.name, c.org, c.role, c.circle, c.cadence_days, c.stage, c.met_on, c.how_met,
  c.notes, c.status, c.ended_on, c.end_note, c.added_on`;
// The first interaction's day, needed for the contact's own date (and so for undated stage
// changes): kept in the contact's summary (migration 006).
const FIRST_DAY = '(SELECT s.first_on FROM contact_summary s WHERE s.contact_id = c.id) AS first_day';

export function nameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db.prepare('SELECT id FROM contacts WHERE name_key = ?').get(foldKey(name)) as { id: number } | undefined;
  return row !== undefined && row.id !== exceptId;
}

export function insertContact(db: Db, c: NewContact, addedOn: Day): number {
  const id = Number(
    prepared(db, `INSERT INTO contacts (name, name_key, org, role, circle, cadence_days, stage, met_on, how_met, notes,
        status, ended_on, end_note, added_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
      .run(c.name, foldKey(c.name), c.org, c.role, c.circle, c.cadenceDays, c.stage, c.metOn, c.howMet, c.notes,
        c.status, c.endedOn, c.endNote, addedOn).lastInsertRowid,
  );
  // Lists are stored exactly as given (an import must round-trip byte for byte); edits dedupe.
  const item = prepared(db, 'INSERT INTO contact_items (contact_id, kind, position, value, value_key) VALUES (?,?,?,?,?)');
  for (const [kind, field] of LIST_FIELDS) c[field].forEach((value, pos) => item.run(id, kind, pos, value, foldKey(value)));
  const stageInsert = prepared(db, 'INSERT INTO stage_changes (contact_id, stage, on_day, note) VALUES (?,?,?,?)');
  for (const s of c.stageHistory) stageInsert.run(id, s.stage, s.on, s.note);
  return id;
}

/** Appends values to one of a contact's lists, skipping ones already there (compared folded). */
export function appendItems(db: Db, contactId: number, kind: ItemKind, values: readonly string[]): number {
  if (values.length === 0) return 0;
  const existing = db.prepare('SELECT value_key, position FROM contact_items WHERE contact_id = ? AND kind = ?')
    .all(contactId, kind) as Array<{ value_key: string; position: number }>;
  const keys = new Set(existing.map((r) => r.value_key));
  let position = existing.reduce((max, r) => Math.max(max, r.position), -1) + 1;
  const insert = db.prepare('INSERT INTO contact_items (contact_id, kind, position, value, value_key) VALUES (?,?,?,?,?)');
  let added = 0;
  for (const value of values) {
    const key = foldKey(value);
    if (keys.has(key)) continue;
    keys.add(key);
    insert.run(contactId, kind, position++, value, key);
    added++;
  }
  return added;
}

export interface ContactPatch {
  name?: string; org?: string | null; role?: string | null; circle?: Circle; cadenceDays?: number | null;
  metOn?: Day | null; howMet?: string | null; notes?: string;
}

const PATCH_COLUMNS: Record<keyof ContactPatch, string> = {
  name: 'name', org: 'org', role: 'role', circle: 'circle', cadenceDays: 'cadence_days', metOn: 'met_on',
  howMet: 'how_met', notes: 'notes',
};

export function updateContact(db: Db, id: number, patch: ContactPatch): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const key of Object.keys(patch) as Array<keyof ContactPatch>) {
    if (patch[key] === undefined) continue;
    sets.push(`${PATCH_COLUMNS[key]} = ?`);
    values.push(patch[key]);
    if (key === 'name') {
      sets.push('name_key = ?');
      values.push(foldKey(patch.name!));
    }
  }
  if (sets.length > 0) db.prepare(`UPDATE contacts SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
}

/** Records a dated stage change; the current stage is the one of the latest-dated change. */
export function addStageChange(db: Db, contactId: number, stage: Stage, on: Day, note: string): void {
  db.prepare('INSERT INTO stage_changes (contact_id, stage, on_day, note) VALUES (?,?,?,?)').run(contactId, stage, on, note);
  refreshStage(db, contactId);
}

function refreshStage(db: Db, contactId: number): void {
  // Undated changes (from `add --stage`) sort first: they are dated the contact's own date, the earliest day.
  db.prepare(`UPDATE contacts SET stage = (SELECT s.stage FROM stage_changes s WHERE s.contact_id = contacts.id
      ORDER BY coalesce(s.on_day, -1e9) DESC, s.id DESC LIMIT 1) WHERE id = ? AND EXISTS
      (SELECT 1 FROM stage_changes WHERE contact_id = contacts.id)`).run(contactId);
}

export function endContact(db: Db, id: number, on: Day, note: string): void {
  db.prepare("UPDATE contacts SET status = 'ended', ended_on = ?, end_note = ? WHERE id = ?").run(on, note, id);
}

/** Exact (folded) match on name or alias: ids of every contact that has it. */
export function findExact(db: Db, key: string): number[] {
  const rows = db.prepare(`SELECT id FROM contacts WHERE name_key = ?
      UNION SELECT contact_id FROM contact_items WHERE kind = 'alias' AND value_key = ?`).all(key, key) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/** Prefix match on name or alias, as an index range scan (LIKE would treat % and _ as wildcards). */
export function findByPrefix(db: Db, key: string, max = 20): number[] {
  const upper = key + '\u{10FFFF}';
  const rows = db.prepare(`SELECT id FROM contacts WHERE name_key >= ? AND name_key < ?
      UNION SELECT contact_id FROM contact_items WHERE kind = 'alias' AND value_key >= ? AND value_key < ? LIMIT ?`)
    .all(key, upper, key, upper, max) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/** Every contact's name and folded keys, for "did you mean" and ambiguity listings. */
export function nameCandidates(db: Db, ids?: number[]): NameCandidate[] {
  const where = ids ? `WHERE c.id IN (${ids.map(() => '?').join(',')})` : '';
  const rows = db.prepare(`SELECT c.id, c.name, c.name_key, (SELECT group_concat(value_key, char(31)) FROM contact_items i
      WHERE i.contact_id = c.id AND i.kind = 'alias') AS alias_keys FROM contacts c ${where} ORDER BY c.name`)
    .all(...(ids ?? [])) as Array<{ id: number; name: string; name_key: string; alias_keys: string | null }>;
  return rows.map((r) => ({ id: r.id, name: r.name, keys: [r.name_key, ...(r.alias_keys ? r.alias_keys.split('\u001f') : [])] }));
}

export interface ContactFilter {
  ids?: number[]; circle?: Circle; tagKey?: string; includeEnded?: boolean;
  /** Without `includeEnded`: the day the contacts must not have ended by (see `activeOnSql`); without a day, by status. */
  activeOn?: Day;
}


/** Name and status of each contact in `ids`, in that order (what `rel log` prints). */
export function contactBriefs(db: Db, ids: readonly number[]): Array<{ name: string; status: ContactStatus; endedOn: Day | null }> {
  const stmt = prepared(db, 'SELECT name, status, ended_on AS endedOn FROM contacts WHERE id = ?');
  return ids.map((id) => {
    const row = stmt.get(id) as { name: string; status: ContactStatus; endedOn: Day | null } | undefined;
    if (!row) throw new UserError(`the journal is damaged (contact #${id} cannot be read); run rel check, or restore a backup`);
    return row;
  });
}

/**
 * SQL for "not ended on day `day`" of the contact aliased `c`: the domain's `isEndedAsOf`
 * (domain/review/ended.ts), negated, so that list and promises agree with the reports. The end
 * day decides when there is one; without it, the status. test/store/schema.test.ts holds the
 * two equal.
 */
export function activeOnSql(c: string, day: string): string {
  return `(CASE WHEN ${c}.ended_on IS NOT NULL THEN ${c}.ended_on > ${day} ELSE ${c}.status = 'active' END)`;
}

/** The WHERE terms (on `contacts c`) and their parameters for a filter. */
function contactWhere(filter: ContactFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.ids) {
    where.push(`c.id IN (${filter.ids.map(() => '?').join(',')})`);
    params.push(...filter.ids);
  }
  if (filter.circle) { where.push('c.circle = ?'); params.push(filter.circle); }
  if (filter.tagKey !== undefined) {
    where.push("EXISTS (SELECT 1 FROM contact_items t WHERE t.contact_id = c.id AND t.kind = 'tag' AND t.value_key = ?)");
    params.push(filter.tagKey);
  }
  if (!filter.includeEnded && filter.activeOn === undefined) where.push("c.status = 'active'");
  if (!filter.includeEnded && filter.activeOn !== undefined) { where.push(activeOnSql('c', '?')); params.push(filter.activeOn); }
  return { where, params };
}

/**
 * Loads full contacts with three queries (rows, list items, stage changes), whatever their number.
 * Undated stage changes get the contact's own date: met-on, else first interaction, else added-on.
 */
export function loadContacts(db: Db, filter: ContactFilter = {}): Contact[] {
  const { where, params } = contactWhere(filter);
  // Raw rows (arrays, not objects): an export reads every contact, and an object per row
  // costs twice as much in better-sqlite3.
  const rows = db.prepare(`SELECT ${CONTACT_COLUMNS}, ${FIRST_DAY} FROM contacts c
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.name, c.id`).raw().all(...params) as Array<[
    number, string, string | null, string | null, Circle, number | null, Stage, Day | null, string | null, string,
    ContactStatus, Day | null, string | null, Day, Day | null]>;
  if (rows.length === 0) return [];
  const byId = new Map<number, { contact: Contact; ownDay: Day }>();
  const contacts = rows.map(([id, name, org, role, circle, cadenceDays, stage, metOn, howMet, notes, status, endedOn, endNote,
    addedOn, firstDay]) => {
    const contact: Contact = {
      id, name, aliases: [], org, role, circle, cadenceDays, stage, emails: [], tags: [], needs: [], offers: [], interests: [],
      metOn, howMet, notes, status, endedOn, endNote, addedOn, stageHistory: [],
    };
    byId.set(id, { contact, ownDay: metOn ?? firstDay ?? addedOn });
    return contact;
  });
  // One contact: filter by id; many: read the tables whole, which beats a long IN list.
  const only = rows.length === 1 ? rows[0]![0] : undefined;
  const items = db.prepare(`SELECT contact_id, kind, value FROM contact_items ${only === undefined ? '' : 'WHERE contact_id = ?'}
      ORDER BY contact_id, kind, position`).raw().all(...(only === undefined ? [] : [only])) as Array<[number, ItemKind, string]>;
  const fieldOf = new Map(LIST_FIELDS);
  for (const [contactId, kind, value] of items) {
    const c = byId.get(contactId)?.contact;
    if (c) c[fieldOf.get(kind)!].push(value);
  }
  addStageHistories(db, byId, only);
  return contacts;
}

/**
 * Each contact's stage changes, in day order, into `contacts` (keyed by id); an undated change
 * takes the contact's own day. `only`: read just that contact's (one contact: no table scan).
 */
function addStageHistories(db: Db, contacts: ReadonlyMap<number, { contact: Pick<Contact, 'stageHistory'>; ownDay: Day }>, only?: number): void {
  // In id order, the order they were recorded in: rows go to their contact through the map, so
  // ordering by contact as well would only add a sort (the index is by contact and day).
  const changes = db.prepare(`SELECT contact_id, stage, on_day, note FROM stage_changes
      ${only === undefined ? '' : 'WHERE contact_id = ?'} ORDER BY id`).raw().all(...(only === undefined ? [] : [only])) as Array<
    [number, Stage, number | null, string]>;
  // Indexed, and forEach over the map: no iterator objects (see loadReportContacts).
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const row = contacts.get(change[0]);
    if (row) row.contact.stageHistory.push({ stage: change[1], on: change[2] ?? row.ownDay, note: change[3] });
  }
  // Changes are mostly recorded in day order: sorted only when they are not (a sort copies the list).
  contacts.forEach(({ contact }) => {
    const list = contact.stageHistory;
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.on < list[i - 1]!.on) {
        list.sort(byDay);
        break;
      }
    }
  });
}

/**
 * The needs, offers and interests of every contact read without its lists: one frozen empty
 * array, not three per contact (a large journal's review made 30,000 of them for nothing).
 */
const NO_ITEMS = Object.freeze([]) as unknown as string[];

/**
 * A contact as the reports read it, with its own day and the summary of its touches (null with
 * none; its `firstOn` is the first interaction day, ever).
 */
export interface ReportContactRow { contact: ReportContact; ownDay: Day; summary: TouchSummary | null }

/**
 * The reports' contacts (see `ReportContact`), every one of them or those in `ids`, with the
 * same three set-based queries as `loadContacts` but only the columns and list kinds
 * the rules use. Raw rows (arrays, not objects): better-sqlite3 builds them twice as fast.
 * Needs, offers and interests are read only with `lists` (they stay empty otherwise); the order
 * is by name unless `ordered` is false.
 */
export function loadReportContacts(db: Db, filter: { ids?: number[]; circle?: Circle; lists?: boolean; ordered?: boolean } = {}): ReportContactRow[] {
  const { where, params } = contactWhere({ ids: filter.ids, circle: filter.circle, includeEnded: true });
  const rows = db.prepare(`SELECT c.id, c.name, c.circle, c.cadence_days, c.stage, c.met_on, c.status, c.ended_on, c.added_on,
        s.first_on, s.last_reached, s.last_in_person, s.last_business, s.first_others, s.reached_days
      FROM contacts c LEFT JOIN contact_summary s ON s.contact_id = c.id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}${filter.ordered === false ? '' : ' ORDER BY c.name, c.id'}`)
    .raw().all(...params) as Array<[number, string, Circle, number | null, Stage, Day | null, ContactStatus, Day | null, Day,
      Day | null, Day | null, Day | null, Day | null, Day | null, string]>;
  if (rows.length === 0) return [];
  const byId = new Map<number, ReportContactRow>();
  const out: ReportContactRow[] = [];
  // Indexed loops and no destructuring, here and below: this runs once per contact as cold code,
  // where destructuring a row walks the iterator protocol, an object per element (the mid
  // journal's suggest made ~4 MB of them, a fifth of all it allocated).
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const id = r[0];
    const metOn = r[5];
    const addedOn = r[8];
    const firstOn = r[9];
    const row: ReportContactRow = {
      contact: {
        id, name: r[1], circle: r[2], cadenceDays: r[3], stage: r[4], metOn, status: r[6], endedOn: r[7], addedOn, stageHistory: [],
        needs: filter.lists ? [] : NO_ITEMS, offers: filter.lists ? [] : NO_ITEMS, interests: filter.lists ? [] : NO_ITEMS,
      },
      ownDay: metOn ?? firstOn ?? addedOn,
      summary: firstOn === null ? null : {
        firstOn, lastReached: r[10], lastInPerson: r[11], lastBusiness: r[12], firstOthers: r[13], reachedDays: r[14],
      },
    };
    byId.set(id, row);
    out.push(row);
  }
  const only = rows.length === 1 ? rows[0]![0] : undefined;
  if (filter.lists) {
    // '+kind' keeps SQLite on the primary key (already in contact order) rather than the kind index and a sort.
    const items = db.prepare(`SELECT contact_id, kind, value FROM contact_items
        WHERE +kind IN ('need', 'offer', 'interest') ${only === undefined ? '' : 'AND contact_id = ?'} ORDER BY contact_id, kind, position`)
      .raw().all(...(only === undefined ? [] : [only])) as Array<[number, 'need' | 'offer' | 'interest', string]>;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const c = byId.get(item[0])?.contact;
      if (c) (item[1] === 'need' ? c.needs : item[1] === 'offer' ? c.offers : c.interests).push(item[2]);
    }
  }
  addStageHistories(db, byId, only);
  return out;
}

function byDay(a: StageChange, b: StageChange): number {
  return a.on - b.on;
}

export function getContact(db: Db, id: number): Contact {
  const [c] = loadContacts(db, { ids: [id], includeEnded: true });
  // The id came from an index a moment ago, in the same read: only a damaged table loses the row.
  if (!c) throw new UserError(`the journal is damaged (contact #${id} is indexed but its row cannot be read); run rel check, or restore a backup`);
  return c;
}

export interface ContactSummary {
  id: number; name: string; org: string | null; role: string | null; circle: Circle; stage: Stage;
  status: 'active' | 'ended'; endedOn: Day | null; tags: string[]; aliases: string[]; cadenceDays: number | null;
  lastOn: Day | null; interactions: number;
}

/** The rows of `rel list`: one query for the contacts with their last interaction, one for tags and aliases. */
export function listContactSummaries(db: Db, filter: ContactFilter): ContactSummary[] {
  const { where, params } = contactWhere(filter);
  // The latest day and the count come from the contact's summary (migration 006), not from a
  // pass over every participant row.
  const rows = db.prepare(`SELECT c.id, c.name, c.org, c.role, c.circle, c.stage, c.status, c.ended_on, c.cadence_days,
        s.last_on, coalesce(s.touches, 0) AS n
      FROM contacts c LEFT JOIN contact_summary s ON s.contact_id = c.id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.name, c.id`).all(...params) as Array<{
    id: number; name: string; org: string | null; role: string | null; circle: Circle; stage: Stage;
    status: 'active' | 'ended'; ended_on: number | null; cadence_days: number | null; last_on: number | null; n: number;
  }>;
  const items = db.prepare("SELECT contact_id, kind, value FROM contact_items WHERE kind IN ('tag','alias') ORDER BY contact_id, kind, position")
    .all() as Array<{ contact_id: number; kind: 'tag' | 'alias'; value: string }>;
  const lists = new Map<number, { tags: string[]; aliases: string[] }>();
  for (const it of items) {
    let l = lists.get(it.contact_id);
    if (!l) lists.set(it.contact_id, (l = { tags: [], aliases: [] }));
    (it.kind === 'tag' ? l.tags : l.aliases).push(it.value);
  }
  return rows.map((r) => ({
    id: r.id, name: r.name, org: r.org, role: r.role, circle: r.circle, stage: r.stage, status: r.status, endedOn: r.ended_on,
    cadenceDays: r.cadence_days, tags: lists.get(r.id)?.tags ?? [], aliases: lists.get(r.id)?.aliases ?? [],
    lastOn: r.last_on, interactions: r.n,
  }));
}

/** Removes list items equal (folded) to `value`; returns how many went. */
export function removeItems(db: Db, contactId: number, kind: ItemKind, value: string): number {
  return db.prepare('DELETE FROM contact_items WHERE contact_id = ? AND kind = ? AND value_key = ?')
    .run(contactId, kind, foldKey(value)).changes;
}
