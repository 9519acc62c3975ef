import { describe, expect, it } from 'vitest';
import { detectFading } from '../../../src/domain/review/fading.js';
import { detectLongGap } from '../../../src/domain/review/long-gap.js';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import type { ContactHistory, Touch } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, every, history, touch } from './builders.js';

/** A year of weekly meetings that ended 91 days ago (the project wrapped up). */
const weeklyYear = (): Touch[] => every(7, 455, 91);

describe('detectFading', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'weekly, then four meetings in a quarter', h: history(contact(), [...weeklyYear(), ...every(20, 75, 15)]), severity: 'low',
      evidence: { recentCount: 4, recentWindowDays: 90, expectedRecent: 12.8, usualPerMonth: 4.3, recentPerMonth: 1.3, lastContact: '2026-11-05' } },
    { name: 'weekly, then two', h: history(contact(), [...weeklyYear(), touch(ago(60)), touch(ago(20))]), severity: 'medium',
      evidence: { recentCount: 2 } },
    { name: 'weekly, then one', h: history(contact(), [...weeklyYear(), touch(ago(10))]), severity: 'high', evidence: { recentCount: 1 } },
    { name: 'monthly, then one in the quarter', h: history(contact(), [...every(30, 455, 91), touch(ago(30))]), severity: 'low',
      evidence: { recentCount: 1, usualPerMonth: 1 } },
    { name: 'several messages on one day count once', h: history(contact(), [...weeklyYear(), touch(ago(10)), touch(ago(10)), touch(ago(10))]),
      severity: 'high', evidence: { recentCount: 1 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectFading(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
  });

  it('flags a fade even before long-gap has anything to say', () => {
    const h = history(contact(), [...weeklyYear(), touch(ago(60)), touch(ago(20))]);
    expect(detectFading(h, AS_OF, T)).not.toBeNull();
    expect(detectLongGap(h, AS_OF, T)).toBeNull();
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'steady weekly', h: history(contact(), every(7, 455, 0)) },
    { name: 'a slightly quieter quarter', h: history(contact(), [...weeklyYear(), ...every(14, 84, 0)]) },
    { name: 'too little history before the quarter', h: history(contact(), every(7, 150, 80)) },
    { name: 'a six-weekly contact having a quiet quarter', h: history(contact(), every(45, 455, 91)) },
    { name: 'monthly, then two in the quarter', h: history(contact(), [...every(30, 455, 91), touch(ago(60)), touch(ago(10))]) },
    { name: 'unanswered outreach is not a baseline', h: history(contact(), every(7, 455, 91, { noReply: true })) },
    { name: 'no history at all', h: history(contact()) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectFading(h, AS_OF, T)).toBeNull();
  });

  it('judges as of the day given, ignoring later touches', () => {
    // Seen weekly until 91 days ago, then again weekly after as-of: as of AS_OF it has faded.
    const h = history(contact(), [...weeklyYear(), touch(ago(10)), ...every(7, -7, -70)]);
    expect(detectFading(h, AS_OF, T)?.severity).toBe('high');
  });
});
