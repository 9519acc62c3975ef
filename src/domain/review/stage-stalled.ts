/**
 * stage-stalled: regular contact for a long time, but on the same rung of the ladder (liked,
 * respected, whole person, mingled, enduring). Seeing someone often is not the same as getting
 * closer; each rung asks for a different kind of step.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, ownDateOf, plural, round1, stageAsOf, stageName } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/** What the next rung takes, keyed by the current stage. */
export const NEXT_RUNG: Record<number, string> = {
  1: 'showing the quality of your work and following up on every promise',
  2: 'time together outside work, one-on-one, such as a meal, a match or a show',
  3: 'letting your lives meet, with partners and families at a weekend get-together',
  4: 'keeping the same closeness once there is no work reason left to meet',
};

/**
 * Stages 1 to 4 only: stage 5 is the top rung, and stage 0 is where everyone starts when the
 * user does not track stages, so flagging it would judge the bookkeeping, not the relationship.
 * The ladder is the ladder of a work relationship: a friend or relative already known as a
 * whole person (stage 3 and up) is not "stalled" by staying close, so those are left alone.
 * On stage 2 the next rung is time outside work; when at least `climbingOutsideWork`
 * one-on-one meetings outside work happened in the window, the climb is under way (the stage
 * may just not be recorded yet), so that is not a stall either.
 * The stage and its start are those on `asOf` (latest stage change, else the contact's own
 * date). Flags when the stage is at least `lowDays` old, contact in the last `lowDays` days
 * is regular (at least `minInteractions`, a group meeting counting half, since it does little
 * to deepen a relationship) and still current (the latest within `recentDays`). Low; medium
 * from `mediumDays`. Never high: a stall is a chance to grow, not an emergency.
 */
export function detectStageStalled(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const s = t.stageStalled;
  const facts = factsOf(history, asOf, t);
  const own = ownDateOf(contact, facts);
  const { stage, since } = stageAsOf(history, asOf, own);
  if (stage < 1 || stage > 4) return null;
  if (stage >= 3 && (contact.circle === 'friend' || contact.circle === 'family')) return null;
  const daysOnStage = asOf - since;
  if (daysOnStage < s.lowDays) return null;
  const start = asOf - s.lowDays;
  const interactions = facts.stageReached;
  const weighted = facts.stageHalves / 2;
  const outsideWork = facts.stageOutsideWork;
  const outsideOneOnOne = facts.stageOutsideOneOnOne;
  const latest = facts.lastReached !== null && facts.lastReached > start ? facts.lastReached : null;
  if (latest === null || weighted < s.minInteractions || asOf - latest > s.recentDays) return null;
  if (stage === 2 && outsideOneOnOne >= s.climbingOutsideWork) return null;
  const severity: Severity = daysOnStage >= s.mediumDays ? 'medium' : 'low';
  const next = stage + 1;
  const summary = `${contact.name} has been at stage ${stage} (${stageName(stage)}) since ${formatDay(since)}, `
    + `${daysOnStage} days, with ${plural(interactions, 'interaction')} in the last ${s.lowDays} days; `
    + `the next rung, ${stageName(next)}, takes ${NEXT_RUNG[stage]}.`;
  return makeFlag(contact, 'stage-stalled', severity, summary, {
    stage,
    stageName: stageName(stage),
    since: formatDay(since),
    daysOnStage,
    interactions,
    weightedInteractions: round1(weighted),
    outsideWork,
    nextStage: next,
    nextStageName: stageName(next),
  });
}
