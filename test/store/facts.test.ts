/**
 * The store's touch facts against their definition. `loadHistories` reads each contact's facts
 * with SQL over migration 004's packed participant rows (src/store/facts.ts); `touchFacts`
 * (src/domain/review/facts.ts) defines them from the plain list of touches, which
 * `loadHistoriesWithTouches` reads. For every contact the two must agree, on:
 *
 * 1. journals made by the benchmark's generator and a hand-made one full of edge cases, at
 *    several as-of days and three threshold sets;
 * 2. small random journals (fast-check), at a random as-of day, often one that puts a touch on a
 *    window's edge;
 * 3. journals written at schema v3 and upgraded: migration 004 must pack every participant row
 *    exactly as `touchBits` packs a new one, with the same counts of items given and received;
 * 4. a journal reaching back before 1970 (negative day numbers; once wrongly decoded, see the end).
 *
 * Everything goes through the store's exported functions, never its SQL, so the statements can
 * change freely as long as the facts stay the same.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseIsoDay } from '../../src/domain/dates.js';
import { factsOf, factWindows, touchFacts, type TouchFacts } from '../../src/domain/review/facts.js';
import { DEFAULT_THRESHOLDS, mergeThresholds, type ReviewThresholds } from '../../src/domain/review/thresholds.js';
import type { Day, Interaction } from '../../src/domain/types.js';
import {
  CHANNELS, GIVE_KINDS, INITIATORS, PUSH_AWAY_KINDS, TONES,
  type Channel, type GiveKind, type Initiator, type PushAwayKind, type Tone,
} from '../../src/domain/vocab.js';
import { touchBits } from '../../src/store/facts.js';
import { loadHistories, loadHistoriesWithTouches, type HistoryFilter } from '../../src/store/history.js';
import { listMigrations, openJournal, type Db } from '../../src/store/journal.js';
import { ok, tempDir } from '../helpers/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

function day(iso: string): Day {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

/** The generator's "today", and the harness clock's. */
const TODAY = day('2026-11-20');

// ---- threshold sets -----------------------------------------------------------------------------

/** Every window shorter than the default (the warmth window, fixed at 365 days, is then the longest). */
const NARROW = mergeThresholds(DEFAULT_THRESHOLDS, {
  fading: { recentWindowDays: 60, baselineDays: 200 },
  oneSidedGiving: { windowDays: 90 },
  oneSidedInitiation: { windowDays: 45 },
  pushAway: { windowDays: 30 },
  noFaceToFace: { lowDays: 100 },
  stageStalled: { lowDays: 200 },
  rhythm: { sampleGaps: 3 },
});

/** Every window longer: fading's look-back (720 days) outreaches the warmth window. */
const WIDE = mergeThresholds(DEFAULT_THRESHOLDS, {
  fading: { recentWindowDays: 120, baselineDays: 600 },
  oneSidedGiving: { windowDays: 400 },
  oneSidedInitiation: { windowDays: 500 },
  pushAway: { windowDays: 400 },
  noFaceToFace: { lowDays: 500, mediumDays: 600, highDays: 700 },
  stageStalled: { lowDays: 700 },
  rhythm: { sampleGaps: 20 },
});

const THRESHOLDS: Array<[string, ReviewThresholds]> = [['default', DEFAULT_THRESHOLDS], ['narrow', NARROW], ['wide', WIDE]];

// ---- the comparison -----------------------------------------------------------------------------

/**
 * The facts to compare: all of TouchFacts but `fadingLastDay`, which TouchFacts documents as
 * "working state of `countTouch`" (the latest day already counted into the fading
 * figures), not a fact any rule reads; the store may keep it or not.
 */
type DefinedFacts = Omit<TouchFacts, 'fadingLastDay'>;

function defined(f: TouchFacts): DefinedFacts {
  const { fadingLastDay: _workingState, ...rest } = f;
  return rest;
}

/**
 * Asserts that, as of `asOf` under `t`, the store's facts equal the definition's for every
 * contact, and that both loaders return the same contacts. Returns the store's facts by contact id.
 */
