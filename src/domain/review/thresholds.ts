/**
 * Every number `rel review` judges by, in one place. The defaults aim at one thing: a weekly
 * review that flags real stalls and stays quiet about healthy relationships. A user can change
 * any of them in `review.json` next to the journal (see `mergeThresholds` and
 * docs/review-rules.md); the file holds only the keys to change, grouped as below.
 *
 * Conventions: "days" are calendar days; a window of W days means the last W days up to and
 * including the as-of day; a ratio is a plain fraction (0.25 = a quarter).
 */
import { CIRCLES, type Circle } from '../vocab.js';

export interface ReviewThresholds {
  /** Expected days between contacts when neither a cadence nor a learned rhythm is known. */
  circleRhythmDays: Record<Circle, number>;
  rhythm: {
    /** How many of the latest gaps between interaction days the learned rhythm looks at. */
    sampleGaps: number;
    /** Fewest gaps needed before a rhythm is learned from history at all. */
    minGaps: number;
    /** Shortest learned rhythm. */
    minDays: number;
    /** Longest learned rhythm. */
    maxDays: number;
  };
  longGap: {
    /** Days since last contact / expected rhythm at which a gap is flagged low. */
    lowRatio: number;
    /** ... medium. */
    mediumRatio: number;
    /** ... high. */
    highRatio: number;
    /** A gap must also be at least this many days past due. */
    minDaysOverdue: number;
  };
  fading: {
    /** The "recent" window whose frequency is compared with the usual one. */
    recentWindowDays: number;
    /** How far back before the recent window the usual frequency is measured. */
    baselineDays: number;
    /** Fewest days of history before the recent window. */
    minBaselineDays: number;
    /** Fewest interaction days in that history. */
    minBaselineContacts: number;
    /** Fewest interactions the usual frequency must predict for the recent window. */
    minExpectedRecent: number;
    /** Recent count / expected count at or below which it is flagged low. */
    lowRatio: number;
    /** ... medium. */
    mediumRatio: number;
    /** ... high. */
    highRatio: number;
  };
  oneSidedGiving: {
    windowDays: number;
    /** Fewest gave + got items in the window before balance means anything. */
    minExchanges: number;
    /** The lighter side may be at most this share of the heavier side. */
    maxLighterShare: number;
    /** Items on the heavy side for medium. */
    mediumCount: number;
    /** Items received with nothing given back, for high (giving alone never goes above medium). */
    highCount: number;
  };
  oneSidedInitiation: {
    windowDays: number;
    /** Fewest one-on-one conversations I started in the window. */
    minByMe: number;
    /** Their share (by them or mutual) of all started conversations, at most. */
    maxTheirShare: number;
    /** Conversations I started, for medium. */
    mediumCount: number;
    /** ... for high. */
    highCount: number;
  };
  pushAway: {
    windowDays: number;
    /** A latest push-away older than this counts one point less. */
    recentDays: number;
    /** Good interactions after the latest push-away that resolve it. */
    resolvedAfter: number;
    /** Score (see push-away.ts) below which nothing is flagged. */
    lowScore: number;
    /** Score for medium. */
    mediumScore: number;
    /** Score for high. */
    highScore: number;
  };
  unanswered: {
    /** Unanswered attempts in a row, at the end of the history, for low. */
    minInARow: number;
    /** ... for medium. */
    mediumInARow: number;
    /** ... for high. */
    highInARow: number;
    /** The first unanswered attempt must be at least this old. */
    minWaitDays: number;
  };
  overduePromise: {
    /** Days past due for one of my promises: low, medium, high. */
    mineLowDays: number;
    mineMediumDays: number;
    mineHighDays: number;
    /** Days past due for one of theirs: low, medium (theirs never reach high). */
    theirsLowDays: number;
    theirsMediumDays: number;
  };
  noFaceToFace: {
    /** Stage from which a relationship counts as close (close circles always do). */
    closeStage: number;
    /** Days without an in-person meeting: low, medium, high. */
    lowDays: number;
    mediumDays: number;
    highDays: number;
  };
  stageStalled: {
    /** Days on the same stage: low, medium. Never high: a stall is a chance to grow, not an alarm. */
    lowDays: number;
    mediumDays: number;
    /** Interactions in the last `lowDays` days (a group meeting counts half) that make contact "regular". */
    minInteractions: number;
    /** The latest interaction must be this recent: without recent contact, the gap is the story. */
    recentDays: number;
    /** One-on-one meetings outside work in the window that show a stage-2 relationship climbing. */
    climbingOutsideWork: number;
  };
}

