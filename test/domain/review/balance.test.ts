import { describe, expect, it } from 'vitest';
import { detectOneSidedGiving } from '../../../src/domain/review/one-sided-giving.js';
import { detectOneSidedInitiation } from '../../../src/domain/review/one-sided-initiation.js';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import type { ContactHistory, Touch } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, every, history, touch } from './builders.js';

const gave = (on: number, ...kinds: Touch['gave']): Touch => touch(ago(on), { gave: kinds });
const got = (on: number, ...kinds: Touch['got']): Touch => touch(ago(on), { got: kinds });

describe('detectOneSidedGiving', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; direction: string; evidence: Record<string, unknown> }> = [
    { name: 'four gifts, nothing back', h: history(contact(), [gave(150, 'intro'), gave(100, 'resource'), gave(60, 'review'), gave(10, 'advice')]),
      severity: 'low', direction: 'giving', evidence: { gave: 4, got: 0, windowDays: 180, since: '2026-05-25' } },
    { name: 'six gifts, one back', h: history(contact(), [gave(170, 'intro', 'resource'), gave(120, 'review'), got(90, 'advice'), gave(60, 'favor', 'gift'), gave(5, 'support')]),
      severity: 'medium', direction: 'giving', evidence: { gave: 6, got: 1 } },
    { name: 'eleven gifts, nothing back: generosity is never an alarm', h: history(contact(), every(17, 170, 0, { gave: ['resource'] })),
      severity: 'medium', direction: 'giving', evidence: { gave: 11, got: 0 } },
    { name: 'eleven received, nothing given back', h: history(contact(), every(17, 170, 0, { got: ['referral'] })),
      severity: 'high', direction: 'taking', evidence: { gave: 0, got: 11 } },
    { name: 'they give, I do not', h: history(contact(), [got(150, 'referral'), got(100, 'intro'), got(50, 'business'), got(20, 'advice', 'support')]),
      severity: 'low', direction: 'taking', evidence: { gave: 0, got: 5 } },
    { name: 'taking, with one small return', h: history(contact(), [...every(25, 175, 0, { got: ['referral'] }), gave(30, 'gift')]),
      severity: 'medium', direction: 'taking', evidence: { gave: 1, got: 8 } },
  ];
  it.each(flagged)('flags $name ($direction, $severity)', ({ h, severity, direction, evidence }) => {
    const flag = detectOneSidedGiving(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.signal).toBe('one-sided-giving');
    expect(flag!.direction).toBe(direction);
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'too few exchanges to mean anything', h: history(contact(), [gave(100, 'intro'), gave(50, 'resource'), gave(10, 'review')]) },
    { name: 'balanced', h: history(contact(), [gave(150, 'intro'), got(120, 'advice'), gave(60, 'review'), got(30, 'referral'), gave(10, 'gift')]) },
    { name: 'giving first, with something back', h: history(contact(), [gave(150, 'intro'), gave(120, 'resource'), gave(60, 'review'), got(30, 'referral')]) },
    { name: 'old imbalance outside the window', h: history(contact(), every(10, 300, 200, { gave: ['resource'] })) },
    { name: 'future exchanges are ignored', h: history(contact(), [gave(50, 'intro'), ...every(3, -3, -30, { gave: ['gift'] })]) },
    { name: 'no exchanges', h: history(contact(), every(7, 170, 0)) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectOneSidedGiving(h, AS_OF, T)).toBeNull();
  });
});

describe('detectOneSidedInitiation', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'five started by me', h: history(contact(), every(30, 150, 30)), severity: 'low',
      evidence: { byMe: 5, byThem: 0, mutual: 0, windowDays: 180, since: '2026-05-25' } },
    { name: 'eight started by me', h: history(contact(), every(20, 170, 30)), severity: 'medium', evidence: { byMe: 8 } },
    { name: 'twelve started by me', h: history(contact(), every(14, 170, 0)), severity: 'high', evidence: { byMe: 13 } },
    { name: 'ten by me, one arranged together', h: history(contact(), [...every(15, 165, 30), touch(ago(20), { by: 'mutual' })]), severity: 'medium',
      evidence: { byMe: 10, mutual: 1 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectOneSidedInitiation(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'they reach out too', h: history(contact(), [...every(30, 150, 30), touch(ago(10), { by: 'them' })]) },
    { name: 'a mentor: asking for their time is my part', h: history(contact({ circle: 'mentor' }), every(14, 170, 0)) },
    { name: 'four is not yet a pattern', h: history(contact(), every(30, 120, 30)) },
    { name: 'group meetings say little', h: history(contact(), every(20, 160, 0, { groupSize: 4 })) },
    { name: 'unanswered outreach is the unanswered rule', h: history(contact(), every(20, 160, 0, { noReply: true })) },
    { name: 'old history outside the window', h: history(contact(), every(20, 400, 200)) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectOneSidedInitiation(h, AS_OF, T)).toBeNull();
  });

  it('stays silent when the journal never records who started a conversation', () => {
    const h = history(contact(), every(14, 170, 0));
    expect(detectOneSidedInitiation(h, AS_OF, T, { initiatorsRecorded: false })).toBeNull();
    expect(detectOneSidedInitiation(h, AS_OF, T, { initiatorsRecorded: true })?.severity).toBe('high');
  });
});