function expectSameFacts(db: Db, asOf: Day, t: ReviewThresholds, label: string, filter: HistoryFilter = {}): Map<number, DefinedFacts> {
  const where = `${label}, as of ${formatDay(asOf)}`;
  const fromStore = loadHistories(db, asOf, t, filter);
  const withTouches = loadHistoriesWithTouches(db, asOf, filter);
  const ids = (hs: Array<{ contact: { id: number } }>) => hs.map((h) => h.contact.id).sort((a, b) => a - b);
  expect(ids(fromStore), `${where}: the same contacts`).toEqual(ids(withTouches));
  const stored = new Map(fromStore.map((h) => [h.contact.id, h]));
  const windows = factWindows(t);
  const out = new Map<number, DefinedFacts>();
  for (const h of withTouches) {
    const s = stored.get(h.contact.id)!;
    // Without facts, factsOf would work them out from the (empty) touches: the store must have read them.
    expect(s.facts, `${where}: ${h.contact.name} has facts from the store`).toBeDefined();
    const actual = defined(factsOf(s, asOf, t));
    const expected = defined(touchFacts(h.touches, asOf, windows));
    if (!isDeepEqual(actual, expected)) {
      const touches = h.touches.filter((x) => x.on <= asOf).map((x) => ({ ...x, day: formatDay(x.on) }));
      expect(actual, `${where}: contact ${h.contact.id} "${h.contact.name}"; its touches: ${JSON.stringify(touches)}`).toEqual(expected);
    }
    out.set(h.contact.id, actual);
  }
  return out;
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

/** The fact fields that differ from their empty value in at least one of `facts`. */
function exercised(facts: Iterable<DefinedFacts>, into = new Set<string>()): Set<string> {
  for (const f of facts) {
    for (const [k, v] of Object.entries(f)) {
      if (k === 'asOf' || k === 'windows') continue;
      if (v !== null && v !== 0 && v !== false && !(Array.isArray(v) && v.length === 0)) into.add(k);
    }
  }
  return into;
}

/** Every field of TouchFacts but the as-of day, the windows and the working state. */
const FACT_FIELDS = [
  'firstOn', 'firstReached', 'lastReached', 'lastInPerson', 'lastBusiness', 'othersStarted', 'reachedDays',
  'fadingRecentDays', 'fadingBaselineDays', 'gave', 'got', 'byMe', 'byThem', 'mutual', 'faceWindowReached',
  'stageReached', 'stageHalves', 'stageOutsideWork', 'stageOutsideOneOnOne', 'warmthReached', 'warmthWarm',
  'warmthCool', 'warmthPushAways', 'pushAways', 'goodSincePushAway', 'unansweredRun', 'unansweredFirst', 'unansweredLast',
] as const satisfies ReadonlyArray<keyof DefinedFacts>;

// ---- building journals --------------------------------------------------------------------------

interface Spec {
  on: Day;
  who: string[];
  channel?: Channel;
  by?: Initiator;
  outsideWork?: boolean;
  tone?: Tone;
  push?: PushAwayKind;
  noReply?: boolean;
  gave?: GiveKind[];
  got?: GiveKind[];
}

function contactLine(name: string, over: { metOn?: Day | null; status?: 'active' | 'ended'; endedOn?: Day | null } = {}): string {
  const metOn = over.metOn === undefined ? '2000-01-01' : over.metOn === null ? null : formatDay(over.metOn);
  return JSON.stringify({
    type: 'contact', name, metOn, status: over.status ?? 'active', endedOn: over.endedOn == null ? null : formatDay(over.endedOn),
  });
}

function interactionLine(s: Spec): string {
  return JSON.stringify({
    type: 'interaction', on: formatDay(s.on), contacts: s.who, channel: s.channel ?? 'call', by: s.by ?? 'me',
    outsideWork: s.outsideWork ?? false, gave: (s.gave ?? []).map((kind) => ({ kind, note: '' })),
    got: (s.got ?? []).map((kind) => ({ kind, note: '' })), tone: s.tone ?? 'neutral',
    pushAway: s.push ? { kind: s.push, note: '' } : null, noReply: s.noReply ?? false,
  });
}

/** Imports JSONL lines into a fresh temp journal with `rel import`; returns the journal's path. */
async function importJournal(lines: string[]): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'journal.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const path = join(dir, 'journal.db');
  await ok(path, ['import', file]);
  return path;
}

function withJournal<T>(path: string, f: (db: Db) => T): T {
  const j = openJournal(path, { write: false });
  try {
    return f(j.db);
  } finally {
    j.close();
  }
}

// ---- 1. generated and hand-made journals ------------------------------------------------------

