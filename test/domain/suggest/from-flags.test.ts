/**
 * The mapping from the review's flags to steps, with hand-built flags passed as `flags`, so
 * these tests pin the contract on the flags' shapes independently of the review's rules.
 */
import { describe, expect, it } from 'vitest';
import { mayAnswerUrgently } from '../../../src/domain/suggest/from-flags.js';
import { suggestSteps } from '../../../src/domain/suggest/index.js';
import { SIGNALS } from '../../../src/domain/vocab.js';
import type { Flag, Suggestion } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, flag, history, regular } from './builders.js';

const ada = contact('Ada Lovelace', { stage: 3, circle: 'friend', interests: ['sailing'], stageHistory: [{ stage: 3, on: ago(100), note: '' }] });
const adaHistory = history(ada, regular(305, 5, 20));

function stepsFor(flags: Flag[]): Suggestion[] {
  return suggestSteps([adaHistory], AS_OF, { contactId: ada.id, flags, limit: 50 });
}

const cases: Array<{ name: string; flags: Flag[]; kind: Suggestion['kind'] | null; action?: RegExp; why?: RegExp; log?: string }> = [
  {
    name: 'my overdue promise',
    flags: [flag(ada, { signal: 'overdue-promise', severity: 'high', evidence: { promiseId: 7, text: 'send the deck', by: 'me', due: '2026-05-01', daysOverdue: 31 } })],
    kind: 'keep-promise', action: /^Keep your promise to Ada Lovelace: send the deck$/, why: /due 2026-05-01 \(31 days ago\)/, log: 'rel done 7',
  },
  {
    name: 'their overdue promise gives no step of mine',
    flags: [flag(ada, { signal: 'overdue-promise', severity: 'low', evidence: { promiseId: 8, text: 'send references', by: 'them', due: '2026-05-01', daysOverdue: 31 } })],
    kind: null,
  },
  {
    name: 'push-away, escalating to a cut-off',
    flags: [flag(ada, { signal: 'push-away', severity: 'high', evidence: { count: 3, windowDays: 120, latestOn: '2026-05-25', latestKind: 'cut-off', kinds: ['late', 'cancelled', 'cut-off'], escalating: true } })],
    kind: 'repair', action: /door open/, why: /^3 push-aways in the last 120 days; the latest, a cut-off, on 2026-05-25, 7 days ago; they have been getting stronger\./,
  },
  {
    name: 'one-sided taking',
    flags: [flag(ada, { signal: 'one-sided-giving', direction: 'taking', severity: 'medium', evidence: { gave: 0, got: 6, windowDays: 180, since: '2025-12-04' } })],
    kind: 'give-first', action: /^Give Ada Lovelace something before asking for anything: /, why: /gave you 6 things and you gave 0 over the last 180 days/,
  },
  {
    name: 'one-sided giving (mine) gives no step',
    flags: [flag(ada, { signal: 'one-sided-giving', direction: 'giving', evidence: { gave: 6, got: 0, windowDays: 180 } })],
    kind: null,
  },
  {
    name: 'long gap',
    flags: [flag(ada, { signal: 'long-gap', severity: 'high', evidence: { lastContact: '2026-01-01', daysSince: 151, expectedDays: 45, rhythmSource: 'circle', daysOverdue: 106 } })],
    kind: 'reconnect', action: /^Reconnect with Ada Lovelace: send a short, friendly note about sailing, with nothing to ask$/,
    why: /Last contact was on 2026-01-01, 151 days ago; your rhythm is about every 45 days \(usual for a friend\)/,
    log: "rel log 'Ada Lovelace' --channel message",
  },
  {
    name: 'fading',
    flags: [flag(ada, { signal: 'fading', evidence: { recentCount: 1, recentWindowDays: 90, expectedRecent: 6, usualPerMonth: 2, recentPerMonth: 0.3, lastContact: '2026-04-01' } })],
    kind: 'reconnect', action: /rhythm back up/, why: /1 contact in the last 90 days, where about 6 would be usual; about 2 a month before, 0.3 lately/,
  },
  {
    name: 'unanswered',
    flags: [flag(ada, { signal: 'unanswered', evidence: { inARow: 3, since: '2026-04-10', lastAttempt: '2026-05-20' } })],
    kind: 'reconnect', action: /needs no answer/, why: /Your last 3 messages since 2026-04-10 got no reply \(the latest on 2026-05-20\)/,
  },
  {
    name: 'one-sided initiation gives no step (chasing more is not the answer)',
    flags: [flag(ada, { signal: 'one-sided-initiation', evidence: { byMe: 9, byThem: 0, mutual: 0, windowDays: 180 } })],
    kind: null,
  },
  {
    name: 'no face-to-face',
    flags: [flag(ada, { signal: 'no-face-to-face', evidence: { lastInPerson: '2025-04-01', daysSince: 426, stage: 3, circle: 'friend' } })],
    kind: 'meet-in-person', action: /^Meet Ada Lovelace in person/, why: /last in-person meeting was on 2025-04-01, 426 days ago/,
    log: "rel log 'Ada Lovelace' --channel in-person",
  },
  {
    name: 'stage stalled gives no step of its own (deepen comes from the stage)',
    flags: [flag(ada, { signal: 'stage-stalled', evidence: { stage: 3, sinceDays: 400 } })],
    kind: null,
  },
  {
    name: 'evidence missing altogether still gives a kind step',
    flags: [flag(ada, { signal: 'long-gap', evidence: {} })],
    kind: 'reconnect', why: /No contact logged yet/,
  },
];