export const DEFAULT_THRESHOLDS: ReviewThresholds = {
  circleRhythmDays: {
    /** Active clients: a monthly touch keeps you the person they think of first. */
    client: 30,
    /** Prospects cool fastest; following up within three weeks is itself a show of respect. */
    prospect: 21,
    /** Partners work alongside you in cycles; six weeks catches a drift before a cycle is lost. */
    partner: 45,
    /** Colleagues you log are usually outside your daily circle; every two months is plenty. */
    colleague: 60,
    /** A mentor's time is scarce: an update every two months respects it without going quiet. */
    mentor: 60,
    /** A mentee depends on you; a monthly check-in is the least they should expect. */
    mentee: 30,
    /** Friendships survive on regular time together; six weeks is a common natural rhythm. */
    friend: 45,
    /** Family: at least monthly, even when it is a call. */
    family: 30,
    /** Unclassified contacts: a quarter, so that loose acquaintances do not crowd the review. */
    other: 90,
  },
  rhythm: {
    /** The last eight gaps: recent enough to follow a changed routine, enough to outvote one odd gap. */
    sampleGaps: 8,
    /** Four gaps (five meetings) before trusting a median; fewer is an anecdote. */
    minGaps: 4,
    /**
     * Two weeks: even people seen daily do not need a flag after a week's holiday, and the
     * fading signal is the one that catches a frequent relationship slowing down.
     */
    minDays: 14,
    /** A year: beyond that "rhythm" means an annual card, which is still a rhythm worth keeping. */
    maxDays: 365,
  },
  longGap: {
    /** Half a rhythm of slack: nobody is exactly on schedule. */
    lowRatio: 1.5,
    /** Two full rhythms missed. */
    mediumRatio: 2,
    /** Three rhythms missed: the relationship is quietly lapsing. */
    highRatio: 3,
    /** Two weeks: a holiday or a busy sprint is not a stall, even on a weekly cadence. */
    minDaysOverdue: 14,
  },
  fading: {
    /** A quarter: long enough to see a trend, short enough to still be "now". */
    recentWindowDays: 90,
    /** The year before the quarter is the usual frequency; older habits are not the measure. */
    baselineDays: 365,
    /** Another quarter of history at least, or there is no "usual" to fall from. */
    minBaselineDays: 90,
    /** Six interaction days in that history at least. */
    minBaselineContacts: 6,
    /**
     * Two and a half expected interactions in the quarter, so a monthly relationship qualifies
     * (12 a year predicts 2.96) but one seen every six weeks does not: for rarer contacts a
     * quiet quarter is ordinary and long-gap is the right judge.
     */
    minExpectedRecent: 2.5,
    /** Well below usual: at most 40%. */
    lowRatio: 0.4,
    /** A fifth of usual. */
    mediumRatio: 0.2,
    /** A tenth of usual: the relationship has been turned down to almost nothing. */
    highRatio: 0.1,
  },
  oneSidedGiving: {
    /** Half a year: balance is judged over a season, not per meeting. */
    windowDays: 180,
    /** Four exchanges: fewer is too little to call a pattern. */
    minExchanges: 4,
    /** The other side at most a quarter of this one ("give before you take" allows some lead). */
    maxLighterShare: 0.25,
    /** Six items with little back is a habit. */
    mediumCount: 6,
    /** Ten items received and nothing given back: the balance is badly owed. */
    highCount: 10,
  },
  oneSidedInitiation: {
    /** Half a year, as for giving. */
    windowDays: 180,
    /** Five conversations all started by me: more than coincidence. */
    minByMe: 5,
    /** "They never reach out": under ten conversations that means none. */
    maxTheirShare: 0.1,
    /** Eight: more than one a month, every one of them mine. */
    mediumCount: 8,
    /** Twelve: twice a month for half a year without a single call back. */
    highCount: 12,
  },
  pushAway: {
    /** Four months: long enough to see a pattern, short enough that old friction has faded. */
    windowDays: 120,
    /** Two months: an unrepaired push-away still matters, but less than a fresh one. */
    recentDays: 60,
    /** Two good meetings after it: once could be politeness, twice is a repaired relationship. */
    resolvedAfter: 2,
    /** One: a single fresh remark is worth noticing; an old one, or one already answered by a good meeting, is not. */
    lowScore: 1,
    /** A hostile remark, or two milder push-aways. */
    mediumScore: 2,
    /** A recent cut-off, or an escalating series. */
    highScore: 4,
  },
  unanswered: {
    /** Two in a row: one unanswered note is ordinary, two is a pattern worth a different approach. */
    minInARow: 2,
    mediumInARow: 3,
    highInARow: 4,
    /** A week: people get a week to answer before their silence counts. */
    minWaitDays: 7,
  },
  overduePromise: {
    /** Following up is what earns respect: my promise is worth a flag the day after it is due. */
    mineLowDays: 1,
    mineMediumDays: 14,
    mineHighDays: 30,
    /** Their promises get a week's grace and a gentle reminder, never an alarm. */
    theirsLowDays: 7,
    theirsMediumDays: 30,
  },
  noFaceToFace: {
    /** Stage 3 (whole person) and up: the relationship already lives outside work. */
    closeStage: 3,
    /** Six months without sitting in the same room. */
    lowDays: 180,
    mediumDays: 270,
    /** A year: video and email have been carrying the whole relationship. */
    highDays: 365,
  },
  stageStalled: {
    /** A year of regular contact on one rung. */
    lowDays: 365,
    /** Two years. */
    mediumDays: 730,
    /** Six interactions (about every two months) in that year make contact regular. */
    minInteractions: 6,
    /** A quarter: the relationship must still be active to be stalled rather than lapsed. */
    recentDays: 90,
    /** Two: one dinner can be a one-off, two is the relationship moving outside work. */
    climbingOutsideWork: 2,
  },
};