describe('the store reads the facts touchFacts defines', () => {
  for (const seed of [20261120, 7]) {
    it(`on the generator's small journal (seed ${seed}), at many as-of days and three threshold sets`, async () => {
      const dir = tempDir();
      const file = join(dir, 'small.jsonl');
      execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), 'small', '--out', file, '--seed', String(seed)], { stdio: 'ignore' });
      const text = readFileSync(file, 'utf8');
      const days = [...text.matchAll(/"type":"interaction","on":"(\d{4}-\d{2}-\d{2})"/g)].map((m) => day(m[1]!));
      expect(days.length).toBe(5000);
      const first = Math.min(...days);
      const path = join(dir, 'journal.db');
      await ok(path, ['import', file]);
      const asOfs = [
        TODAY,
        Math.round((first + TODAY) / 2), // the middle of the history
        first + 60, // before most of it
        first - 1, // before all of it: every contact empty
        first + 455, // the very first touch exactly on the default look-back's edge (out of it)
      ];
      // And for each threshold set, as-of days that put one touch (a middle one) exactly on the
      // edge of each of its windows, so that a `>=` where the definition has `>` shows.
      const middle = [...days].sort((a, b) => a - b)[2500]!;
      const edges = (t: ReviewThresholds) => {
        const w = factWindows(t);
        return [w.fadingRecent, w.fadingLookBack, w.giving, w.initiation, w.pushAway, w.noFaceToFace, w.stageStalled, w.warmth].map((n) => middle + n);
      };
      const seen = new Set<string>();
      withJournal(path, (db) => {
        for (const [name, t] of THRESHOLDS) {
          for (const asOf of [...asOfs, ...edges(t)]) {
            const facts = expectSameFacts(db, asOf, t, `seed ${seed}, ${name} thresholds`);
            expect(facts.size).toBeGreaterThan(0);
            exercised(facts.values(), seen);
          }
        }
        // Before any touch, every contact's facts are empty.
        const before = expectSameFacts(db, first - 1, DEFAULT_THRESHOLDS, 'before any touch');
        expect(exercised(before.values()).size).toBe(0);
      });
      // The comparisons were not all between empty facts: every field was non-empty somewhere.
      expect([...seen].sort()).toEqual([...FACT_FIELDS].sort());
    });
  }

  it('on a hand-made journal of edge cases, and the facts are the ones worked out by hand', async () => {
    const A = TODAY;
    const at = (n: number) => A + n;
    const lines = [
      contactLine('Sam Sameday'), contactLine('Gil Group'), contactLine('Hana Helper'), contactLine('Ivo Isle'),
      contactLine('Lou Longsilence'), contactLine('Pat Pushaway'), contactLine('Tia Tie'), contactLine('Uma Untie'),
      contactLine('Vic Victor'), contactLine('Nia Nobody'), contactLine('Fay Future'), contactLine('Ben Business'),
      contactLine('Ada Ancient'), contactLine('Rhy Rhythm'), contactLine('Ivy Initiative'), contactLine('Fred Fading'),
      contactLine('Ed Ended', { status: 'ended', endedOn: at(-80) }), contactLine('Nora Nomet', { metOn: null }),
      contactLine('Wes Westie'), contactLine('Xan Xeno'), contactLine('Ray Rarer'),
    ];
    const specs: Spec[] = [
      // Several touches on one day, one of them unanswered, then an unanswered one; one after the as-of day.
      { on: at(-10), who: ['Sam Sameday'], channel: 'in-person', by: 'them', tone: 'warm', gave: ['advice'] },
      { on: at(-10), who: ['Sam Sameday'], channel: 'call' },
      { on: at(-10), who: ['Sam Sameday'], channel: 'email', noReply: true },
      { on: at(-5), who: ['Sam Sameday'], channel: 'message', noReply: true },
      { on: at(1), who: ['Sam Sameday'], channel: 'call', by: 'them' },
      // Group meetings and unanswered group touches (which neither join nor break an unanswered run).
      { on: at(-40), who: ['Gil Group', 'Hana Helper', 'Ivo Isle'], channel: 'in-person', by: 'mutual', outsideWork: true },
      { on: at(-30), who: ['Gil Group', 'Hana Helper'], channel: 'email', noReply: true },
      { on: at(-20), who: ['Gil Group'], channel: 'email', noReply: true },
      { on: at(-15), who: ['Gil Group', 'Hana Helper', 'Ivo Isle'], channel: 'email', noReply: true },
      { on: at(-12), who: ['Gil Group'], channel: 'message', noReply: true },
      { on: at(-8), who: ['Hana Helper', 'Ivo Isle'], channel: 'event', by: 'them', tone: 'cool' },
      // An unanswered run that starts long before the 455-day look-back.
      { on: at(-700), who: ['Lou Longsilence'], channel: 'call' },
      ...[-600, -500, -460, -455, -300, -100].map((n): Spec => ({ on: at(n), who: ['Lou Longsilence'], channel: 'email', noReply: true })),
      { on: at(-100), who: ['Lou Longsilence', 'Sam Sameday'], channel: 'video', noReply: true },
      // Push-aways of every kind, one on the window's edge, one unanswered; good, cool and unanswered touches after.
      { on: at(-200), who: ['Pat Pushaway'], push: 'snide' },
      { on: at(-120), who: ['Pat Pushaway'], push: 'distancing' },
      { on: at(-119), who: ['Pat Pushaway'], push: 'late', tone: 'warm' },
      { on: at(-100), who: ['Pat Pushaway'], push: 'cancelled', noReply: true },
      { on: at(-80), who: ['Pat Pushaway'], push: 'hostile', tone: 'cool' },
      { on: at(-60), who: ['Pat Pushaway'], tone: 'warm' },
      { on: at(-50), who: ['Pat Pushaway'], tone: 'cool' },
      { on: at(-45), who: ['Pat Pushaway'], noReply: true },
      { on: at(-40), who: ['Pat Pushaway'], push: 'cut-off', channel: 'in-person' },
      { on: at(-30), who: ['Pat Pushaway'] },
      { on: at(-20), who: ['Pat Pushaway'], tone: 'warm' },
      // Ties on a day, written out of day order so interaction ids do not follow the days.
      { on: at(-5), who: ['Tia Tie'], tone: 'warm' },
      { on: at(-5), who: ['Tia Tie'], push: 'hostile' },
      { on: at(-8), who: ['Tia Tie'], push: 'snide' },
      { on: at(-8), who: ['Tia Tie'], tone: 'warm' },
      { on: at(-3), who: ['Uma Untie'] },
      { on: at(-3), who: ['Uma Untie'], noReply: true },
      { on: at(-9), who: ['Uma Untie'], noReply: true },
      { on: at(-3), who: ['Vic Victor'], noReply: true },
      { on: at(-3), who: ['Vic Victor'] },
      // The same ties long before the look-back window, with nothing answered in the window since.
      { on: at(-600), who: ['Wes Westie'], noReply: true },
      { on: at(-600), who: ['Xan Xeno'], noReply: true },
      { on: at(-600), who: ['Wes Westie'] },
      { on: at(-600), who: ['Xan Xeno'] },
      { on: at(-600), who: ['Wes Westie'], noReply: true },
      { on: at(-30), who: ['Xan Xeno', 'Wes Westie'], noReply: true },
      // Eight distinct days in touch in the look-back window (one fewer than the rhythm keeps) and older ones.
      ...[-30, -60, -90, -120, -150, -180, -210, -240, -500, -520, -540].map((n): Spec => ({ on: at(n), who: ['Ray Rarer'] })),
      // Only touches after the as-of day.
      { on: at(30), who: ['Fay Future'] },
      { on: at(60), who: ['Fay Future'], noReply: true },
      // Business and other gives, around the 180-day giving window's edge.
      { on: at(-300), who: ['Ben Business'], gave: ['business'] },
      { on: at(-181), who: ['Ben Business'], gave: ['gift'] },
      { on: at(-180), who: ['Ben Business'], gave: ['intro'], got: ['advice'] },
      { on: at(-179), who: ['Ben Business'], got: ['resource', 'review'] },
      { on: at(-170), who: ['Ben Business'], got: ['business', 'other'] },
      { on: at(-100), who: ['Ben Business'], gave: ['intro', 'favor'] },
      { on: at(-50), who: ['Ben Business'], channel: 'email', noReply: true, got: ['business'] },
      { on: at(-50), who: ['Ben Business', 'Ivy Initiative'], channel: 'in-person', gave: ['support'] },
      // Older than every window.
      { on: day('2010-03-01'), who: ['Ada Ancient'], channel: 'in-person', by: 'them' },
      { on: day('2010-05-01'), who: ['Ada Ancient'] },
      { on: day('2011-01-01'), who: ['Ada Ancient'], noReply: true },
      // Twelve distinct days in touch (more than the rhythm keeps), some twice, and an unanswered one.
      ...Array.from({ length: 12 }, (_, k): Spec => ({ on: at(-20 * (k + 1)), who: ['Rhy Rhythm'] })),
      { on: at(-20), who: ['Rhy Rhythm'], channel: 'video' },
      { on: at(-100), who: ['Rhy Rhythm'], channel: 'video' },
      { on: at(-10), who: ['Rhy Rhythm'], noReply: true },
      // Who started them, around the 180-day initiation window's edge.
      { on: at(-180), who: ['Ivy Initiative'], by: 'them' },
      { on: at(-179), who: ['Ivy Initiative'], by: 'them' },
      { on: at(-100), who: ['Ivy Initiative'], by: 'mutual' },
      { on: at(-90), who: ['Ivy Initiative'] },
      { on: at(-80), who: ['Ivy Initiative'], noReply: true },
      { on: at(-70), who: ['Ivy Initiative', 'Gil Group'], by: 'them' },
      { on: at(-60), who: ['Ivy Initiative'], channel: 'video', outsideWork: true },
      // Touches on and beside every default window's edge.
      ...[-456, -455, -454, -365, -364, -120, -119, -90, -89].map((n): Spec => ({ on: at(n), who: ['Fred Fading'] })),
      { on: at(-89), who: ['Fred Fading', 'Hana Helper'], channel: 'in-person' },
      // Ended after some of the as-of days; in the reports only before then.
      { on: at(-500), who: ['Ed Ended'] },
      { on: at(-300), who: ['Ed Ended'], by: 'them' },
      { on: at(-160), who: ['Ed Ended'], noReply: true },
      // No met-on date: in the reports from the first interaction on.
      { on: at(-200), who: ['Nora Nomet'] },
      { on: at(-10), who: ['Nora Nomet'], by: 'them' },
    ];
    const path = await importJournal([...lines, ...specs.map(interactionLine)]);
    withJournal(path, (db) => {
      const asOfs = [A, at(-150), at(-400), at(-200), at(90), day('2010-05-01'), day('2009-01-01')];
      for (const asOf of asOfs) for (const [name, t] of THRESHOLDS) expectSameFacts(db, asOf, t, `edge cases, ${name} thresholds`);

      // The store's facts as of A, checked against values worked out by hand from the lines above,
      // so the comparison is not between two equally wrong readings.
      const ids = new Map(loadHistories(db, A, DEFAULT_THRESHOLDS).map((h) => [h.contact.name, h.contact.id]));
      expect(ids.has('Ed Ended')).toBe(false);
      // Read for some contacts only (the commands' `rel review NAME` path), the facts are the same.
      const some = ['Gil Group', 'Lou Longsilence', 'Tia Tie', 'Fay Future'].map((n) => ids.get(n)!);
      for (const [name, t] of THRESHOLDS) {
        expect(expectSameFacts(db, A, t, `edge cases, some contacts, ${name} thresholds`, { contactIds: some }).size).toBe(4);
      }
      expect(ids.has('Nia Nobody')).toBe(true);
      const byName = (t: ReviewThresholds) => {
        const facts = expectSameFacts(db, A, t, 'hand-worked');
        return (name: string) => facts.get(ids.get(name)!)!;
      };
      const f = byName(DEFAULT_THRESHOLDS);
      expect(f('Sam Sameday')).toMatchObject({
        firstOn: at(-100), firstReached: at(-10), lastReached: at(-10), lastInPerson: at(-10), reachedDays: [at(-10)], unansweredRun: 2,
        unansweredFirst: at(-10), unansweredLast: at(-5), byMe: 1, byThem: 1, gave: 1, got: 0, fadingRecentDays: 1,
        warmthReached: 2, warmthWarm: 1,
      });
      expect(f('Gil Group')).toMatchObject({
        lastReached: at(-40), lastInPerson: at(-40), unansweredRun: 2, unansweredFirst: at(-20), unansweredLast: at(-12),
        stageReached: 2, stageHalves: 2, stageOutsideWork: 1, stageOutsideOneOnOne: 0, byMe: 0, byThem: 0, mutual: 0, othersStarted: true,
      });
      expect(f('Hana Helper')).toMatchObject({ lastInPerson: at(-8), unansweredRun: 0, stageHalves: 3, warmthCool: 1 });
      expect(f('Lou Longsilence')).toMatchObject({
        firstOn: at(-700), lastReached: at(-700), reachedDays: [at(-700)], unansweredRun: 6, unansweredFirst: at(-600),
        unansweredLast: at(-100), warmthReached: 0, fadingBaselineDays: 0,
      });
      expect(f('Pat Pushaway')).toMatchObject({
        pushAways: [{ on: at(-119), kind: 'late' }, { on: at(-100), kind: 'cancelled' }, { on: at(-80), kind: 'hostile' }, { on: at(-40), kind: 'cut-off' }],
        goodSincePushAway: 2, warmthPushAways: 5, warmthCool: 2, unansweredRun: 0, lastInPerson: at(-40),
      });
      expect(f('Tia Tie')).toMatchObject({ pushAways: [{ on: at(-8), kind: 'snide' }, { on: at(-5), kind: 'hostile' }], goodSincePushAway: 0 });
      expect(f('Uma Untie')).toMatchObject({ unansweredRun: 1, unansweredFirst: at(-3), unansweredLast: at(-3), firstOn: at(-9) });
      expect(f('Vic Victor')).toMatchObject({ unansweredRun: 0, unansweredFirst: null, lastReached: at(-3) });
      expect(f('Ben Business')).toMatchObject({ gave: 3, got: 5, lastBusiness: at(-50), lastInPerson: at(-50) });
      expect(f('Ada Ancient')).toMatchObject({
        firstOn: day('2010-03-01'), firstReached: null, lastReached: day('2010-05-01'), lastInPerson: day('2010-03-01'),
        reachedDays: [day('2010-05-01'), day('2010-03-01')], othersStarted: true, unansweredRun: 1,
        unansweredFirst: day('2011-01-01'), warmthReached: 0, fadingBaselineDays: 0, stageReached: 0,
      });
      expect(f('Rhy Rhythm').reachedDays).toEqual(Array.from({ length: 9 }, (_, k) => at(-20 * (k + 1))));
      expect(f('Rhy Rhythm')).toMatchObject({ unansweredRun: 1, fadingRecentDays: 4 });
      expect(f('Ivy Initiative')).toMatchObject({ byMe: 2, byThem: 1, mutual: 1, stageOutsideOneOnOne: 1 });
      expect(f('Fred Fading')).toMatchObject({
        fadingRecentDays: 1, fadingBaselineDays: 6, warmthReached: 6, stageReached: 6, stageHalves: 11, faceWindowReached: 5,
      });
      for (const name of ['Nia Nobody', 'Fay Future']) {
        expect(exercised([f(name)]).size, name).toBe(0);
      }
      expect(f('Wes Westie')).toMatchObject({ lastReached: at(-600), unansweredRun: 1, unansweredFirst: at(-600), unansweredLast: at(-600) });
      expect(f('Xan Xeno')).toMatchObject({ lastReached: at(-600), unansweredRun: 0, unansweredFirst: null });
      expect(f('Ray Rarer').reachedDays).toEqual([-30, -60, -90, -120, -150, -180, -210, -240, -500].map(at));
      expect(f('Nora Nomet')).toMatchObject({ firstOn: at(-200), firstReached: at(-200), lastReached: at(-10), othersStarted: true });
      // firstReached is kept only when the whole history lies in the look-back window.
      expect(f('Lou Longsilence').firstReached).toBeNull();

      const narrow = byName(NARROW);
      expect(narrow('Pat Pushaway')).toMatchObject({ pushAways: [], goodSincePushAway: 0 });
      expect(narrow('Rhy Rhythm').reachedDays).toEqual([at(-20), at(-40), at(-60), at(-80)]);
      expect(narrow('Ben Business')).toMatchObject({ gave: 1, got: 1 });
      const wide = byName(WIDE);
      expect(wide('Lou Longsilence')).toMatchObject({ warmthReached: 0, unansweredRun: 6 });
      expect(wide('Fred Fading')).toMatchObject({ fadingRecentDays: 3, fadingBaselineDays: 6 });
    });
  });
});

