import { describe, expect, it } from 'vitest';
import { detectOverduePromise } from '../../../src/domain/review/overdue-promise.js';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import type { PromiseRecord } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, history, promise } from './builders.js';

describe('detectOverduePromise', () => {
  const flagged: Array<{ name: string; promises: PromiseRecord[]; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'mine, a few days late', promises: [promise({ due: ago(5), text: 'send the deck' })], severity: 'low',
      evidence: { text: 'send the deck', by: 'me', due: '2026-11-15', daysOverdue: 5, count: 1 } },
    { name: 'mine, two weeks late', promises: [promise({ due: ago(20) })], severity: 'medium', evidence: { daysOverdue: 20 } },
    { name: 'mine, a month late', promises: [promise({ due: ago(40) })], severity: 'high', evidence: { daysOverdue: 40 } },
    { name: 'theirs, ten days late', promises: [promise({ by: 'them', due: ago(10) })], severity: 'low', evidence: { by: 'them' } },
    { name: 'theirs, long overdue, is never high', promises: [promise({ by: 'them', madeOn: ago(200), due: ago(150) })], severity: 'medium',
      evidence: { daysOverdue: 150 } },
    { name: 'kept only after as-of: still open then', promises: [promise({ due: ago(20), doneOn: AS_OF + 2 })], severity: 'medium', evidence: {} },
    { name: 'mine listed first, severity the highest', promises: [promise({ by: 'them', madeOn: ago(90), due: ago(60), text: 'their intro' }), promise({ due: ago(3), text: 'my notes' })],
      severity: 'medium', evidence: { text: 'my notes', by: 'me', count: 2, mine: 1, theirs: 1 } },
    { name: 'the most overdue of mine first', promises: [promise({ due: ago(3), text: 'a' }), promise({ madeOn: ago(60), due: ago(35), text: 'b' })],
      severity: 'high', evidence: { text: 'b', daysOverdue: 35, count: 2 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ promises, severity, evidence }) => {
    const c = contact();
    const flag = detectOverduePromise(history(c, [], promises), AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
    expect(flag!.evidence.promiseId).toBe((flag!.evidence.promises as Array<{ promiseId: number }>)[0]!.promiseId);
  });

  const quiet: Array<{ name: string; promises: PromiseRecord[] }> = [
    { name: 'kept', promises: [promise({ due: ago(20), doneOn: ago(18) })] },
    { name: 'due today', promises: [promise({ due: AS_OF })] },
    { name: 'not due yet', promises: [promise({ due: AS_OF + 5 })] },
    { name: 'no due date', promises: [promise({ due: null, madeOn: ago(300) })] },
    { name: 'theirs, only a few days late', promises: [promise({ by: 'them', due: ago(3) })] },
    { name: 'made after as-of', promises: [promise({ madeOn: AS_OF + 1, due: ago(5) })] },
    { name: 'none', promises: [] },
  ];
  it.each(quiet)('leaves alone: $name', ({ promises }) => {
    expect(detectOverduePromise(history(contact(), [], promises), AS_OF, T)).toBeNull();
  });

  it('keeps the summary to one line for long promise text', () => {
    const text = `review the whole contract\nincluding ${'annex '.repeat(40)}`;
    const flag = detectOverduePromise(history(contact(), [], [promise({ text })]), AS_OF, T)!;
    expect(flag.summary).not.toMatch(/\n/);
    expect(flag.summary.length).toBeLessThan(220);
    expect(flag.evidence.text).toBe(text);
  });
});
