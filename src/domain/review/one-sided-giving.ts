/**
 * one-sided-giving: the exchange does not balance. Either I keep giving and nothing comes back
 * ("giving"), or they keep giving and I do not return it ("taking"). Giving first is how trust
 * starts, so the rule waits for a clear, sustained imbalance before it says anything.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, plural } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/**
 * Counts the gave and got items (each `--gave`/`--got` is one) of every interaction in the last
 * `windowDays`, group meetings included (what I gave a group reached them too). Flags when
 * there are at least `minExchanges` items and the lighter side is at most `maxLighterShare` of
 * the heavier one. Severity: low; medium from `mediumCount` items on the heavy side; high only
 * when taking, from `highCount` items with nothing at all given back.
 */
export function detectOneSidedGiving(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const g = t.oneSidedGiving;
  const start = asOf - g.windowDays;
  const { gave, got } = factsOf(history, asOf, t);
  if (gave + got < g.minExchanges) return null;
  const heavy = Math.max(gave, got);
  const light = Math.min(gave, got);
  if (gave === got || light > heavy * g.maxLighterShare) return null;
  const direction = gave > got ? 'giving' : 'taking';
  // Giving first is how trust starts, so generosity that is not yet returned is never an
  // alarm; taking without giving back is what wears a relationship down.
  const severity: Severity = direction === 'taking' && heavy >= g.highCount && light === 0 ? 'high'
    : heavy >= g.mediumCount ? 'medium' : 'low';
  const since = formatDay(start + 1);
  const summary = direction === 'giving'
    ? `Since ${since} you have given ${contact.name} ${plural(gave, 'thing')} and received ${got === 0 ? 'nothing' : got} `
      + 'in return: giving first is right, but let them give back too, for instance by asking their advice on something they know well.'
    : `Since ${since} ${contact.name} has given you ${plural(got, 'thing')} and ${gave === 0 ? 'nothing has' : `${gave} has`} gone `
      + 'the other way yet: look at what they need right now and offer something useful, an introduction, a resource or a review.';
  const flag = makeFlag(contact, 'one-sided-giving', severity, summary, { gave, got, windowDays: g.windowDays, since });
  flag.direction = direction;
  return flag;
}