// ---- 2. random journals -------------------------------------------------------------------------

const NAMES = ['Ann Able', 'Bo Baker', 'Cy Cole'];
const BASE = day('2024-01-01');

const touchArb = fc.record({
  // Days over about 18 months, often on a coarse grid so that several touches share a day.
  off: fc.oneof(fc.integer({ min: 0, max: 540 }), fc.integer({ min: 0, max: 40 }).map((k) => k * 13)),
  who: fc.subarray([0, 1, 2], { minLength: 1 }),
  channel: fc.constantFrom(...CHANNELS),
  by: fc.constantFrom(...INITIATORS),
  outsideWork: fc.boolean(),
  tone: fc.constantFrom(...TONES),
  push: fc.option(fc.constantFrom(...PUSH_AWAY_KINDS), { nil: undefined, freq: 3 }),
  noReply: fc.constantFrom(false, false, true),
  gave: fc.array(fc.constantFrom(...GIVE_KINDS), { maxLength: 2 }),
  got: fc.array(fc.constantFrom(...GIVE_KINDS), { maxLength: 2 }),
});

const journalArb = fc.record({
  contacts: fc.integer({ min: 1, max: 3 }),
  metOn: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  touches: fc.array(touchArb, { maxLength: 30 }),
  thresholds: fc.constantFrom(...THRESHOLDS),
  // The as-of day: any day around the history, or one putting a touch right on (or beside) a window's edge.
  asOf: fc.oneof(
    fc.record({ kind: fc.constant('any' as const), off: fc.integer({ min: -20, max: 1100 }) }),
    fc.record({ kind: fc.constant('edge' as const), pick: fc.nat(), window: fc.nat(), shift: fc.constantFrom(-1, 0, 0, 1) }),
  ),
});

