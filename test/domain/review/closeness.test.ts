import { describe, expect, it } from 'vitest';
import { detectNoFaceToFace } from '../../../src/domain/review/no-face-to-face.js';
import { detectStageStalled } from '../../../src/domain/review/stage-stalled.js';
import { DEFAULT_THRESHOLDS as T } from '../../../src/domain/review/thresholds.js';
import type { ContactHistory } from '../../../src/domain/types.js';
import { AS_OF, ago, contact, every, history, touch } from './builders.js';

const calls = (fromAgo: number, toAgo: number) => every(30, fromAgo, toAgo, { channel: 'video' });

describe('detectNoFaceToFace', () => {
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'a friend on video for seven months', h: history(contact({ circle: 'friend', metOn: ago(900) }), [touch(ago(200)), ...calls(170, 5)]),
      severity: 'low', evidence: { lastInPerson: '2026-05-04', daysSince: 200, stage: 0, circle: 'friend' } },
    { name: 'a stage-3 client on calls for ten months', h: history(contact({ stages: [[3, ago(500)]] }), [touch(ago(300)), ...calls(270, 10)]),
      severity: 'medium', evidence: { stage: 3, stageName: 'whole-person', circle: 'client' } },
    { name: 'family never met in person in over a year', h: history(contact({ circle: 'family', metOn: ago(400) }), calls(390, 10)),
      severity: 'high', evidence: { lastInPerson: null, daysSince: 400 } },
    { name: 'a mentor, last seen at a conference long ago', h: history(contact({ circle: 'mentor' }), [touch(ago(500), { channel: 'event' }), ...calls(400, 20)]),
      severity: 'high', evidence: { daysSince: 500 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectNoFaceToFace(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'not close: a stage-2 client', h: history(contact({ stages: [[2, ago(500)]] }), [touch(ago(300)), ...calls(270, 10)]) },
    { name: 'a friend met recently in person', h: history(contact({ circle: 'friend' }), [touch(ago(400)), ...calls(300, 120), touch(ago(100)), ...calls(60, 5)]) },
    { name: 'an event counts as meeting in person', h: history(contact({ circle: 'friend' }), [touch(ago(400)), ...calls(300, 60), touch(ago(40), { channel: 'event' })]) },
    { name: 'known for less than six months', h: history(contact({ circle: 'family', metOn: ago(120) }), calls(110, 5)) },
    { name: 'no contact at all: that is a long gap', h: history(contact({ circle: 'friend' }), [touch(ago(300))]) },
    { name: 'stage 3 only reached after as-of', h: history(contact({ stages: [[2, ago(500)], [3, AS_OF + 10]] }), [touch(ago(300)), ...calls(270, 10)]) },
    { name: 'a friend seen in person a month ago', h: history(contact({ circle: 'friend' }), [touch(ago(400)), touch(ago(30))]) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectNoFaceToFace(h, AS_OF, T)).toBeNull();
  });

  it('an unanswered in-person attempt is not a meeting', () => {
    const h = history(contact({ circle: 'friend' }), [touch(ago(300)), ...calls(270, 20), touch(ago(10), { noReply: true })]);
    expect(detectNoFaceToFace(h, AS_OF, T)?.evidence).toMatchObject({ daysSince: 300 });
  });
});

describe('detectStageStalled', () => {
  const monthly = () => every(30, 360, 10);
  const flagged: Array<{ name: string; h: ContactHistory; severity: string; evidence: Record<string, unknown> }> = [
    { name: 'a year of work-only meetings on respected', h: history(contact({ stages: [[1, ago(700)], [2, ago(400)]] }), monthly()), severity: 'low',
      evidence: { stage: 2, stageName: 'respected', since: '2025-10-16', daysOnStage: 400, interactions: 12, outsideWork: 0, nextStage: 3, nextStageName: 'whole-person' } },
    { name: 'two years on whole-person', h: history(contact({ stages: [[3, ago(800)]] }), monthly()), severity: 'medium',
      evidence: { stage: 3, nextStageName: 'mingled' } },
    { name: 'no recorded change: the stage dates from the own date', h: history(contact({ stage: 1, metOn: ago(500) }), monthly()), severity: 'low',
      evidence: { stage: 1, daysOnStage: 500 } },
    { name: 'recording the same stage again does not restart the clock', h: history(contact({ stages: [[4, ago(500)], [4, ago(100)]] }), monthly()),
      severity: 'low', evidence: { stage: 4, daysOnStage: 500, nextStageName: 'enduring' } },
    { name: 'respected, with a single dinner outside work', h: history(contact({ stages: [[2, ago(400)]] }), [...monthly(), touch(ago(45), { outsideWork: true })]),
      severity: 'low', evidence: { outsideWork: 1 } },
    { name: 'a friend stuck at liked', h: history(contact({ circle: 'friend', stages: [[1, ago(400)]] }), monthly()), severity: 'low',
      evidence: { stage: 1, nextStageName: 'respected' } },
    { name: 'eight one-on-ones in a year are regular', h: history(contact({ stages: [[2, ago(800)]] }), every(45, 360, 10)), severity: 'medium',
      evidence: { interactions: 8, weightedInteractions: 8 } },
  ];
  it.each(flagged)('flags $name as $severity', ({ h, severity, evidence }) => {
    const flag = detectStageStalled(h, AS_OF, T);
    expect(flag).not.toBeNull();
    expect(flag!.severity).toBe(severity);
    expect(flag!.evidence).toMatchObject(evidence);
    expect(flag!.summary).toContain(String(evidence.nextStageName ?? ''));
  });

  it('names what the next rung takes', () => {
    const flag = detectStageStalled(history(contact({ stages: [[2, ago(400)]] }), monthly()), AS_OF, T)!;
    expect(flag.summary).toMatch(/outside work, one-on-one/);
  });

  const quiet: Array<{ name: string; h: ContactHistory }> = [
    { name: 'on the stage for only half a year', h: history(contact({ stages: [[2, ago(200)]] }), monthly()) },
    { name: 'the top rung', h: history(contact({ stages: [[5, ago(800)]] }), monthly()) },
    { name: 'a close friend staying close', h: history(contact({ circle: 'friend', stages: [[3, ago(800)]] }), monthly()) },
    { name: 'family, mingled for years', h: history(contact({ circle: 'family', stages: [[4, ago(2000)]] }), monthly()) },
    { name: 'respected and already meeting outside work', h: history(contact({ stages: [[2, ago(400)]] }),
      [...monthly(), touch(ago(100), { outsideWork: true }), touch(ago(45), { outsideWork: true })]) },
    { name: 'stage 0, stages not tracked', h: history(contact({ metOn: ago(800) }), monthly()) },
    { name: 'contact too sparse to be regular', h: history(contact({ stages: [[2, ago(800)]] }), every(90, 350, 10)) },
    { name: 'group meetings count half', h: history(contact({ stages: [[2, ago(800)]] }), every(45, 360, 10, { groupSize: 6 })) },
    { name: 'contact lapsed: that is a long gap', h: history(contact({ stages: [[2, ago(800)]] }), every(20, 360, 150)) },
    { name: 'promoted recently', h: history(contact({ stages: [[2, ago(800)], [3, ago(30)]] }), monthly()) },
    { name: 'promotion dated after as-of does not count yet', h: history(contact({ stages: [[2, ago(100)], [3, AS_OF + 5]] }), monthly()) },
  ];
  it.each(quiet)('leaves alone: $name', ({ h }) => {
    expect(detectStageStalled(h, AS_OF, T)).toBeNull();
  });
});
