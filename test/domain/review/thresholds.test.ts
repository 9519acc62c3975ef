import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../src/domain/review/thresholds.js';
import { CIRCLES } from '../../../src/domain/vocab.js';

describe('DEFAULT_THRESHOLDS', () => {
  it('has a rhythm for every circle', () => {
    for (const circle of CIRCLES) expect(DEFAULT_THRESHOLDS.circleRhythmDays[circle]).toBeGreaterThan(0);
  });
  it('is what docs/review-rules.md says, key for key', () => {
    const doc = readFileSync(new URL('../../../docs/review-rules.md', import.meta.url), 'utf8');
    const documented: Record<string, Record<string, number>> = {};
    for (const m of doc.matchAll(/^\| `(\w+)` \| ((?:\w+ [\d.]+(?:, )?)+) \|$/gm)) {
      documented[m[1]!] = Object.fromEntries(m[2]!.split(', ').map((pair) => {
        const [key, value] = pair.split(' ') as [string, string];
        return [key, Number(value)];
      }));
    }
    expect(documented).toEqual(DEFAULT_THRESHOLDS);
  });

  it('is itself a valid configuration', () => {
    expect(mergeThresholds(DEFAULT_THRESHOLDS, {})).toEqual(DEFAULT_THRESHOLDS);
  });
});

describe('mergeThresholds', () => {
  it('treats a missing file as no change, and returns a copy', () => {
    for (const none of [undefined, null]) {
      const merged = mergeThresholds(DEFAULT_THRESHOLDS, none);
      expect(merged).toEqual(DEFAULT_THRESHOLDS);
      expect(merged).not.toBe(DEFAULT_THRESHOLDS);
      expect(merged.longGap).not.toBe(DEFAULT_THRESHOLDS.longGap);
    }
  });

  it('keeps fractions where the rule weighs them (ratios, scores, expected counts, weighted meetings)', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, { fading: { minExpectedRecent: 1.5 }, pushAway: { highScore: 3.5 }, stageStalled: { minInteractions: 5.5 } });
    expect([merged.fading.minExpectedRecent, merged.pushAway.highScore, merged.stageStalled.minInteractions]).toEqual([1.5, 3.5, 5.5]);
  });

  it('applies only the keys given and leaves the base untouched', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, JSON.parse('{"longGap":{"lowRatio":1.2},"circleRhythmDays":{"client":14}}'));
    expect(merged.longGap).toEqual({ ...DEFAULT_THRESHOLDS.longGap, lowRatio: 1.2 });
    expect(merged.circleRhythmDays.client).toBe(14);
    expect(merged.circleRhythmDays.friend).toBe(45);
    expect(DEFAULT_THRESHOLDS.longGap.lowRatio).toBe(1.5);
    expect(DEFAULT_THRESHOLDS.circleRhythmDays.client).toBe(30);
  });

  const bad: Array<{ name: string; input: unknown; message: RegExp }> = [
    { name: 'not an object', input: [1, 2], message: /must be a JSON object.*an array/ },
    { name: 'a string', input: 'strict', message: /must be a JSON object/ },
    { name: 'unknown group', input: { longgap: { lowRatio: 2 } }, message: /unknown review threshold "longgap"; expected one of: circleRhythmDays, rhythm, longGap/ },
    { name: 'unknown key', input: { longGap: { low: 2 } }, message: /unknown review threshold "longGap.low"; expected one of: lowRatio/ },
    { name: 'unknown circle', input: { circleRhythmDays: { customer: 30 } }, message: /"circleRhythmDays.customer"/ },
    { name: 'prototype key', input: JSON.parse('{"__proto__":{"x":1}}'), message: /unknown review threshold "__proto__"/ },
    { name: 'group is not an object', input: { fading: 0.5 }, message: /"fading" must be an object of keys to change, got 0.5/ },
    { name: 'a string number', input: { longGap: { lowRatio: '2' } }, message: /"longGap.lowRatio" must be a number, got the string "2"/ },
    { name: 'null value', input: { pushAway: { windowDays: null } }, message: /"pushAway.windowDays" must be a number, got null/ },
    { name: 'negative', input: { unanswered: { minWaitDays: -1 } }, message: /"unanswered.minWaitDays" must be 0 or more, got -1/ },
    { name: 'zero window', input: { oneSidedGiving: { windowDays: 0 } }, message: /"oneSidedGiving.windowDays" must be greater than 0/ },
    { name: 'zero circle rhythm', input: { circleRhythmDays: { friend: 0 } }, message: /"circleRhythmDays.friend" must be greater than 0/ },
    { name: 'a share above 1', input: { oneSidedGiving: { maxLighterShare: 2 } }, message: /"oneSidedGiving.maxLighterShare" is a share/ },
    { name: 'half a day in a window', input: { fading: { baselineDays: 365.5 } }, message: /"fading.baselineDays" is a number of days and must be a whole number, got 365.5/ },
    { name: 'half a day of rhythm', input: { circleRhythmDays: { friend: 40.5 } }, message: /"circleRhythmDays.friend" is a number of days and must be a whole number/ },
    { name: 'a fraction of a gap', input: { rhythm: { sampleGaps: 8.5 } }, message: /"rhythm.sampleGaps" is a number of times and must be a whole number, got 8.5/ },
    { name: 'a fraction of a day overdue', input: { longGap: { minDaysOverdue: 1.5 } }, message: /"longGap.minDaysOverdue" is a number of days/ },
    { name: 'a ladder upside down', input: { longGap: { lowRatio: 5 } }, message: /"longGap.lowRatio" \(5\) must not be greater than "longGap.mediumRatio" \(2\)/ },
    { name: 'fading ladder upside down', input: { fading: { highRatio: 0.5 } }, message: /"fading.highRatio" \(0.5\) must not be greater than "fading.mediumRatio"/ },
  ];
  it.each(bad)('refuses $name with a one-line message naming the key', ({ input, message }) => {
    let error: unknown;
    try {
      mergeThresholds(DEFAULT_THRESHOLDS, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('accepts a consistent ladder moved as a whole', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, { longGap: { lowRatio: 3, mediumRatio: 4, highRatio: 6 } });
    expect(merged.longGap).toMatchObject({ lowRatio: 3, mediumRatio: 4, highRatio: 6 });
  });
});