describe('random journals (fast-check)', () => {
  it('the store and touchFacts agree for every contact, at a random as-of day', async () => {
    await fc.assert(fc.asyncProperty(journalArb, async (j) => {
      const names = NAMES.slice(0, j.contacts);
      const lines = names.map((n, k) => contactLine(n, { metOn: j.metOn[k] ? BASE - 100 : null }));
      const specs = j.touches.map((t): Spec => {
        const who = t.who.filter((k) => k < j.contacts).map((k) => names[k]!);
        return {
          on: BASE + t.off, who: who.length > 0 ? who : [names[0]!], channel: t.channel, by: t.by, outsideWork: t.outsideWork,
          tone: t.tone, push: t.push, noReply: t.noReply, gave: t.gave, got: t.got,
        };
      });
      const [name, t] = j.thresholds;
      let asOf: Day;
      if (j.asOf.kind === 'any' || specs.length === 0) {
        asOf = BASE + (j.asOf.kind === 'any' ? j.asOf.off : 0);
      } else {
        const w = factWindows(t);
        const edges = [0, w.fadingRecent, w.fadingLookBack, w.giving, w.initiation, w.pushAway, w.noFaceToFace, w.stageStalled, w.warmth];
        asOf = specs[j.asOf.pick % specs.length]!.on + edges[j.asOf.window % edges.length]! + j.asOf.shift;
      }
      const path = await importJournal([...lines, ...specs.map(interactionLine)]);
      withJournal(path, (db) => { expectSameFacts(db, asOf, t, `random journal, ${name} thresholds`); });
    }), { numRuns: 40, seed: 20261120 });
  });
});

