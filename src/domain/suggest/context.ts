/**
 * What the suggestion rules know about one contact: the history, the stage on the as-of day,
 * how strong the relationship is, and the review's flags for it. Built once per contact.
 */
import { factsOf, type TouchFacts } from '../review/facts.js';
import { ownDateOf, stageAsOf } from '../review/history.js';
import { isEndedAsOf } from '../review/index.js';
import { DEFAULT_THRESHOLDS, type ReviewThresholds } from '../review/thresholds.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Stage } from '../vocab.js';
import { strengthOf } from './score.js';

export interface ContactView {
  history: ContactHistory;
  /** The history's touch facts as of the day of the suggestions. */
  facts: TouchFacts;
  id: number;
  name: string;
  /** `foldKey(name)`, for ordering: worked out on first use (step.ts), once per contact. */
  nameKey?: string;
  /** The stage on the as-of day and since when. */
  stage: Stage;
  stageSince: Day;
  /** 0..1, see `relationshipStrength`. */
  strength: number;
  flags: Flag[];
  /** The review's push-away flag: recent and not yet repaired. Repair comes first; ask nothing of them. */
  pushAway: Flag | null;
  /** The review's one-sided-giving flag in the "taking" direction: I owe them, so ask nothing of them. */
  taking: Flag | null;
}

/** Ended contacts leave the reports (the review's own test, `isEndedAsOf`: an end day on or before `asOf`, or ended with no day). */
export function isActiveOn(history: ContactHistory, asOf: Day): boolean {
  return !isEndedAsOf(history.contact, asOf);
}

export function buildContactView(
  history: ContactHistory, asOf: Day, flags: Flag[], t: ReviewThresholds = DEFAULT_THRESHOLDS,
): ContactView {
  const facts = factsOf(history, asOf, t);
  const { stage, since } = stageAsOf(history, asOf, ownDateOf(history.contact, facts));
  return {
    history,
    facts,
    id: history.contact.id,
    name: history.contact.name,
    stage,
    stageSince: since,
    // relationshipStrength(history, asOf, t), from the facts and stage just worked out.
    strength: strengthOf(facts, stage, asOf),
    flags,
    pushAway: flags.find((f) => f.signal === 'push-away') ?? null,
    taking: flags.find((f) => f.signal === 'one-sided-giving' && f.direction === 'taking') ?? null,
  };
}

/** A contact I can rightly ask to help someone else: no recent push-away, not owed by me. */
export function canBeAskedToHelp(view: ContactView): boolean {
  return view.pushAway === null && view.taking === null;
}