/** Keys whose value divides or bounds a window: zero would be meaningless. */
const POSITIVE = new Set([
  'rhythm.sampleGaps', 'rhythm.minGaps', 'rhythm.minDays', 'rhythm.maxDays',
  'longGap.lowRatio', 'longGap.mediumRatio', 'longGap.highRatio',
  'fading.recentWindowDays', 'fading.baselineDays', 'fading.minBaselineDays', 'fading.minBaselineContacts',
  'oneSidedGiving.windowDays', 'oneSidedGiving.minExchanges',
  'oneSidedInitiation.windowDays', 'oneSidedInitiation.minByMe',
  'pushAway.windowDays', 'unanswered.minInARow', 'stageStalled.lowDays', 'noFaceToFace.lowDays',
]);

/** Pairs that must not decrease (a severity ladder), checked after merging. */
const ORDERED: Array<[string, string]> = [
  ['rhythm.minDays', 'rhythm.maxDays'],
  ['longGap.lowRatio', 'longGap.mediumRatio'], ['longGap.mediumRatio', 'longGap.highRatio'],
  // Fading ratios go down as severity goes up.
  ['fading.mediumRatio', 'fading.lowRatio'], ['fading.highRatio', 'fading.mediumRatio'],
  ['oneSidedGiving.mediumCount', 'oneSidedGiving.highCount'],
  ['oneSidedInitiation.minByMe', 'oneSidedInitiation.mediumCount'], ['oneSidedInitiation.mediumCount', 'oneSidedInitiation.highCount'],
  ['pushAway.lowScore', 'pushAway.mediumScore'], ['pushAway.mediumScore', 'pushAway.highScore'],
  ['unanswered.minInARow', 'unanswered.mediumInARow'], ['unanswered.mediumInARow', 'unanswered.highInARow'],
  ['overduePromise.mineLowDays', 'overduePromise.mineMediumDays'], ['overduePromise.mineMediumDays', 'overduePromise.mineHighDays'],
  ['overduePromise.theirsLowDays', 'overduePromise.theirsMediumDays'],
  ['noFaceToFace.lowDays', 'noFaceToFace.mediumDays'], ['noFaceToFace.mediumDays', 'noFaceToFace.highDays'],
  ['stageStalled.lowDays', 'stageStalled.mediumDays'],
];

/**
 * Days and counts: whole numbers. A window of 365.5 days means nothing on a calendar of whole
 * days, and the store reads windows and the rhythm's latest days in whole days.
 */