// ---- 3. migration 004 ---------------------------------------------------------------------------

/** A journal at schema v3: only migrations 001-003 applied. */
function v3Journal(): { path: string; j: ReturnType<typeof openJournal> } {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const m of listMigrations().slice(0, 3)) copyFileSync(m.file, join(dir, m.name));
  const path = join(tempDir(), 'v3.db');
  const j = openJournal(path, { write: true, migrationsDir: dir });
  expect(j.db.pragma('user_version', { simple: true })).toBe(3);
  return { path, j };
}

/** What was given and received, from nothing to business both ways. */
const EXCHANGES: Array<{ gave: GiveKind[]; got: GiveKind[] }> = [
  { gave: [], got: [] },
  { gave: ['advice'], got: [] },
  { gave: [], got: ['intro', 'gift'] },
  { gave: ['referral', 'favor', 'other'], got: ['support'] },
  { gave: ['business', 'review'], got: [] },
  { gave: [], got: ['resource', 'business'] },
  { gave: ['business'], got: ['business', 'intro'] },
];
const PUSHES: Array<PushAwayKind | null> = [null, ...PUSH_AWAY_KINDS];

describe('migration 004', () => {
  it('packs every participant row of a v3 journal as touchBits packs a new one, with the counts of items given and received', () => {
    const { path, j } = v3Journal();
    const db = j.db;
    const contacts = [1, 2, 3].map((k) => Number(db.prepare('INSERT INTO contacts (name, name_key, added_on, met_on) VALUES (?, ?, ?, ?)')
      .run(`Person ${k}`, `person ${k}`, TODAY, TODAY - 2000).lastInsertRowid));
    const insertInteraction = db.prepare(`INSERT INTO interactions (on_day, channel, initiated_by, outside_work, tone, push_kind,
      push_note, no_reply, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')`);
    const insertMember = db.prepare('INSERT INTO interaction_contacts (interaction_id, contact_id, position, on_day) VALUES (?, ?, ?, ?)');
    const insertExchange = db.prepare("INSERT INTO exchanges (interaction_id, direction, position, kind, note) VALUES (?, ?, ?, ?, '')");
    // Every combination of channel, initiator, tone, push-away, no-reply, outside work, group size
    // (1 or 3) and exchanges: 7 * 3 * 3 * 7 * 2 * 2 * 2 * 7 = 24,696 interactions.
    const written: Interaction[] = [];
    db.transaction(() => {
      let n = 0;
      for (const channel of CHANNELS) for (const by of INITIATORS) for (const tone of TONES) for (const push of PUSHES) {
        for (const noReply of [false, true]) for (const outsideWork of [false, true]) for (const size of [1, 3]) for (const ex of EXCHANGES) {
          n++;
          const on = TODAY - (n % 700);
          // One-on-one with each person in turn; groups in a rotating order of the three.
          const contactIds = size === 1 ? [contacts[n % 3]!] : [0, 1, 2].map((k) => contacts[(n + k) % 3]!);
          const id = Number(insertInteraction.run(on, channel, by, outsideWork ? 1 : 0, tone, push, push === null ? null : 'note',
            noReply ? 1 : 0).lastInsertRowid);
          contactIds.forEach((cid, pos) => insertMember.run(id, cid, pos, on));
          ex.gave.forEach((kind, pos) => insertExchange.run(id, 'gave', pos, kind));
          ex.got.forEach((kind, pos) => insertExchange.run(id, 'got', pos, kind));
          written.push({
            id, on, contactIds, channel, by, outsideWork, tone, pushAway: push === null ? null : { kind: push, note: 'note' }, noReply,
            gave: ex.gave.map((kind) => ({ kind, note: '' })), got: ex.got.map((kind) => ({ kind, note: '' })), note: '',
          });
        }
      }
    })();
    j.close();
    expect(written.length).toBe(24_696);

    const upgraded = openJournal(path, { write: true });
    try {
      const udb = upgraded.db;
      expect(udb.pragma('user_version', { simple: true })).toBe(listMigrations().length);
      const rows = udb.prepare(`SELECT interaction_id, contact_id, position, on_day, touch_bits, gave, got FROM interaction_contacts
        ORDER BY interaction_id, position`).raw().all() as Array<[number, number, number, Day, number, number, number]>;
      const expected = written.flatMap((i) => i.contactIds.map((cid, pos) => [i.id, cid, pos, i.on, touchBits(i), i.gave.length, i.got.length]));
      expect(rows.length).toBe(expected.length);
      const wrong: string[] = [];
      rows.forEach((r, k) => {
        if (JSON.stringify(r) !== JSON.stringify(expected[k])) {
          const i = written.find((w) => w.id === r[0]);
          wrong.push(`row ${JSON.stringify(r)}, expected ${JSON.stringify(expected[k])} for ${JSON.stringify(i)}`);
        }
      });
      expect(wrong.slice(0, 5), `${wrong.length} rows differ`).toEqual([]);

      // Every combination of the packed bits occurred (no-reply, one-on-one, initiator, outside
      // work, tone, push-away kind, in person, business): 2*2*3*2*3*7*2*2 distinct values, so
      // no bit was left out of the check above.
      expect(new Set(rows.map((r) => r[4])).size).toBe(2 * 2 * 3 * 2 * 3 * 7 * 2 * 2);
      // And touchBits itself follows the table documented in migrations/004_touch_facts.sql.
      const all: Omit<Interaction, 'id'> = {
        on: TODAY, contactIds: [1], channel: 'event', by: 'them', outsideWork: true, tone: 'cool', pushAway: { kind: 'cut-off', note: '' },
        noReply: true, gave: [], got: [{ kind: 'business', note: '' }], note: '',
      };
      expect(touchBits(all)).toBe(1 + 2 + 4 + 16 + 64 + 6 * 128 + 1024 + 2048);
      expect(touchBits({ ...all, contactIds: [1, 2], channel: 'email', by: 'mutual', outsideWork: false, tone: 'warm', pushAway: { kind: 'late', note: '' },
        noReply: false, got: [{ kind: 'gift', note: '' }] })).toBe(8 + 32 + 2 * 128);
      expect(touchBits({ ...all, contactIds: [1, 2, 3], channel: 'call', by: 'me', outsideWork: false, tone: 'neutral', pushAway: null,
        noReply: false, got: [] })).toBe(0);
      expect(['snide', 'late', 'distancing', 'cancelled', 'hostile', 'cut-off'].map((kind) =>
        touchBits({ ...all, pushAway: { kind: kind as PushAwayKind, note: '' } }) & (7 * 128))).toEqual([1, 2, 3, 4, 5, 6].map((c) => c * 128));

      // The upgraded journal's facts agree with the definition too.
      for (const asOf of [TODAY, TODAY - 350]) for (const [name, t] of THRESHOLDS) expectSameFacts(udb, asOf, t, `upgraded v3 journal, ${name} thresholds`);
    } finally {
      upgraded.close();
    }
  });
});