describe('flags to steps', () => {
  it.each(cases)('$name', ({ flags, kind, action, why, log }) => {
    const steps = stepsFor(flags).filter((s) => ['keep-promise', 'repair', 'give-first', 'reconnect', 'meet-in-person'].includes(s.kind));
    if (kind === null) {
      expect(steps).toEqual([]);
      return;
    }
    expect(steps).toHaveLength(1);
    const [step] = steps;
    expect(step!.kind).toBe(kind);
    if (action) expect(step!.action).toMatch(action);
    if (why) expect(step!.why).toMatch(why);
    if (log) expect(step!.logCommand).toBe(log);
  });
});

describe('mayAnswerUrgently', () => {
  const URGENT = ['keep-promise', 'repair', 'give-first'];

  it('covers every review signal in the cases above', () => {
    expect(new Set(cases.flatMap((c) => c.flags.map((f) => f.signal)))).toEqual(new Set(SIGNALS));
  });

  it.each(cases)('$name: true exactly when the flag gives an urgent step', ({ flags, kind }) => {
    // A false "no" would drop a step from the journal-wide list; a false "yes" only costs time,
    // and the one flag that may answer with nothing is someone else's overdue promise.
    const urgent = stepsFor(flags).some((s) => URGENT.includes(s.kind));
    expect(urgent).toBe(kind !== null && URGENT.includes(kind));
    if (urgent) expect(mayAnswerUrgently(flags[0]!)).toBe(true);
    else if (flags[0]!.signal !== 'overdue-promise') expect(mayAnswerUrgently(flags[0]!)).toBe(false);
  });
});

describe('score bands', () => {
  const all = [
    flag(ada, { signal: 'stage-stalled', severity: 'medium', evidence: {} }),
    flag(ada, { signal: 'long-gap', severity: 'high', evidence: { expectedDays: 30, daysOverdue: 200 } }),
    flag(ada, { signal: 'one-sided-giving', direction: 'taking', severity: 'high', evidence: { gave: 0, got: 12 } }),
    flag(ada, { signal: 'push-away', severity: 'low', evidence: { count: 1, latestKind: 'late' } }),
    flag(ada, { signal: 'overdue-promise', severity: 'low', evidence: { promiseId: 1, by: 'me', text: 'x', daysOverdue: 1 } }),
  ];

  it('orders keep-promise, repair, give-first, then the rest, whatever the severities', () => {
    const kinds = stepsFor(all).map((s) => s.kind);
    expect(kinds.slice(0, 4)).toEqual(['keep-promise', 'repair', 'give-first', 'share-resource']);
  });

  it('keeps each band inside its range', () => {
    for (const s of stepsFor(all)) {
      const [lo, hi] = { 'keep-promise': [90, 100], repair: [80, 90], 'give-first': [70, 80] }[s.kind as 'repair'] ?? [20, 70];
      expect(s.score).toBeGreaterThanOrEqual(lo!);
      expect(s.score).toBeLessThanOrEqual(hi!);
    }
  });

  it('ignores flags about other or unknown contacts', () => {
    const other = contact('Someone Else');
    expect(stepsFor([flag(other, { signal: 'overdue-promise', evidence: { by: 'me', promiseId: 3, text: 'x' } })])
      .some((s) => s.kind === 'keep-promise')).toBe(false);
  });

  it('merges two reconnect reasons into one step', () => {
    const steps = stepsFor([
      flag(ada, { signal: 'long-gap', severity: 'high', evidence: { lastContact: '2026-01-01', expectedDays: 30, daysOverdue: 120 } }),
      flag(ada, { signal: 'unanswered', severity: 'low', evidence: { inARow: 2 } }),
    ]).filter((s) => s.kind === 'reconnect');
    expect(steps).toHaveLength(1);
    expect(steps[0]!.why).toMatch(/Last contact was on 2026-01-01.*got no reply/);
  });
});
