import { describe, expect, it } from 'vitest';
import { detectLongGap } from '../../../src/domain/review/long-gap.js';
import { expectedRhythm } from '../../../src/domain/review/rhythm.js';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import type { ContactHistory } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, every, history, touch } from './builders.js';

const monthly = { cadenceDays: 30, metOn: ago(300) };

describe('expectedRhythm', () => {
  const cases: Array<{ name: string; h: ContactHistory; days: number; source: string }> = [
    { name: 'the cadence the user set wins', h: history(contact({ cadenceDays: 10 }), every(60, 400, 40)), days: 10, source: 'cadence' },
    { name: 'learned: median of the latest gaps', h: history(contact(), every(21, 300, 10)), days: 21, source: 'history' },
    { name: 'learned ignores one odd gap', h: history(contact(), [...every(20, 200, 100), touch(ago(30))]), days: 20, source: 'history' },
    { name: 'learned clamps to two weeks', h: history(contact(), every(2, 30, 0)), days: 14, source: 'history' },
    { name: 'learned needs four gaps', h: history(contact({ circle: 'friend' }), every(10, 40, 10)), days: 45, source: 'circle' },
    { name: 'same-day touches are one contact', h: history(contact({ circle: 'mentor' }), [...every(30, 90, 0), ...every(30, 90, 0)]), days: 60, source: 'circle' },
    { name: 'unanswered outreach teaches nothing', h: history(contact({ circle: 'prospect' }), every(7, 70, 0, { noReply: true })), days: 21, source: 'circle' },
    { name: 'only the past counts', h: history(contact({ circle: 'other' }), [touch(ago(50)), ...every(5, -10, -40)]), days: 90, source: 'circle' },
  ];
  it.each(cases)('$name', ({ h, days, source }) => {
    expect(expectedRhythm(h, AS_OF, T)).toEqual({ days, source });
  });
});

describe('detectLongGap', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'cadence 30, 50 days', h: history(contact(monthly), [touch(ago(50))]), severity: 'low',
      evidence: { daysSince: 50, expectedDays: 30, rhythmSource: 'cadence', daysOverdue: 20, lastContact: '2026-10-01' } },
    { name: 'cadence 30, 65 days', h: history(contact(monthly), [touch(ago(65))]), severity: 'medium', evidence: { daysSince: 65 } },
    { name: 'cadence 30, 95 days', h: history(contact(monthly), [touch(ago(95))]), severity: 'high', evidence: { daysOverdue: 65 } },
    { name: 'learned fortnightly rhythm, six weeks of silence', h: history(contact(), every(14, 210, 42)), severity: 'high',
      evidence: { expectedDays: 14, rhythmSource: 'history', daysSince: 42 } },
    { name: 'friend circle default, 100 days', h: history(contact({ circle: 'friend' }), [touch(ago(300)), touch(ago(100))]), severity: 'medium',
      evidence: { expectedDays: 45, rhythmSource: 'circle' } },
    { name: 'met but never followed up', h: history(contact({ metOn: ago(120) })), severity: 'high',
      evidence: { lastContact: '2026-07-23', lastContactIsMetOn: true, daysSince: 120 } },
    { name: 'unanswered outreach is not contact', h: history(contact(monthly), [touch(ago(70)), touch(ago(5), { noReply: true })]), severity: 'medium',
      evidence: { daysSince: 70 } },
    { name: 'touches after as-of are ignored', h: history(contact(monthly), [touch(ago(70)), touch(AS_OF + 5)]), severity: 'medium',
      evidence: { daysSince: 70 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectLongGap(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.signal).toBe('long-gap');
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
    expect(flag!.summary).toMatch(/reconnect/);
    expect(flag!.summary).not.toMatch(/neglect/i);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'in rhythm', h: history(contact(monthly), [touch(ago(20))]) },
    { name: 'a little late', h: history(contact(monthly), [touch(ago(40))]) },
    { name: 'weekly cadence but under two weeks overdue', h: history(contact({ cadenceDays: 7, metOn: ago(300) }), [touch(ago(20))]) },
    { name: 'known for less than one rhythm', h: history(contact({ metOn: ago(20) })) },
    { name: 'new, first met recently', h: history(contact({ circle: 'other' }), [touch(ago(60))]) },
    { name: 'never in touch and no met-on date', h: history(contact()) },
    { name: 'quarterly rhythm, 100 days', h: history(contact(), every(90, 460, 100)) },
    { name: 'a touch after as-of does not make them known earlier', h: history(contact({ circle: 'other' }), [touch(AS_OF + 1)]) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectLongGap(h, AS_OF, T)).toBeNull();
  });
});