// ---- before 1970 --------------------------------------------------------------------------------

describe('a journal reaching back before 1970 (negative day numbers)', () => {
  /** One contact answered on 1969-10-01, then three unanswered notes and a push-away; one touch after 1970-01-01. */
  const lines = [
    contactLine('Old Timer', { metOn: day('1960-01-01') }),
    interactionLine({ on: day('1969-10-01'), who: ['Old Timer'], channel: 'in-person', by: 'them', tone: 'warm' }),
    interactionLine({ on: day('1969-11-01'), who: ['Old Timer'], channel: 'email', noReply: true }),
    interactionLine({ on: day('1969-11-15'), who: ['Old Timer'], channel: 'email', noReply: true }),
    interactionLine({ on: day('1969-12-01'), who: ['Old Timer'], channel: 'email', noReply: true, push: 'hostile' }),
    interactionLine({ on: day('1970-01-05'), who: ['Old Timer'], channel: 'email', noReply: true, gave: ['advice'] }),
  ];

  it('agrees once the look-back window starts after 1970-01-01', async () => {
    const path = await importJournal(lines);
    withJournal(path, (db) => {
      const facts = expectSameFacts(db, day('1971-06-01'), DEFAULT_THRESHOLDS, 'before 1970');
      expect([...facts.values()][0]).toMatchObject({ lastReached: day('1969-10-01'), unansweredRun: 4, warmthReached: 0 });
    });
  });

  // Window touches travel packed as (day - window start) * 4096 + touch_bits; a first version
  // packed the day itself, and days before 1970-01-01 (negative) came back invented.
  it('agrees when the look-back window reaches before 1970-01-01', async () => {
    const path = await importJournal(lines);
    withJournal(path, (db) => {
      for (const [name, t] of THRESHOLDS) expectSameFacts(db, day('1970-01-20'), t, `before 1970, ${name} thresholds`);
    });
  });
});
