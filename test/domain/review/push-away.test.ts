import { describe, expect, it } from 'vitest';
import { detectPushAway } from '../../../src/domain/review/push-away.js';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import type { ContactHistory, Touch } from '../../../src/domain/types.js';
import type { PushAwayKind } from '../../../src/domain/vocab.js';
import { AS_OF, ago, contact, every, history, touch } from './builders.js';

const push = (on: number, kind: PushAwayKind): Touch => touch(ago(on), { pushAway: kind, tone: 'cool' });
const warm = (on: number): Touch => touch(ago(on), { tone: 'warm' });
const past = (): Touch[] => every(30, 400, 130, { tone: 'warm' });

describe('detectPushAway', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'one snide remark', h: history(contact(), [...past(), push(10, 'snide')]), severity: 'low',
      evidence: { count: 1, windowDays: 120, latestOn: '2026-11-10', latestKind: 'snide', kinds: ['snide'], escalating: false } },
    { name: 'one hostile outburst', h: history(contact(), [...past(), push(10, 'hostile')]), severity: 'medium', evidence: { latestKind: 'hostile' } },
    { name: 'a fresh cut-off', h: history(contact(), [...past(), push(5, 'cut-off')]), severity: 'high', evidence: { latestKind: 'cut-off' } },
    { name: 'remark, distancing, cancellation', h: history(contact(), [...past(), push(60, 'snide'), push(30, 'distancing'), push(5, 'cancelled')]),
      severity: 'high', evidence: { count: 3, kinds: ['snide', 'distancing', 'cancelled'], escalating: true } },
    { name: 'remark then cancellation', h: history(contact(), [...past(), push(40, 'snide'), push(10, 'cancelled')]),
      severity: 'medium', evidence: { count: 2, escalating: true } },
    { name: 'two remarks', h: history(contact(), [...past(), push(40, 'snide'), push(10, 'snide')]), severity: 'medium',
      evidence: { count: 2, escalating: false } },
    { name: 'cancellation then a milder remark', h: history(contact(), [...past(), push(40, 'cancelled'), push(10, 'snide')]), severity: 'medium',
      evidence: { escalating: false } },
    { name: 'a cut-off three months ago, nothing since', h: history(contact(), [...past(), push(90, 'cut-off')]), severity: 'medium',
      evidence: { latestKind: 'cut-off' } },
    { name: 'one good meeting after a hostile one is a start', h: history(contact(), [...past(), push(40, 'hostile'), warm(10)]), severity: 'low',
      evidence: { goodSince: 1 } },
    { name: 'cool meetings do not repair', h: history(contact(), [...past(), push(40, 'hostile'), touch(ago(20), { tone: 'cool' }), touch(ago(5), { tone: 'cool' })]),
      severity: 'medium', evidence: {} },
    { name: 'unanswered outreach does not repair', h: history(contact(), [...past(), push(40, 'hostile'), ...every(10, 30, 0, { noReply: true })]),
      severity: 'medium', evidence: {} },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectPushAway(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'never any push-away', h: history(contact(), every(20, 300, 0)) },
    { name: 'an old push-away', h: history(contact(), [...past(), push(150, 'hostile')]) },
    { name: 'a single remark two months old', h: history(contact(), [...past(), push(70, 'snide')]) },
    { name: 'a remark answered by a good meeting', h: history(contact(), [...past(), push(20, 'snide'), warm(10)]) },
    { name: 'resolved by two good meetings', h: history(contact(), [...past(), push(60, 'hostile'), warm(40), touch(ago(15))]) },
    { name: 'an escalation, then repaired', h: history(contact(), [...past(), push(90, 'snide'), push(70, 'cancelled'), warm(40), warm(20)]) },
    { name: 'a push-away after as-of', h: history(contact(), [...past(), push(-5, 'cut-off')]) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectPushAway(h, AS_OF, T)).toBeNull();
  });
});
