import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import { detectUnanswered } from '../../../src/domain/review/unanswered.js';
import type { ContactHistory, Touch } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, every, history, touch } from './builders.js';

const silent = (on: number, over: Partial<Touch> = {}): Touch => touch(ago(on), { channel: 'email', noReply: true, ...over });
const before = (): Touch[] => every(30, 300, 60);

describe('detectUnanswered', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'two in a row', h: history(contact(), [...before(), silent(20), silent(10)]), severity: 'low',
      evidence: { inARow: 2, since: '2026-10-31', lastAttempt: '2026-11-10' } },
    { name: 'three in a row', h: history(contact(), [...before(), silent(40), silent(25), silent(10)]), severity: 'medium', evidence: { inARow: 3 } },
    { name: 'four in a row', h: history(contact(), [...before(), silent(50), silent(40), silent(25), silent(3)]), severity: 'high', evidence: { inARow: 4 } },
    { name: 'an unanswered group message is skipped, not a reset', h: history(contact(), [...before(), silent(20), silent(15, { groupSize: 5 }), silent(10)]),
      severity: 'low', evidence: { inARow: 2 } },
    { name: 'never answered at all', h: history(contact(), [silent(40), silent(20), silent(9)]), severity: 'medium', evidence: { inARow: 3 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectUnanswered(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'one unanswered note', h: history(contact(), [...before(), silent(10)]) },
    { name: 'they answered in the end', h: history(contact(), [...before(), silent(40), silent(25), silent(10), touch(ago(5), { channel: 'email' })]) },
    { name: 'they got in touch themselves', h: history(contact(), [...before(), silent(40), silent(25), touch(ago(5), { by: 'them', channel: 'call' })]) },
    { name: 'too soon to call it silence', h: history(contact(), [...before(), silent(5), silent(2)]) },
    { name: 'an earlier run that ended', h: history(contact(), [silent(100), silent(90), silent(80), ...every(20, 60, 0)]) },
    { name: 'silence only after as-of', h: history(contact(), [...before(), silent(-10), silent(-20)]) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectUnanswered(h, AS_OF, T)).toBeNull();
  });
});
