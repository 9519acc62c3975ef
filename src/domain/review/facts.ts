/**
 * Touch facts: the few figures about one contact's interactions that every review and suggest
 * rule is written against (the last day in touch, how many distinct days in a window, who
 * started the recent conversations, ...), as of one day.
 *
 * Why figures and not the touches themselves: a journal of a working lifetime holds hundreds of
 * thousands of interactions, and handing each one to JavaScript costs about a microsecond
 * (better-sqlite3 builds a row object per row), which put a weekly review on a mid-sized journal
 * at most of a second. Every rule looks only at a window of recent days or at an extreme (the
 * first touch, the latest in-person meeting), so the store can work these figures out inside
 * SQLite, where the rows never leave C, and hand over one record per contact.
 *
 * `touchFacts` below is the definition: it computes the same figures from a list of touches,
 * plainly. The rules' tests feed it touches; the store's SQL (src/store/facts.ts) must agree
 * with it, and test/store/facts.test.ts checks that they do on generated journals, at several
 * as-of days and thresholds.
 */
import type { ContactHistory, Day, Touch } from '../types.js';
import { PUSH_AWAY_KINDS, type PushAwayKind } from '../vocab.js';
import type { ReviewThresholds } from './thresholds.js';

/** Days in the warmth window of `relationshipStrength` (suggest): how the last year felt. */
export const WARMTH_WINDOW_DAYS = 365;

/** Business given or received before, none in this many days: the business need has ended (suggest). */
export const BUSINESS_QUIET_DAYS = 180;

/**
 * The windows the facts are counted over, from the thresholds. Each window is "the last N days":
 * touches dated after `asOf - N`, up to `asOf`.
 */
export interface FactWindows {
  /** fading: the recent window, and the baseline before it (recent + baseline days back). */
  fadingRecent: number;
  fadingLookBack: number;
  giving: number;
  initiation: number;
  pushAway: number;
  noFaceToFace: number;
  stageStalled: number;
  warmth: number;
  /** How many of the latest distinct days in touch the rhythm needs (one more than its gaps). */
  rhythmDays: number;
}

const windowsOf = new WeakMap<ReviewThresholds, FactWindows>();

/** The windows of `t`; the same object for the same thresholds, so facts can be checked by identity. */
export function factWindows(t: ReviewThresholds): FactWindows {
  let w = windowsOf.get(t);
  if (!w) windowsOf.set(t, (w = windowsFrom(t)));
  return w;
}

function windowsFrom(t: ReviewThresholds): FactWindows {
  return {
    fadingRecent: t.fading.recentWindowDays,
    fadingLookBack: t.fading.recentWindowDays + t.fading.baselineDays,
    giving: t.oneSidedGiving.windowDays,
    initiation: t.oneSidedInitiation.windowDays,
    pushAway: t.pushAway.windowDays,
    noFaceToFace: t.noFaceToFace.lowDays,
    stageStalled: t.stageStalled.lowDays,
    warmth: WARMTH_WINDOW_DAYS,
    rhythmDays: t.rhythm.sampleGaps + 1,
  };
}

export interface TouchFacts {
  asOf: Day;
  windows: FactWindows;
  /** Earliest touch of any kind (the contact's own date falls back to it). */
  firstOn: Day | null;
  /**
   * Earliest touch that reached them, when the contact's whole history lies inside the look-back
   * window (`firstOn` within it); null otherwise, since only fading asks, and only then.
   */
  firstReached: Day | null;
  /** Latest touch that reached them (not logged as unanswered). */
  lastReached: Day | null;
  /** Latest in-person meeting or event that reached them. */
  lastInPerson: Day | null;
  /** Latest touch with something given or received of kind `business`. */
  lastBusiness: Day | null;
  /** A touch started by them or mutual exists (the journal records initiative at all). */
  othersStarted: boolean;
  /** The latest distinct days in touch, newest first, at most `windows.rhythmDays`. */
  reachedDays: Day[];
  /** Distinct days in touch in fading's recent window, and in its baseline before it. */
  fadingRecentDays: number;
  fadingBaselineDays: number;
  /** The latest day counted into those two (working state of `countTouch`). */
  fadingLastDay: Day | null;
  /** Items given and received in the giving window (every touch, answered or not). */
  gave: number;
  got: number;
  /** One-on-one conversations that reached them in the initiation window, by who started them. */
  byMe: number;
  byThem: number;
  mutual: number;
  /** Touches that reached them in the no-face-to-face window. */
  faceWindowReached: number;
  /** In the stage-stalled window, touches that reached them: all, counted with group meetings as
   * half (in halves, to stay an integer), outside work, and outside work one-on-one. */
  stageReached: number;
  stageHalves: number;
  stageOutsideWork: number;
  stageOutsideOneOnOne: number;
  /** In the warmth window, touches that reached them: all, warm, cool, with a push-away. */
  warmthReached: number;
  warmthWarm: number;
  warmthCool: number;
  warmthPushAways: number;
  /** Push-aways in the push-away window, oldest first. */
  pushAways: Array<{ on: Day; kind: PushAwayKind }>;
  /** Good touches (reached, not cool, no push-away) after the latest push-away in that window. */
  goodSincePushAway: number;
  /** The trailing run of one-on-one unanswered outreach after the latest touch that reached them. */
  unansweredRun: number;
  unansweredFirst: Day | null;
  unansweredLast: Day | null;
}

