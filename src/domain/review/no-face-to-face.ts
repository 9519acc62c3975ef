/**
 * no-face-to-face: a close relationship that has lived only on calls, video and messages for
 * months. The strongest relationships have a real-world element that screens do not replace.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag, Touch } from '../types.js';
import { CLOSE_CIRCLES, type Severity } from '../vocab.js';
import { makeFlag, ownDateAsOf, reached, stageAsOf, stageName, touchesEnd } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/** In the same room: a meeting, or an event we both attended (a real-world encounter too). */
function isInPerson(t: Touch): boolean {
  return reached(t) && (t.channel === 'in-person' || t.channel === 'event');
}

/**
 * Close = stage `closeStage` or higher on `asOf`, or a close circle (friend, family, mentor,
 * mentee). Flags when the latest in-person meeting (or, if none ever, the contact's own date)
 * is at least `lowDays` ago, the contact is known at least that long, and we are still in touch
 * remotely within that time: with no contact at all, the gap itself is the story (long-gap).
 * Severity by days since: medium from `mediumDays`, high from `highDays`.
 */
export function detectNoFaceToFace(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact, touches } = history;
  const n = t.noFaceToFace;
  const end = touchesEnd(touches, asOf);
  const own = ownDateAsOf(history, end);
  if (asOf - own < n.lowDays) return null;
  const { stage } = stageAsOf(history, asOf, own);
  if (stage < n.closeStage && !CLOSE_CIRCLES.includes(contact.circle)) return null;
  let lastInPerson: Day | null = null;
  let remote = 0;
  for (let i = end - 1; i >= 0; i--) {
    const touch = touches[i]!;
    if (isInPerson(touch)) { lastInPerson = touch.on; break; }
    if (reached(touch) && touch.on > asOf - n.lowDays) remote++;
  }
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