const WHOLE_COUNTS = new Set([
  'rhythm.sampleGaps', 'rhythm.minGaps', 'longGap.minDaysOverdue', 'fading.minBaselineContacts',
  'oneSidedGiving.minExchanges', 'oneSidedGiving.mediumCount', 'oneSidedGiving.highCount',
  'oneSidedInitiation.minByMe', 'oneSidedInitiation.mediumCount', 'oneSidedInitiation.highCount',
  'pushAway.resolvedAfter', 'unanswered.minInARow', 'unanswered.mediumInARow', 'unanswered.highInARow',
  'noFaceToFace.closeStage', 'stageStalled.climbingOutsideWork',
]);

function isWhole(path: string): boolean {
  return path.endsWith('Days') || path.startsWith('circleRhythmDays.') || WHOLE_COUNTS.has(path);
}

/** Ratios that are shares of a whole. */
const FRACTIONS = new Set([
  'fading.lowRatio', 'fading.mediumRatio', 'fading.highRatio',
  'oneSidedGiving.maxLighterShare', 'oneSidedInitiation.maxTheirShare',
]);

/**
 * `base` with a user's partial override applied, after checking it key by key. `overrides` is
 * the parsed `review.json` (anything JSON can hold); `undefined` or `null` means "no file".
 * Throws an Error with a one-line message naming the bad key for an unknown key, a value of the
 * wrong type, a negative number, a fraction where days or counts are meant, or a severity ladder
 * turned upside down. Never mutates `base`.
 */
export function mergeThresholds(base: ReviewThresholds, overrides: unknown): ReviewThresholds {
  const merged = structuredCloneThresholds(base);
  if (overrides === undefined || overrides === null) return merged;
  if (!isPlainObject(overrides)) {
    throw new Error(`review thresholds must be a JSON object of keys to change, got ${describe(overrides)}`);
  }
  const target = merged as unknown as Record<string, unknown>;
  for (const [group, value] of Object.entries(overrides)) {
    const current = target[group];
    if (!Object.hasOwn(target, group) || !isPlainObject(current)) {
      throw new Error(`unknown review threshold "${group}"; expected one of: ${Object.keys(target).join(', ')}`);
    }
    if (!isPlainObject(value)) {
      throw new Error(`review threshold "${group}" must be an object of keys to change, got ${describe(value)}`);
    }
    for (const [key, v] of Object.entries(value)) {
      const path = `${group}.${key}`;
      if (!Object.hasOwn(current, key)) {
        throw new Error(`unknown review threshold "${path}"; expected one of: ${Object.keys(current).join(', ')}`);
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`review threshold "${path}" must be a number, got ${describe(v)}`);
      }
      const positive = POSITIVE.has(path) || group === 'circleRhythmDays';
      if (positive ? v <= 0 : v < 0) {
        throw new Error(`review threshold "${path}" must be ${positive ? 'greater than 0' : '0 or more'}, got ${v}`);
      }
      if (isWhole(path) && !Number.isInteger(v)) {
        throw new Error(`review threshold "${path}" is a number of ${path.includes('Days') ? 'days' : 'times'} and must be a whole number, got ${v}`);
      }
      if (FRACTIONS.has(path) && v > 1) {
        throw new Error(`review threshold "${path}" is a share and must be at most 1, got ${v}`);
      }
      current[key] = v;
    }
  }
  for (const [lower, upper] of ORDERED) {
    const a = read(merged, lower);
    const b = read(merged, upper);
    if (a > b) throw new Error(`review threshold "${lower}" (${a}) must not be greater than "${upper}" (${b})`);
  }
  return merged;
}

function structuredCloneThresholds(t: ReviewThresholds): ReviewThresholds {
  const out: Record<string, Record<string, number>> = {};
  for (const [group, values] of Object.entries(t) as Array<[string, Record<string, number>]>) out[group] = { ...values };
  // Circles added to the vocabulary later would otherwise have no rhythm at all.
  for (const circle of CIRCLES) out.circleRhythmDays![circle] ??= DEFAULT_THRESHOLDS.circleRhythmDays[circle];
  return out as unknown as ReviewThresholds;
}

function read(t: ReviewThresholds, path: string): number {
  const [group, key] = path.split('.') as [string, string];
  return (t as unknown as Record<string, Record<string, number>>)[group]![key]!;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}...` : v)}`;
  if (typeof v === 'number') return String(v);
  return `a ${typeof v}`;
}
