/**
 * Reading the whole journal out in interchange order and writing a validated batch in. The
 * shapes come from domain/interchange.ts; this file only knows SQL.
 */
import { prepared, type Db } from './journal.js';
import { insertContact } from './contacts.js';
import { bulkInteractionWriter } from './interactions.js';
import { SummaryAccumulator, suspendSummary } from './summary.js';
import { promiseWriter } from './promises.js';
import type { ContactLine, InteractionLine, PromiseLine } from '../domain/interchange.js';
import type { Day, GiveGet } from '../domain/types.js';
import type { Channel, Circle, GiveKind, Initiator, PromiseBy, PushAwayKind, Stage, Tone } from '../domain/vocab.js';

type Row<T> = Omit<T, 'type'>;

/**
 * Streams every record in export order: contacts by name, interactions by (day, insertion
 * order), promises by (made-on, insertion order). Lists keep their stored order.
 */
export function* exportRecords(db: Db): Generator<
  { type: 'contact'; row: Row<ContactLine> } | { type: 'interaction'; row: Row<InteractionLine> } | { type: 'promise'; row: Row<PromiseLine> }
> {
  const names = new Map<number, string>();
  const lists = new Map<number, Record<string, string[]>>();
  for (const [id, kind, value] of db.prepare('SELECT contact_id, kind, value FROM contact_items ORDER BY contact_id, kind, position').raw().iterate() as Iterable<[number, string, string]>) {
    let l = lists.get(id);
    if (!l) lists.set(id, (l = {}));
    (l[kind] ??= []).push(value);
  }
  const stages = new Map<number, Array<{ stage: Stage; on: Day | null; note: string }>>();
  for (const [id, stage, on, note] of db.prepare('SELECT contact_id, stage, on_day, note FROM stage_changes ORDER BY contact_id, id').raw().iterate() as Iterable<[number, Stage, Day | null, string]>) {
    let l = stages.get(id);
    if (!l) stages.set(id, (l = []));
    l.push({ stage, on, note });
  }
  const contactRows = db.prepare(`SELECT c.id, c.name, c.org, c.role, c.circle, c.cadence_days, c.stage, c.met_on, c.how_met,
      c.notes, c.status, c.ended_on, c.end_note,
      coalesce(c.met_on, (SELECT min(ic.on_day) FROM interaction_contacts ic WHERE ic.contact_id = c.id), c.added_on) AS own_day
      FROM contacts c ORDER BY c.name, c.id`).raw().all() as Array<[number, string, string | null, string | null, Circle,
    number | null, Stage, Day | null, string | null, string, 'active' | 'ended', Day | null, string | null, Day]>;
  for (const [id, name, org, role, circle, cadenceDays, stage, metOn, howMet, notes, status, endedOn, endNote, ownDay] of contactRows) {
    names.set(id, name);
    const l = lists.get(id) ?? {};
    yield {
      type: 'contact',
      row: {
        name, aliases: l.alias ?? [], org, role, circle, cadenceDays, stage, emails: l.email ?? [], tags: l.tag ?? [],
        needs: l.need ?? [], offers: l.offer ?? [], interests: l.interest ?? [], metOn, howMet, notes, status, endedOn, endNote,
        stageHistory: (stages.get(id) ?? []).map((s) => ({ stage: s.stage, on: s.on ?? ownDay, note: s.note })),
      },
    };
  }
  lists.clear();
  stages.clear();

  const members = new Map<number, string[]>();
  for (const [iid, cid] of db.prepare('SELECT interaction_id, contact_id FROM interaction_contacts ORDER BY interaction_id, position').raw().iterate() as Iterable<[number, number]>) {
    const l = members.get(iid);
    if (l) l.push(names.get(cid)!);
    else members.set(iid, [names.get(cid)!]);
  }
  const exchanges = new Map<number, { gave: GiveGet[]; got: GiveGet[] }>();
  for (const [iid, direction, kind, note] of db.prepare('SELECT interaction_id, direction, kind, note FROM exchanges ORDER BY interaction_id, direction, position').raw().iterate() as Iterable<[number, 'gave' | 'got', GiveKind, string]>) {
    let e = exchanges.get(iid);
    if (!e) exchanges.set(iid, (e = { gave: [], got: [] }));
    e[direction].push({ kind, note });
  }
  const none: GiveGet[] = [];
  for (const [id, on, channel, by, outside, tone, pushKind, pushNote, noReply, note] of db.prepare(`SELECT id, on_day, channel,
      initiated_by, outside_work, tone, push_kind, push_note, no_reply, note FROM interactions ORDER BY on_day, id`).raw().iterate() as Iterable<
    [number, Day, Channel, Initiator, number, Tone, PushAwayKind | null, string | null, number, string]>) {
    const e = exchanges.get(id);
    yield {
      type: 'interaction',
      row: {
        on, contacts: members.get(id) ?? [], channel, by, outsideWork: outside === 1, gave: e?.gave ?? none, got: e?.got ?? none,
        tone, pushAway: pushKind ? { kind: pushKind, note: pushNote ?? '' } : null, noReply: noReply === 1, note,
      },
    };
  }
  for (const [cid, by, text, madeOn, due, doneOn] of db.prepare(`SELECT contact_id, made_by, text, made_on, due, done_on
      FROM promises ORDER BY made_on, id`).raw().iterate() as Iterable<[number, PromiseBy, string, Day, Day | null, Day | null]>) {
    yield { type: 'promise', row: { contact: names.get(cid)!, by, text, madeOn, due, doneOn } };
  }
}

/** Contact ids by folded name, to resolve the names an import refers to. */
export function contactIdsByKey(db: Db): Map<string, number> {
  const rows = prepared(db, 'SELECT name_key, id FROM contacts').raw().all() as Array<[string, number]>;
  return new Map(rows);
}

/**
 * Writes an import record by record, as the file is read: nothing is held back, so memory stays
 * flat whatever the file's size. The caller runs it inside one IMMEDIATE transaction, which a
 * bad line later in the file rolls back whole.
 */
export interface ImportWriter {
  /** Inserts a contact with its lists and stage history; returns its id. */
  contact(c: Row<ContactLine>): number;
  /** Inserts an interaction with its participants (ids, in the line's order) and items. */
  interaction(i: Row<InteractionLine>, contactIds: number[]): void;
  promise(p: Row<PromiseLine>, contactId: number): void;
  /** Writes anything still held back; the last call, before the transaction commits. */
  finish(): void;
}

export function importWriter(db: Db, today: Day): ImportWriter {
  // Before the writers prepare their statements: dropping a trigger changes the schema.
  const summary = suspendSummary(db);
  const touched = new SummaryAccumulator();
  const interactions = bulkInteractionWriter(db, (contactId, on, bits) => touched.add(contactId, on, bits));
  const promises = promiseWriter(db);
  return {
    contact: (c) => insertContact(db, c, today),
    interaction: (i, contactIds) => {
      interactions.add({
        on: i.on, contactIds, channel: i.channel, by: i.by, outsideWork: i.outsideWork, gave: i.gave, got: i.got,
        tone: i.tone, pushAway: i.pushAway, noReply: i.noReply, note: i.note,
      });
    },
    promise: (p, contactId) => {
      promises.insert({ contactId, by: p.by, text: p.text, madeOn: p.madeOn, due: p.due, doneOn: p.doneOn });
    },
    finish: () => {
      interactions.flush();
      summary.resume(touched);
    },
  };
}
