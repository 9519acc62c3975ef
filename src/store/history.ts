/**
 * The reports' view of the journal: every contact in the reports with its promises and touch
 * facts, read with a fixed handful of set-based queries (never one per contact).
 */
import type { Db } from './journal.js';
import { loadReportContacts } from './contacts.js';
import { loadTouchFacts } from './facts.js';
import type { TouchSummary } from './summary.js';
import { factWindows } from '../domain/review/facts.js';
import { isEndedAsOf } from '../domain/review/ended.js';
import type { ReviewThresholds } from '../domain/review/thresholds.js';
import type { ContactHistory, ReportContact, Day, PromiseRecord, Touch } from '../domain/types.js';
import type { Channel, Circle, GiveKind, Initiator, PromiseBy, PushAwayKind, Tone } from '../domain/vocab.js';

export interface HistoryFilter {
  circle?: Circle;
  /** Only these contacts' histories are built. */
  contactIds?: number[];
  /**
   * Read each contact's needs, offers and interests (suggest matches them for introductions).
   * Without it they stay empty: no review rule reads them, and on a large journal they are
   * the bulk of what there is to read about contacts.
   */
  lists?: boolean;
  /**
   * In name order (the default; the ICS export lists people in it). The review and suggest put
   * their results in one total order of their own, whatever order the contacts come in (tests
   * hold both to that), and pass false: the large journal's sort of 10,000 names is ~6 ms.
   */
  ordered?: boolean;
}

// Shared, frozen empty lists for the histories that have none (most contacts have no open
// promise, and the reports' histories carry facts instead of touches): two arrays fewer per
// contact for the garbage collector to copy.
const NO_TOUCHES = Object.freeze([]) as unknown as Touch[];
const NO_PROMISES = Object.freeze([]) as unknown as PromiseRecord[];

/**
 * The reports' histories: every contact with its promises and its touch facts as of `asOf`,
 * counted over the windows of `thresholds` (see store/facts.ts). `touches` stay empty: no rule
 * reads them once the facts are there.
 */
export function loadHistories(db: Db, asOf: Day, thresholds: ReviewThresholds, filter: HistoryFilter = {}): ContactHistory[] {
  const summaries = new Map<number, TouchSummary | null>();
  const byId = historiesAsOf(db, asOf, filter, summaries);
  if (byId.size === 0) return [];
  const facts = loadTouchFacts(db, asOf, factWindows(thresholds), summaries);
  byId.forEach((h, id) => { h.facts = facts.get(id)!; });
  loadPromises(db, asOf, byId);
  return [...byId.values()];
}

/**
 * The same histories with every touch and no precomputed facts: the rules then work the facts
 * out from the touches (domain/review/facts.ts, `touchFacts`). Reads every interaction into
 * memory, so the commands never use it; the tests do, to check the store's facts against the
 * domain's definition.
 */
export function loadHistoriesWithTouches(db: Db, asOf: Day, filter: HistoryFilter = {}): ContactHistory[] {
  const byId = historiesAsOf(db, asOf, filter, undefined, true);
  if (byId.size === 0) return [];
  const gave = new Map<number, GiveKind[]>();
  const got = new Map<number, GiveKind[]>();
  for (const [id, direction, kind] of db.prepare(`SELECT e.interaction_id, e.direction, e.kind FROM exchanges e
      JOIN interactions i ON i.id = e.interaction_id WHERE i.on_day <= ? ORDER BY e.interaction_id, e.direction, e.position`)
    .raw().iterate(asOf) as Iterable<[number, 'gave' | 'got', GiveKind]>) {
    const map = direction === 'gave' ? gave : got;
    const list = map.get(id);
    if (list) list.push(kind);
    else map.set(id, [kind]);
  }
  const none: GiveKind[] = [];
  const rows = db.prepare(`SELECT ic.contact_id, i.id, i.on_day, i.channel, i.initiated_by, i.outside_work, i.tone,
        i.push_kind, i.no_reply, (SELECT count(*) FROM interaction_contacts g WHERE g.interaction_id = i.id)
      FROM interactions i JOIN interaction_contacts ic ON ic.interaction_id = i.id
      WHERE i.on_day <= ? ORDER BY i.on_day, i.id`).raw().iterate(asOf) as Iterable<
    [number, number, Day, Channel, Initiator, number, Tone, PushAwayKind | null, number, number]>;
  for (const [contactId, id, on, channel, by, outside, tone, push, noReply, groupSize] of rows) {
    const h = byId.get(contactId);
    if (!h) continue;
    const touch: Touch = {
      interactionId: id, on, channel, by, outsideWork: outside === 1, tone, pushAway: push, noReply: noReply === 1,
      gave: gave.get(id) ?? none, got: got.get(id) ?? none, groupSize,
    };
    h.touches.push(touch);
  }
  loadPromises(db, asOf, byId);
  return [...byId.values()];
}

