/**
 * The reports' view of the journal: every active contact with its touches and promises, read
 * with a fixed handful of set-based queries (never one per contact), in day order so no sort
 * is needed afterwards.
 */
import type { Db } from './journal.js';
import { loadContactsWithOwnDay } from './contacts.js';
import type { Contact, ContactHistory, Day, PromiseRecord, Touch } from '../domain/types.js';
import type { Channel, Circle, GiveKind, Initiator, PromiseBy, PushAwayKind, Tone } from '../domain/vocab.js';

export interface HistoryFilter {
  circle?: Circle;
  /** Only these contacts' histories are built (the others are still read for nothing else). */
  contactIds?: number[];
}

export function loadHistories(db: Db, asOf: Day, filter: HistoryFilter = {}): ContactHistory[] {
  const contacts = loadContactsWithOwnDay(db, { circle: filter.circle, ids: filter.contactIds, includeEnded: true });
  const byId = new Map<number, ContactHistory>();
  for (const { contact, ownDay } of contacts) {
    const asThen = contactAsOf(contact, ownDay, asOf);
    if (asThen) byId.set(contact.id, { contact: asThen, touches: [], promises: [] });
  }
  if (byId.size === 0) return [];

  const groupSizes = new Map<number, number>();
  for (const g of db.prepare(`SELECT interaction_id AS id, count(*) AS n FROM interaction_contacts
      GROUP BY interaction_id HAVING count(*) > 1`).raw().iterate() as Iterable<[number, number]>) {
    groupSizes.set(g[0], g[1]);
  }
  const gave = new Map<number, GiveKind[]>();
  const got = new Map<number, GiveKind[]>();
  for (const [id, direction, kind] of db.prepare(`SELECT e.interaction_id, e.direction, e.kind FROM exchanges e
      JOIN interactions i ON i.id = e.interaction_id WHERE i.on_day <= ?`).raw().iterate(asOf) as Iterable<[number, 'gave' | 'got', GiveKind]>) {
    const map = direction === 'gave' ? gave : got;
    const list = map.get(id);
    if (list) list.push(kind);
    else map.set(id, [kind]);
  }
  const none: GiveKind[] = [];
  const rows = db.prepare(`SELECT ic.contact_id, i.id, i.on_day, i.channel, i.initiated_by, i.outside_work, i.tone,
        i.push_kind, i.no_reply
      FROM interactions i JOIN interaction_contacts ic ON ic.interaction_id = i.id
      WHERE i.on_day <= ? ORDER BY i.on_day, i.id`).raw().iterate(asOf) as Iterable<
    [number, number, Day, Channel, Initiator, number, Tone, PushAwayKind | null, number]>;
  for (const [contactId, id, on, channel, by, outside, tone, push, noReply] of rows) {
    const h = byId.get(contactId);
    if (!h) continue;
    const touch: Touch = {
      interactionId: id, on, channel, by, outsideWork: outside === 1, tone, pushAway: push, noReply: noReply === 1,
      gave: gave.get(id) ?? none, got: got.get(id) ?? none, groupSize: groupSizes.get(id) ?? 1,
    };
    h.touches.push(touch);
  }
  for (const [id, contactId, by, text, madeOn, due, doneOn] of db.prepare(`SELECT id, contact_id, made_by, text, made_on, due,
      done_on FROM promises WHERE made_on <= ? ORDER BY made_on, id`).raw().iterate(asOf) as Iterable<
    [number, number, PromiseBy, string, Day, Day | null, Day | null]>) {
    const h = byId.get(contactId);
    if (!h) continue;
    // Kept after the as-of day means still open back then.
    const p: PromiseRecord = { id, contactId, by, text, madeOn, due, doneOn: doneOn !== null && doneOn <= asOf ? doneOn : null };
    h.promises.push(p);
  }
  return [...byId.values()];
}

/**
 * The contact as it stood on `asOf`, or null when it is out of the reports then: not yet known
 * (its own date is later) or already ended. Ended later means still active back then, and stage
 * changes dated after `asOf` have not happened yet.
 */
function contactAsOf(contact: Contact, ownDay: Day, asOf: Day): Contact | null {
  if (ownDay > asOf) return null;
  if (contact.status === 'ended' && (contact.endedOn === null || contact.endedOn <= asOf)) return null;
  const history = contact.stageHistory.filter((s) => s.on <= asOf);
  const stage = history.length > 0 ? history[history.length - 1]!.stage : contact.stageHistory.length > 0 ? 0 : contact.stage;
  if (contact.status === 'active' && history.length === contact.stageHistory.length) return contact;
  return { ...contact, status: 'active', endedOn: null, endNote: null, stageHistory: history, stage };
}
