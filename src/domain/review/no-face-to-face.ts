/**
 * no-face-to-face: a close relationship that has lived only on calls, video and messages for
 * months. The strongest relationships have a real-world element that screens do not replace.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import { CLOSE_CIRCLES, type Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, ownDateOf, stageAsOf, stageName } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/**
 * Close = stage `closeStage` or higher on `asOf`, or a close circle (friend, family, mentor,
 * mentee). Flags when the latest in-person meeting (or, if none ever, the contact's own date)
 * is at least `lowDays` ago, the contact is known at least that long, and we are still in touch
 * remotely within that time: with no contact at all, the gap itself is the story (long-gap).
 * Severity by days since: medium from `mediumDays`, high from `highDays`.
 */
export function detectNoFaceToFace(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const n = t.noFaceToFace;
  const facts = factsOf(history, asOf, t);
  const own = ownDateOf(contact, facts);
  if (asOf - own < n.lowDays) return null;
  const { stage } = stageAsOf(history, asOf, own);
  if (stage < n.closeStage && !CLOSE_CIRCLES.includes(contact.circle)) return null;
  // In the same room: a meeting or an event we both attended, that reached them.
  const lastInPerson = facts.lastInPerson;
  // Flagged only when that is at least lowDays ago, so every touch in the window was remote.
  const remote = facts.faceWindowReached;
  const daysSince = asOf - (lastInPerson ?? own);
  if (daysSince < n.lowDays || remote === 0) return null;
  const severity: Severity = daysSince >= n.highDays ? 'high' : daysSince >= n.mediumDays ? 'medium' : 'low';
  const when = lastInPerson === null
    ? `No in-person meeting with ${contact.name} logged in the ${daysSince} days you have known each other`
    : `You last met ${contact.name} in person on ${formatDay(lastInPerson)}, ${daysSince} days ago`;
  const summary = `${when}, though you keep in touch remotely: plan a coffee, a meal or a walk together.`;
  return makeFlag(contact, 'no-face-to-face', severity, summary, {
    lastInPerson: lastInPerson === null ? null : formatDay(lastInPerson),
    daysSince,
    stage,
    stageName: stageName(stage),
    circle: contact.circle,
    remoteContacts: remote,
  });
}