/**
 * The contacts in the reports on `asOf`, as they stood then, with empty touches and promises.
 * Each one's touch summary (null with no touches) goes to `summaries` when given.
 */
function historiesAsOf(db: Db, asOf: Day, filter: HistoryFilter, summaries?: Map<number, TouchSummary | null>, withTouches = false): Map<number, ContactHistory> {
  const contacts = loadReportContacts(db, { circle: filter.circle, ids: filter.contactIds, lists: filter.lists === true, ordered: filter.ordered !== false });
  const byId = new Map<number, ContactHistory>();
  // Indexed: a for-of in cold code makes an object per element (store/contacts.ts, loadReportContacts).
  for (let i = 0; i < contacts.length; i++) {
    const { contact, ownDay, summary } = contacts[i]!;
    const asThen = contactAsOf(contact, ownDay, asOf);
    if (!asThen) continue;
    byId.set(contact.id, { contact: asThen, touches: withTouches ? [] : NO_TOUCHES, promises: NO_PROMISES });
    summaries?.set(contact.id, summary);
  }
  return byId;
}

/**
 * The promises still open on `asOf`: made by then and not kept by then (kept after the as-of day
 * means still open back then). Kept ones decide nothing in any report, and on a journal of a
 * working lifetime they are most of the table.
 */
function loadPromises(db: Db, asOf: Day, byId: Map<number, ContactHistory>): void {
  const rows = db.prepare(`SELECT id, contact_id, made_by, text, made_on, due
      FROM promises WHERE made_on <= :asOf AND (done_on IS NULL OR done_on > :asOf) ORDER BY made_on, id`).raw().all({ asOf }) as Array<
    [number, number, PromiseBy, string, Day, Day | null]>;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const h = byId.get(r[1]);
    if (!h) continue;
    const p: PromiseRecord = { id: r[0], contactId: r[1], by: r[2], text: r[3], madeOn: r[4], due: r[5], doneOn: null };
    if (h.promises === NO_PROMISES) h.promises = [p];
    else h.promises.push(p);
  }
}

/**
 * The contact as it stood on `asOf`, or null when it is out of the reports then: not yet known
 * (its own date is later) or already ended, by the domain's one rule (`isEndedAsOf`: the end
 * day decides when there is one). Ended later means still active back then, and stage changes
 * dated after `asOf` have not happened yet.
 */
function contactAsOf(contact: ReportContact, ownDay: Day, asOf: Day): ReportContact | null {
  if (ownDay > asOf) return null;
  if (isEndedAsOf(contact, asOf)) return null;
  // The stage history is in day order (store/contacts.ts), so the changes made by then are a
  // prefix of it: counted, and copied only when some are still to come.
  const all = contact.stageHistory;
  let made = 0;
  while (made < all.length && all[made]!.on <= asOf) made++;
  if (contact.status === 'active' && made === all.length) return contact;
  const history = all.slice(0, made);
  const stage = made > 0 ? history[made - 1]!.stage : all.length > 0 ? 0 : contact.stage;
  return { ...contact, status: 'active', endedOn: null, stageHistory: history, stage };
}
