/**
 * Steps answering the review's flags. The review decides *whether* something is wrong (one
 * copy of the rules, in ../review); this module only decides what kind, honest step answers it
 * and how urgent that step is, from the flag's severity and evidence.
 *
 *   overdue-promise (mine)      -> keep-promise
 *   push-away                   -> repair
 *   one-sided-giving (taking)   -> give-first
 *   long-gap, fading            -> reconnect
 *   unanswered                  -> reconnect (one light note, no chasing)
 *   no-face-to-face             -> meet-in-person
 *   stage-stalled               -> boosts deepen (ideas.ts)
 *
 * Their overdue promises, my giving without return, and my starting every conversation
 * (one-sided-initiation) produce no step: reminding them is an ask, and giving or chasing less
 * is restraint, not a step to take.
 */
import { formatDay } from '../dates.js';
import type { ReviewThresholds } from '../review/thresholds.js';
import type { Day, Flag } from '../types.js';
import { PUSH_AWAY_KINDS, SIGNALS, isWord, type PushAwayKind, type Signal } from '../vocab.js';
import type { ContactView } from './context.js';
import { KIND_WEIGHTS, SEVERITY_URGENCY, bandScore, clamp01, sharedPosition } from './score.js';
import { formatLogCommand, oneLine } from './shell.js';
import { makeStep, type Step } from './step.js';
import {
  evidenceBoolean, evidenceDay, evidenceNumber, evidenceString, num, plural, quoted, stageWord, whenWords,
} from './wording.js';

/** A give that suits this person, chosen by ideas.ts for give-first. */
export interface GiftIdea {
  /** The clause after "Give X something before asking for anything: ". */
  phrase: string;
  /** The `--gave KIND:NOTE` item that records it. */
  gave: string;
  /** When the gift is an introduction: the helper's id (that introduction is then not listed twice). */
  introWith?: number;
}

/**
 * The steps answering one flag, added to `out`: each scored now and worded only when needed
 * (step.ts); `gift` is asked for only to word a give-first step.
 */
export function stepsFromFlag(
  out: Step[], view: ContactView, flag: Flag, asOf: Day, thresholds: ReviewThresholds, gift: () => GiftIdea | null,
): void {
  switch (flag.signal) {
    case 'overdue-promise': keepPromise(out, view, flag, asOf, thresholds); return;
    case 'push-away': out.push(repair(view, flag, asOf)); return;
    case 'one-sided-giving': if (flag.direction === 'taking') out.push(giveFirst(view, flag, gift)); return;
    case 'long-gap': out.push(reconnectAfterGap(view, flag, asOf)); return;
    case 'fading': out.push(reconnectFading(view, flag)); return;
    case 'unanswered': out.push(reconnectUnanswered(view, flag)); return;
    case 'one-sided-initiation': return;
    case 'no-face-to-face': out.push(meetInPerson(view, flag, asOf)); return;
    case 'stage-stalled': return;
  }
}

/**
 * The signals `stepsFromFlag` can answer with a step of an urgent kind (keep-promise, repair,
 * give-first). The journal-wide list asks the review for these three rules first, and runs
 * the other six only when the urgent steps do not settle the list (index.ts).
 */
export const URGENT_SIGNALS: ReadonlySet<Signal> = new Set<Signal>(['overdue-promise', 'push-away', 'one-sided-giving']);

/** The other six. */
export const OTHER_SIGNALS: ReadonlySet<Signal> = new Set(SIGNALS.filter((signal) => !URGENT_SIGNALS.has(signal)));

/**
 * Whether `stepsFromFlag` can answer this flag with a step of an urgent kind: the urgent-only
 * list makes no other steps, which it would only drop (mid: ~5 of its ~8 ms). It mirrors the
 * switch above; a test holds the two together.
 */
export function mayAnswerUrgently(flag: Flag): boolean {
  return URGENT_SIGNALS.has(flag.signal) && (flag.signal !== 'one-sided-giving' || flag.direction === 'taking');
}