/** The longest window: every windowed fact is counted from touches dated after `asOf` minus this. */
export function lookBackDays(w: FactWindows): number {
  return Math.max(w.fadingLookBack, w.giving, w.initiation, w.pushAway, w.noFaceToFace, w.stageStalled, w.warmth);
}

/**
 * A touch as the facts count it: its day and these bits. The store keeps the same bits on every
 * participant row (`interaction_contacts.touch_bits`, documented in migrations/004_touch_facts.sql)
 * and hands the look-back window over as (day, bits) pairs, so counting a touch is a few bit
 * tests, with no object built per touch.
 */
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

/** The kinds in the order of their numbers in the bits (1 = snide ... 6 = cut-off). */
export const PUSH_KIND_CODES: readonly PushAwayKind[] = ['snide', 'late', 'distancing', 'cancelled', 'hostile', 'cut-off'];

// The code numbers must cover the vocabulary exactly.
if (PUSH_KIND_CODES.length !== PUSH_AWAY_KINDS.length || PUSH_AWAY_KINDS.some((k) => !PUSH_KIND_CODES.includes(k))) {
  throw new Error('PUSH_KIND_CODES is out of step with the push-away vocabulary');
}

/** The bits of one touch. */
export function factBits(t: FactTouch): number {
  const b = TOUCH_BITS;
  return (t.noReply ? b.noReply : 0)
    | (t.oneOnOne ? b.oneOnOne : 0)
    | (t.by === 'them' ? b.byThem : t.by === 'mutual' ? b.mutual : 0)
    | (t.outsideWork ? b.outsideWork : 0)
    | (t.tone === 'warm' ? b.warm : t.tone === 'cool' ? b.cool : 0)
    | (t.pushAway ? (PUSH_KIND_CODES.indexOf(t.pushAway) + 1) * b.pushUnit : 0)
    | (t.inPerson ? b.inPerson : 0)
    | (t.business ? b.business : 0);
}

/** One touch as the facts see it (`factBits` packs it). */
export interface FactTouch {
  noReply: boolean;
  /** This contact was the only participant. */
  oneOnOne: boolean;
  by: Touch['by'];
  outsideWork: boolean;
  tone: Touch['tone'];
  pushAway: PushAwayKind | null;
  /** In the same room: channel in-person or event. */
  inPerson: boolean;
  /** Something of kind business was given or received. */
  business: boolean;
}

/**
 * The definition of every fact, from touches in day order (ties by interaction id). Touches
 * dated after `asOf` are ignored. The store reads the same facts by feeding the touches of the
 * look-back window to `countTouch`, as this does with every touch, and reads with SQL what
 * lies before the window (the first touch, extremes the window does not hold, the rhythm's
 * older days, an unanswered run older than the window).
 */
export function touchFacts(touches: readonly Touch[], asOf: Day, windows: FactWindows): TouchFacts {
  const f = emptyFacts(asOf, windows);
  const windowStart = asOf - lookBackDays(windows); // the look-back window: on > windowStart
  const reachedDistinct: Day[] = [];
  for (const t of touches) {
    if (t.on > asOf) break;
    f.firstOn ??= t.on;
    if (t.on > asOf - windows.giving) { f.gave += t.gave.length; f.got += t.got.length; }
    countTouch(f, t.on, factBits({
      noReply: t.noReply, oneOnOne: t.groupSize === 1, by: t.by, outsideWork: t.outsideWork, tone: t.tone,
      pushAway: t.pushAway, inPerson: t.channel === 'in-person' || t.channel === 'event',
      business: t.gave.includes('business') || t.got.includes('business'),
    }), reachedDistinct, t.on > windowStart);
  }
  f.reachedDays = reachedDistinct.slice(-windows.rhythmDays).reverse();
  settleFirstReached(f);
  return f;
}

/**
 * Adds one touch, dated `on` with `factBits` `bits`, to the facts of `f`. Touches must come in
 * day order (ties by interaction id), each dated on or before `f.asOf`: the latest of each kind,
 * distinct days, runs and "since the latest push-away" depend on it. `reachedDays` collects the
 * distinct days in touch, oldest first; `inWindow` says whether the touch is in the look-back
 * window, where the windowed counts are made. Not counted here: the first touch and the items
 * given and received (the store reads both in SQL).
 */
