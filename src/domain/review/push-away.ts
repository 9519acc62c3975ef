/**
 * push-away: recent reactions that keep me at a distance (a snide remark, lateness, distancing,
 * a cancellation, hostility, a cut-off). Closeness is both wanted and feared, so these are
 * normal barriers; noticed and answered calmly they can leave a relationship stronger.
 */
import { formatDay } from '../dates.js';
import type { ContactHistory, Day, Flag } from '../types.js';
import type { PushAwayKind, Severity } from '../vocab.js';
import { factsOf } from './facts.js';
import { makeFlag, plural } from './history.js';
import type { ReviewThresholds } from './thresholds.js';

/**
 * Intensity of each kind, mildest first: words before acts, acts that shrink our time together
 * (late, distancing) before acts that remove it (cancelled), open hostility, and last the
 * cut-off. A series whose latest reaction is its strongest, and stronger than its first, is
 * escalating. The weight is what one reaction of that kind adds to the severity score.
 */
export const PUSH_AWAY_WEIGHT: Record<PushAwayKind, number> = {
  snide: 1,
  late: 1,
  distancing: 1.5,
  cancelled: 1.5,
  hostile: 2.5,
  'cut-off': 4,
};
const KIND_WORDS: Record<PushAwayKind, string> = {
  snide: 'a snide remark', late: 'arriving late', distancing: 'keeping a distance', cancelled: 'a cancellation',
  hostile: 'hostility', 'cut-off': 'a cut-off',
};
const INTENSITY: Record<PushAwayKind, number> = { snide: 1, late: 2, distancing: 3, cancelled: 4, hostile: 5, 'cut-off': 6 };

/**
 * Looks at push-aways in the last `windowDays`. Resolved (no flag) once `resolvedAfter` good
 * interactions (answered, not cool, no push-away) followed the latest one.
 * Score = weight of the latest kind + 1 per other push-away in the window + 1 if escalating
 * - 1 if the latest is older than `recentDays` - 1 per good interaction since.
 * Nothing below `lowScore`; high from `highScore`, medium from `mediumScore`, else low. So a
 * lone fresh snide remark is low, the same remark two months old or followed by one good
 * meeting is not flagged, a hostile one is medium, a fresh cut-off or a remark, distancing,
 * cancellation series is high.
 */
export function detectPushAway(history: ContactHistory, asOf: Day, t: ReviewThresholds): Flag | null {
  const { contact } = history;
  const p = t.pushAway;
  const start = asOf - p.windowDays;
  const facts = factsOf(history, asOf, t);
  const kinds: PushAwayKind[] = facts.pushAways.map((x) => x.kind); // chronological
  const latestOn = facts.pushAways.length > 0 ? facts.pushAways[facts.pushAways.length - 1]!.on : null;
  // Good meetings since the latest push-away: answered, not cool, no push-away.
  const goodAfter = facts.goodSincePushAway;
  if (latestOn === null || goodAfter >= p.resolvedAfter) return null;
  const latest = kinds[kinds.length - 1]!;
  const first = kinds[0]!;
  let strongest = 0;
  for (const k of kinds) strongest = Math.max(strongest, INTENSITY[k]);
  const escalating = kinds.length >= 2 && INTENSITY[latest] > INTENSITY[first] && INTENSITY[latest] === strongest;
  const old = asOf - latestOn > p.recentDays;
  const score = PUSH_AWAY_WEIGHT[latest] + (kinds.length - 1) + (escalating ? 1 : 0) - (old ? 1 : 0) - goodAfter;
  if (score < p.lowScore) return null;
  const severity: Severity = score >= p.highScore ? 'high' : score >= p.mediumScore ? 'medium' : 'low';
  const latestText = formatDay(latestOn);
  const what = kinds.length === 1
    ? `A push-away moment with ${contact.name} on ${latestText} (${KIND_WORDS[latest]})`
    : `${kinds.length} push-away moments with ${contact.name} since ${formatDay(start + 1)}, `
      + `${escalating ? `escalating from ${KIND_WORDS[first]} to ${KIND_WORDS[latest]}` : `the latest ${KIND_WORDS[latest]}`} on ${latestText}`;
  const next = latest === 'cut-off'
    ? 'if the relationship matters, reach out once, calmly and in person if you can, and leave the door open'
    : 'stay calm, ask what has changed and hear them out before anything else';
  const since = goodAfter > 0 ? ` (${plural(goodAfter, 'good meeting')} since, a start)` : '';
  return makeFlag(contact, 'push-away', severity, `${what}${since}: ${next}.`, {
    count: kinds.length,
    windowDays: p.windowDays,
    latestOn: latestText,
    latestKind: latest,
    kinds,
    escalating,
    goodSince: goodAfter,
    score,
  });
}
