/**
 * The journal's data as the domain sees it. Plain data only: the store maps rows to these
 * shapes, the domain computes on them, the UI renders them.
 */
import type { TouchFacts } from './review/facts.js';
import type {
  Channel, Circle, GiveKind, Initiator, PromiseBy, PushAwayKind, Severity, Signal, Stage,
  SuggestionKind, Tone,
} from './vocab.js';

/**
 * A calendar date as a whole number of days since 1970-01-01. Dates in rel are plain calendar
 * days (no clock, no time zone), so integers compare, subtract and index cheaply and can never
 * drift by a day under another `TZ`. See dates.ts for conversions.
 */
export type Day = number;

export interface GiveGet { kind: GiveKind; note: string }
export interface PushAway { kind: PushAwayKind; note: string }
export interface StageChange { stage: Stage; on: Day; note: string }

export type ContactStatus = 'active' | 'ended';

export interface Contact {
  id: number;
  name: string;
  aliases: string[];
  org: string | null;
  role: string | null;
  circle: Circle;
  /** Explicit expected rhythm in days; null = learn it from history or use the circle default. */
  cadenceDays: number | null;
  stage: Stage;
  emails: string[];
  tags: string[];
  /** Their goals, needs and pressing problems. */
  needs: string[];
  /** What they are good at or can offer others. */
  offers: string[];
  interests: string[];
  metOn: Day | null;
  howMet: string | null;
  notes: string;
  status: ContactStatus;
  endedOn: Day | null;
  endNote: string | null;
  /** The day the contact was added to the journal (last fallback for its own date). */
  addedOn: Day;
  /** Ascending by day. */
  stageHistory: StageChange[];
}

export interface Interaction {
  id: number;
  on: Day;
  /** Contact ids in the order they were named. */
  contactIds: number[];
  channel: Channel;
  by: Initiator;
  outsideWork: boolean;
  gave: GiveGet[];
  got: GiveGet[];
  tone: Tone;
  pushAway: PushAway | null;
  /** I reached out and got no answer. */
  noReply: boolean;
  note: string;
}

export interface PromiseRecord {
  id: number;
  contactId: number;
  by: PromiseBy;
  text: string;
  madeOn: Day;
  due: Day | null;
  doneOn: Day | null;
}

/**
 * One interaction as one contact's reports see it: everything the review and suggest rules
 * need and nothing they don't (no note text, which may be a megabyte).
 */
export interface Touch {
  interactionId: number;
  on: Day;
  channel: Channel;
  by: Initiator;
  outsideWork: boolean;
  tone: Tone;
  pushAway: PushAwayKind | null;
  noReply: boolean;
  gave: GiveKind[];
  got: GiveKind[];
  /** How many contacts took part (1 = one-on-one). */
  groupSize: number;
}

/**
 * What the reports read of a contact: no addresses, tags, aliases or notes, which no rule
 * looks at (and which cost a third of the time of reading contacts for a review). Needs,
 * offers and interests are read for suggest only; the review's histories have them empty.
 */
export type ReportContact = Pick<Contact,
  'id' | 'name' | 'circle' | 'cadenceDays' | 'stage' | 'metOn' | 'addedOn' | 'status' | 'endedOn' | 'stageHistory'
  | 'needs' | 'offers' | 'interests'>;

/** Everything the reports know about one contact, as of a given day. */
export interface ContactHistory {
  contact: ReportContact;
  /**
   * Ascending by (day, interaction id). Empty when `facts` is given: the reports read the
   * figures they need instead of every touch (see domain/review/facts.ts).
   */
  touches: Touch[];
  /**
   * Promises with this contact made on or before the as-of day. The store hands over only those
   * still open on that day (a kept one decides nothing); the rules skip kept ones themselves too,
   * so a history built by hand may hold any.
   */
  promises: PromiseRecord[];
  /** The touch facts as of the report's day, when the store worked them out. */
  facts?: TouchFacts;
}

/** One finding of `rel review`. `evidence` holds the figures behind it. */
export interface Flag {
  contactId: number;
  contact: string;
  signal: Signal;
  severity: Severity;
  summary: string;
  evidence: Record<string, unknown>;
  /** Only for one-sided-giving. */
  direction?: 'giving' | 'taking';
}

/** One next step of `rel suggest`. */
export interface Suggestion {
  contactId: number;
  contact: string;
  kind: SuggestionKind;
  /** The other person, for `introduce` only. */
  with?: string;
  action: string;
  why: string;
  score: number;
  /** A ready-to-run `rel log ...` line that records the step once done. */
  logCommand?: string;
}
