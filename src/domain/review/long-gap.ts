/**
 * long-gap: too long since we were last in touch, measured against the rhythm we expect with
 * this person (see rhythm.ts). Relationships need ongoing maintenance; this is the plainest
 * sign it has lapsed.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Circle, Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, ownDateOf, round1 } from './history.js';
import { expectedRhythm, type Rhythm } from './rhythm.js';
import type { ReviewThresholds } from './thresholds.js';

/**
 * Flags when days since the last contact reach `lowRatio` x the expected rhythm and are at least
 * `minDaysOverdue` past it; severity by the ratio (`mediumRatio`, `highRatio`).
 * Last contact is the latest interaction that reached them; with none, the day we met
 * (`metOn`). A contact with neither has never been in touch and is left alone (an imported
 * address book should not flood the review). A contact known for less than one rhythm is not
 * flagged.
 */
export function detectLongGap(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const facts = factsOf(history, asOf, t);
  const lastTouch = facts.lastReached;
  const metOn = contact.metOn !== null && contact.metOn <= asOf ? contact.metOn : null;
  const last = lastTouch ?? metOn;
  if (last === null) return null;
  const rhythm = expectedRhythm(history, asOf, t);
  if (asOf - ownDateOf(contact, facts) < rhythm.days) return null;
  const daysSince = asOf - last;
  const daysOverdue = daysSince - rhythm.days;
  if (daysOverdue < t.longGap.minDaysOverdue) return null;
  const ratio = daysSince / rhythm.days;
  const severity: Severity | null = ratio >= t.longGap.highRatio ? 'high'
    : ratio >= t.longGap.mediumRatio ? 'medium'
      : ratio >= t.longGap.lowRatio ? 'low' : null;
  if (severity === null) return null;
  const lastText = formatDay(last);
  const since = lastTouch !== null
    ? `Last in touch with ${contact.name} on ${lastText}, ${daysSince} days ago`
    : `Nothing logged with ${contact.name} since you met on ${lastText}, ${daysSince} days ago`;
  const summary = `${since}, against ${rhythmWords(rhythm, contact.circle)}: a good moment to reconnect, `
    + 'even a short note about something they care about will do.';
  return makeFlag(contact, 'long-gap', severity, summary, {
    lastContact: lastText,
    daysSince,
    expectedDays: rhythm.days,
    rhythmSource: rhythm.source,
    daysOverdue,
    ratio: round1(ratio),
    ...(lastTouch === null ? { lastContactIsMetOn: true } : {}),
  });
}

function rhythmWords(rhythm: Rhythm, circle: Circle): string {
  if (rhythm.source === 'cadence') return `the ${rhythm.days}-day cadence you set`;
  if (rhythm.source === 'history') return `your usual rhythm of about ${rhythm.days} days`;
  return `the ${rhythm.days}-day default for ${CIRCLE_PLURAL[circle]}`;
}

const CIRCLE_PLURAL: Record<Circle, string> = {
  client: 'clients', prospect: 'prospects', partner: 'partners', colleague: 'colleagues', mentor: 'mentors',
  mentee: 'mentees', friend: 'friends', family: 'family', other: 'other contacts',
};