/** A conversation topic that asks nothing of them: an interest, else a need. */
function topicOf(view: ContactView): string | null {
  const c = view.history.contact;
  const topic = c.interests[0] ?? c.needs[0];
  return topic === undefined ? null : oneLine(topic, 60);
}

// ---- keep-promise ------------------------------------------------------------------------

function keepPromise(out: Step[], view: ContactView, flag: Flag, asOf: Day, thresholds: ReviewThresholds): void {
  overdueOfMine(flag, asOf).forEach((p, i, all) => {
    // The review grades my promises up to `mineHighDays` past due; that is full urgency here.
    const urgency = clamp01(p.daysOverdue / Math.max(1, thresholds.overduePromise.mineHighDays));
    out.push(makeStep(view, 'keep-promise', bandScore('keep-promise', 0.1 + 0.9 * urgency), () => {
      const dueWords = p.due === null ? '' : `, due ${formatDay(p.due)} (${plural(p.daysOverdue, 'day')} ago)`;
      const others = all.length - 1;
      const more = i === 0 && others > 0
        ? ` ${plural(others, 'more promise')} to them ${others === 1 ? 'is' : 'are'} past due as well.` : '';
      return {
        action: `Keep your promise to ${view.name}: ${oneLine(p.text, 80)}`,
        why: `You promised ${view.name} ${quoted(p.text)}${dueWords}. Doing it now still shows you follow up, `
          + `which is what earns respect.${more}`,
        ...(p.promiseId === null ? {} : { logCommand: `rel done ${p.promiseId}` }),
      };
    }));
  });
}

interface OverduePromise {
  promiseId: number | null;
  text: string;
  due: Day | null;
  daysOverdue: number;
}

/**
 * My overdue promises named by the flag: its `promises` list when present (the review sends
 * one flag per contact), else its top-level fields.
 */