export function countTouch(f: TouchFacts, on: Day, bits: number, reachedDays: Day[], inWindow: boolean): void {
  const { asOf, windows } = f;
  const b = TOUCH_BITS;
  const reached = (bits & b.noReply) === 0;
  const oneOnOne = (bits & b.oneOnOne) !== 0;
  if ((bits & (b.byThem | b.mutual)) !== 0) f.othersStarted = true;
  if ((bits & b.business) !== 0) f.lastBusiness = on;
  if (reached) {
    f.lastReached = on;
    f.firstReached ??= on;
    if ((bits & b.inPerson) !== 0) f.lastInPerson = on;
    if (reachedDays[reachedDays.length - 1] !== on) reachedDays.push(on);
    f.unansweredRun = 0;
    f.unansweredFirst = null;
    f.unansweredLast = null;
  } else if (oneOnOne) {
    f.unansweredRun++;
    f.unansweredFirst ??= on;
    f.unansweredLast = on;
  }
  if (!inWindow) return;
  if (on > asOf - windows.pushAway) {
    const push = bits & b.pushMask;
    if (push !== 0) {
      const entry = { on, kind: PUSH_KIND_CODES[push / b.pushUnit - 1]! };
      if (f.pushAways === NO_PUSH_AWAYS) f.pushAways = [entry];
      else f.pushAways.push(entry);
      f.goodSincePushAway = 0;
    } else if (reached && (bits & b.cool) === 0 && f.pushAways.length > 0) {
      f.goodSincePushAway++;
    }
  }
  if (!reached) return;
  if (on > asOf - windows.fadingLookBack && f.fadingLastDay !== on) {
    f.fadingLastDay = on;
    if (on > asOf - windows.fadingRecent) f.fadingRecentDays++;
    else f.fadingBaselineDays++;
  }
  if (oneOnOne && on > asOf - windows.initiation) {
    if ((bits & b.byThem) !== 0) f.byThem++;
    else if ((bits & b.mutual) !== 0) f.mutual++;
    else f.byMe++;
  }
  if (on > asOf - windows.noFaceToFace) f.faceWindowReached++;
  if (on > asOf - windows.stageStalled) {
    f.stageReached++;
    f.stageHalves += oneOnOne ? 2 : 1;
    if ((bits & b.outsideWork) !== 0) {
      f.stageOutsideWork++;
      if (oneOnOne) f.stageOutsideOneOnOne++;
    }
  }
  if (on > asOf - windows.warmth) {
    f.warmthReached++;
    if ((bits & b.warm) !== 0) f.warmthWarm++;
    if ((bits & b.cool) !== 0) f.warmthCool++;
    if ((bits & b.pushMask) !== 0) f.warmthPushAways++;
  }
}

/** `firstReached` is a fact only when the whole history lies in the look-back window (see its doc). */
export function settleFirstReached(f: TouchFacts): void {
  if (f.firstOn === null || f.firstOn <= f.asOf - lookBackDays(f.windows)) f.firstReached = null;
}

// Frozen and shared until a contact has any: a review makes facts for every contact.
const NO_DAYS = Object.freeze([]) as unknown as Day[];
const NO_PUSH_AWAYS = Object.freeze([]) as unknown as TouchFacts['pushAways'];

export function emptyFacts(asOf: Day, windows: FactWindows): TouchFacts {
  return {
    asOf, windows, firstOn: null, firstReached: null, lastReached: null, lastInPerson: null, lastBusiness: null,
    othersStarted: false, reachedDays: NO_DAYS, fadingRecentDays: 0, fadingBaselineDays: 0, fadingLastDay: null, gave: 0, got: 0, byMe: 0,
    byThem: 0, mutual: 0, faceWindowReached: 0, stageReached: 0, stageHalves: 0, stageOutsideWork: 0,
    stageOutsideOneOnOne: 0, warmthReached: 0, warmthWarm: 0, warmthCool: 0, warmthPushAways: 0, pushAways: NO_PUSH_AWAYS,
    goodSincePushAway: 0, unansweredRun: 0, unansweredFirst: null, unansweredLast: null,
  };
}

const cache = new WeakMap<ContactHistory, TouchFacts>();

/**
 * The facts of one history as of `asOf`: the ones the store read with it when present, else
 * worked out from its touches (once per history and day). Facts read for another day or other
 * thresholds would answer the wrong question, so that is a programming error.
 */
export function factsOf(history: ContactHistory, asOf: Day, t: ReviewThresholds): TouchFacts {
  const windows = factWindows(t);
  const given = history.facts;
  if (given) {
    if (given.asOf !== asOf || !sameWindows(given.windows, windows)) {
      throw new Error(`facts for ${history.contact.name} were read for another day or other thresholds`);
    }
    return given;
  }
  const cached = cache.get(history);
  if (cached && cached.asOf === asOf && sameWindows(cached.windows, windows)) return cached;
  const facts = touchFacts(history.touches, asOf, windows);
  cache.set(history, facts);
  return facts;
}

function sameWindows(a: FactWindows, b: FactWindows): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as Array<keyof FactWindows>) if (a[key] !== b[key]) return false;
  return true;
}