function overdueOfMine(flag: Flag, asOf: Day): OverduePromise[] {
  const list = Array.isArray(flag.evidence.promises) ? flag.evidence.promises : [flag.evidence];
  const out: OverduePromise[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    if (evidenceString(e, 'by') !== 'me') continue;
    const due = evidenceDay(e, 'due');
    out.push({
      promiseId: evidenceNumber(e, 'promiseId'),
      text: evidenceString(e, 'text') ?? 'what you promised',
      due,
      daysOverdue: evidenceNumber(e, 'daysOverdue') ?? (due === null ? 0 : Math.max(0, asOf - due)),
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.promiseId ?? 0) - (b.promiseId ?? 0));
}

// ---- repair ------------------------------------------------------------------------------

const PUSH_AWAY_WORDS: Record<PushAwayKind, string> = {
  snide: 'a snide remark',
  hostile: 'a hostile moment',
  distancing: 'some distancing',
  late: 'a late arrival',
  cancelled: 'a cancellation',
  'cut-off': 'a cut-off',
};

function repair(view: ContactView, flag: Flag, asOf: Day): Step {
  const e = flag.evidence;
  const count = evidenceNumber(e, 'count') ?? 1;
  const windowDays = evidenceNumber(e, 'windowDays');
  const latestOn = evidenceDay(e, 'latestOn');
  const kindText = evidenceString(e, 'latestKind');
  const latestKind = isWord(PUSH_AWAY_KINDS, kindText) ? kindText : null;
  const escalating = evidenceBoolean(e, 'escalating');
  const freshness = latestOn === null || windowDays === null || windowDays <= 0
    ? 0.5 : clamp01(1 - (asOf - latestOn) / windowDays);
  const urgency = 0.5 * SEVERITY_URGENCY[flag.severity] + 0.3 * freshness + (escalating ? 0.2 : 0);
  return makeStep(view, 'repair', bandScore('repair', urgency), () => {
    let action: string;
    let log: { channel: string; note: string };
    if (latestKind === 'cut-off') {
      action = `Give ${view.name} room: send one short, calm note that leaves the door open and needs no reply`;
      log = { channel: 'message', note: 'calm note, door left open, nothing asked' };
    } else if (latestKind === 'hostile' || latestKind === 'snide') {
      action = `Make time for a calm conversation with ${view.name} and mostly listen: hear them out and `
        + 'reflect back what you heard, without defending yourself or asking for anything';
      log = { channel: 'in-person', note: 'calm conversation, listened and reflected back' };
    } else {
      action = `Make it easy for ${view.name}: send a short, warm note with nothing to answer or decide, `
        + 'and let them set the pace';
      log = { channel: 'message', note: 'short warm note, nothing asked' };
    }

    const what = latestKind ? PUSH_AWAY_WORDS[latestKind] : null;
    const latest = latestOn === null ? '' : `; the latest${what ? `, ${what},` : ''} ${whenWords(latestOn, asOf)}`;
    const window = windowDays === null ? '' : ` in the last ${plural(windowDays, 'day')}`;
    const trend = escalating ? '; they have been getting stronger' : '';
    return {
      action,
      why: `${plural(count, 'push-away')}${window}${latest}${trend}. Closeness can feel threatening as well as `
        + 'welcome; a calm, listening step comes before anything else and can leave the relationship stronger.',
      logCommand: formatLogCommand({ names: [view.name], channel: log.channel, note: log.note }),
    };
  });
}

// ---- give-first --------------------------------------------------------------------------

function giveFirst(view: ContactView, flag: Flag, gift: () => GiftIdea | null): Step {
  const e = flag.evidence;
  const gave = evidenceNumber(e, 'gave') ?? 0;
  const got = evidenceNumber(e, 'got') ?? 0;
  const windowDays = evidenceNumber(e, 'windowDays');
  const lopsided = got <= 0 ? 0 : clamp01((got - gave) / got);
  const urgency = 0.5 * SEVERITY_URGENCY[flag.severity] + 0.5 * lopsided;
  return makeStep(view, 'give-first', bandScore('give-first', urgency), () => {
    const idea = gift() ?? {
      phrase: 'offer a hand with something they care about, with nothing asked back',
      gave: 'favor:a hand with something they care about',
    };
    const window = windowDays === null ? '' : ` over the last ${plural(windowDays, 'day')}`;
    return {
      action: `Give ${view.name} something before asking for anything: ${idea.phrase}`,
      why: `${view.name} gave you ${plural(got, 'thing')} and you gave ${gave}${window}. `
        + 'Whoever gives first leads; balancing the exchange keeps it a relationship rather than a favour bank.',
      logCommand: formatLogCommand({ names: [view.name], gave: [idea.gave] }),
    };
  });
}

// ---- reconnect ---------------------------------------------------------------------------

function reconnectAction(view: ContactView): string {
  const topic = topicOf(view);
  return `Reconnect with ${view.name}: send a short, friendly note${topic ? ` about ${topic}` : ''}, with nothing to ask`;
}

function rhythmWords(source: string | null, view: ContactView): string {
  if (source === 'cadence') return 'the cadence you set';
  if (source === 'history') return 'learned from your history together';
  if (source === 'circle') return `usual for a ${view.history.contact.circle}`;
  return '';
}

function reconnectAfterGap(view: ContactView, flag: Flag, asOf: Day): Step {
  const e = flag.evidence;
  const expected = evidenceNumber(e, 'expectedDays');
  const overdue = evidenceNumber(e, 'daysOverdue');
  const lapse = expected && overdue !== null && expected > 0 ? clamp01(overdue / expected) : 0.5;
  const urgency = 0.5 * SEVERITY_URGENCY[flag.severity] + 0.5 * lapse;
  const score = bandScore('reconnect', sharedPosition(KIND_WEIGHTS.reconnect, urgency, view.strength));
  return makeStep(view, 'reconnect', score, () => {
    const last = evidenceDay(e, 'lastContact');
    const source = rhythmWords(evidenceString(e, 'rhythmSource'), view);
    const lastWords = last === null ? 'No contact logged yet'
      : e.lastContactIsMetOn === true ? `Nothing logged since you met ${whenWords(last, asOf)}`
        : `Last contact was ${whenWords(last, asOf)}`;
    const rhythm = expected === null ? '' : `; your rhythm is about every ${plural(expected, 'day')}${source ? ` (${source})` : ''}`;
    return {
      action: reconnectAction(view),
      why: `${lastWords}${rhythm}. A light touch now keeps the relationship easy to pick up.`,
      logCommand: formatLogCommand({ names: [view.name], channel: 'message' }),
    };
  });
}

function reconnectFading(view: ContactView, flag: Flag): Step {
  const score = bandScore('reconnect',
    sharedPosition(KIND_WEIGHTS.reconnect * 0.9, SEVERITY_URGENCY[flag.severity], view.strength));
  return makeStep(view, 'reconnect', score, () => {
    const e = flag.evidence;
    const recent = evidenceNumber(e, 'recentCount');
    const windowDays = evidenceNumber(e, 'recentWindowDays');
    const expected = evidenceNumber(e, 'expectedRecent');
    const usual = evidenceNumber(e, 'usualPerMonth');
    const lately = evidenceNumber(e, 'recentPerMonth');
    const parts: string[] = [];
    if (recent !== null && windowDays !== null) {
      parts.push(`${plural(recent, 'contact')} in the last ${plural(windowDays, 'day')}`
        + `${expected !== null ? `, where about ${num(expected)} would be usual` : ''}`);
    }
    if (usual !== null && lately !== null) parts.push(`about ${num(usual)} a month before, ${num(lately)} lately`);
    const evidence = parts.length > 0 ? `${parts.join('; ')}. ` : '';
    return {
      action: `Pick the rhythm back up with ${view.name}: suggest an easy catch-up and pencil in the next one`,
      why: `${evidence}Relationships fade quietly when the rhythm slips; a regular catch-up keeps them alive.`,
      logCommand: formatLogCommand({ names: [view.name], channel: 'call' }),
    };
  });
}

function reconnectUnanswered(view: ContactView, flag: Flag): Step {
  const score = bandScore('reconnect', sharedPosition(KIND_WEIGHTS.reconnect * 0.7, SEVERITY_URGENCY[flag.severity], view.strength));
  return makeStep(view, 'reconnect', score, () => {
    const e = flag.evidence;
    const inARow = evidenceNumber(e, 'inARow');
    const since = evidenceDay(e, 'since');
    const lastAttempt = evidenceDay(e, 'lastAttempt');
    const evidence = inARow === null ? 'Your recent messages got no reply'
      : `Your last ${plural(inARow, 'message')}${since === null ? '' : ` since ${formatDay(since)}`} got no reply`
        + `${lastAttempt === null ? '' : ` (the latest on ${formatDay(lastAttempt)})`}`;
    return {
      action: `Give ${view.name} time, then send one light note on a different channel that needs no answer`,
      why: `${evidence}. People get busy; more chasing rarely helps, one easy note does.`,
      logCommand: formatLogCommand({ names: [view.name], channel: 'message' }),
    };
  });
}

// ---- meet-in-person ----------------------------------------------------------------------

function meetInPerson(view: ContactView, flag: Flag, asOf: Day): Step {
  const score = bandScore('meet-in-person',
    sharedPosition(KIND_WEIGHTS['meet-in-person'], SEVERITY_URGENCY[flag.severity], view.strength));
  return makeStep(view, 'meet-in-person', score, () => {
    const e = flag.evidence;
    const last = evidenceDay(e, 'lastInPerson');
    const stage = evidenceNumber(e, 'stage') ?? view.stage;
    const circle = evidenceString(e, 'circle') ?? view.history.contact.circle;
    const lastWords = last === null ? 'You have not met in person yet' : `Your last in-person meeting was ${whenWords(last, asOf)}`;
    return {
      action: `Meet ${view.name} in person: offer a coffee, a walk or a meal at a time and place that suit them`,
      why: `${lastWords}. For a close relationship (${circle}, stage ${stage}, ${stageWord(stage)}) `
        + 'calls and email are no substitute for sitting in the same room.',
      logCommand: formatLogCommand({ names: [view.name], channel: 'in-person' }),
    };
  });
}
