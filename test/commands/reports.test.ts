import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, ok, rel, tempJournal } from '../helpers/harness.js';

/** A small year of relationships, logged only through the spec's flags. */
async function year(): Promise<string> {
  const db = tempJournal();
  await ok(db, ['add', 'Dana Whitfield', '--circle', 'client', '--need', 'hiring a security lead', '--stage', '2', '--met-on', '2025-06-01']);
  await ok(db, ['add', 'Hugo Marsh', '--circle', 'colleague', '--offer', 'security recruiting and hiring network', '--met-on', '2025-01-01']);
  await ok(db, ['add', 'Healthy Hana', '--circle', 'client', '--cadence', '30d', '--met-on', '2025-01-01']);
  await ok(db, ['add', 'Ended Ed', '--circle', 'client', '--met-on', '2025-01-01']);
  for (const m of ['01', '03', '05', '07', '09', '11']) {
    await ok(db, ['log', 'Healthy', '--on', `2026-${m}-02`, '--by', 'them', '--tone', 'warm', '--gave', 'advice', '--got', 'referral']);
    await ok(db, ['log', 'Healthy', '--on', `2026-${m}-25`, '--by', 'me', '--channel', 'call']);
  }
  for (const m of ['03', '06', '09']) await ok(db, ['log', 'Hugo', '--on', `2026-${m}-10`, '--by', 'mutual', '--tone', 'warm']);
  await ok(db, ['log', 'Hugo', '--on', '2026-11-01', '--by', 'them']);
  await ok(db, ['log', 'Dana', '--on', '2026-10-01', '--tone', 'warm']);
  await ok(db, ['log', 'Dana', '--on', '2026-11-02', '--push-away', 'late', '--tone', 'cool']);
  await ok(db, ['log', 'Dana', '--on', '2026-11-12', '--push-away', 'cancelled:our lunch', '--tone', 'cool', '--promise', 'send the revised proposal', '--due', '2026-11-15']);
  await ok(db, ['log', 'Ended Ed', '--on', '2025-02-01']);
  await ok(db, ['end', 'Ended Ed', '--on', '2025-03-01', '--note', 'moved on']);
  return db;
}

describe('rel review', () => {
  it('prints the spec JSON, sorted by severity, never naming ended or healthy contacts', async () => {
    const db = await year();
    const r = await json(db, ['review', '--as-of', '2026-11-20']);
    expect(r.asOf).toBe('2026-11-20');
    for (const f of r.flags) expect(Object.keys(f).filter((k) => k !== 'direction')).toEqual(['contact', 'signal', 'severity', 'summary', 'evidence']);
    const names = new Set(r.flags.map((f: { contact: string }) => f.contact));
    expect(names.has('Ended Ed')).toBe(false);
    expect(names.has('Healthy Hana')).toBe(false);
    const rank = { high: 0, medium: 1, low: 2 } as const;
    const ranks = r.flags.map((f: { severity: keyof typeof rank }) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const dana = r.flags.filter((f: { contact: string }) => f.contact === 'Dana Whitfield').map((f: { signal: string }) => f.signal);
    expect(dana).toContain('push-away');
    expect(dana).toContain('overdue-promise');
  });

  it('--as-of ignores everything after the day', async () => {
    const db = await year();
    const r = await json(db, ['review', '--as-of', '2026-10-15']);
    expect(r.flags.some((f: { signal: string }) => f.signal === 'push-away' || f.signal === 'overdue-promise')).toBe(false);
  });

  it('--circle filters; a bad circle or date is a user error', async () => {
    const db = await year();
    const r = await json(db, ['review', '--as-of', '2026-11-20', '--circle', 'colleague']);
    expect(r.flags.every((f: { contact: string }) => f.contact === 'Hugo Marsh')).toBe(true);
    expect((await rel(db, ['review', '--circle', 'enemies'])).code).toBe(1);
    expect((await rel(db, ['review', '--as-of', 'someday'])).code).toBe(1);
  });

  it('groups by contact with the next step', async () => {
    const db = await year();
    const text = await ok(db, ['review'], { now: new Date(2026, 10, 20, 9) });
    expect(text).toMatch(/Dana Whitfield \(stage 2 respected\)\n {2}\w+ +push-away/);
    expect(text).toContain("next: rel suggest 'Dana Whitfield'");
    expect(text).not.toMatch(/Healthy Hana|Ended Ed/);
  });

  it('remembers each review of today and says what got better since the last one', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Priya Shah', '--circle', 'prospect', '--met-on', '2026-01-01']);
    await ok(db, ['log', 'Priya', '--on', '2026-08-20', '--by', 'them']);
    for (const d of ['2026-09-01', '2026-09-15', '2026-10-01']) await ok(db, ['log', 'Priya', '--on', d, '--channel', 'email', '--no-reply']);
    const before = await json(db, ['review'], { now: new Date(2026, 10, 13, 9) });
    expect(before.flags.map((f: { signal: string }) => f.signal)).toContain('unanswered');
    expect(before.sinceLastReview).toBeUndefined();
    await ok(db, ['log', 'Priya', '--on', '2026-11-18', '--by', 'them', '--tone', 'warm']);
    const after = await json(db, ['review'], { now: new Date(2026, 10, 20, 9) });
    expect(after.flags).toEqual([]);
    expect(after.sinceLastReview.asOf).toBe('2026-11-13');
    expect(after.sinceLastReview.better).toEqual([{ contact: 'Priya Shah', signals: expect.arrayContaining(['unanswered']) }]);
    expect(await ok(db, ['review'], { now: new Date(2026, 10, 20, 9) })).toMatch(/Better since the review of 2026-11-13: Priya Shah \(.*unanswered/);
    // A look into the past with --as-of is not remembered.
    await ok(db, ['review', '--as-of', '2026-11-01'], { now: new Date(2026, 10, 21, 9) });
    expect((await json(db, ['review'], { now: new Date(2026, 10, 22, 9) })).sinceLastReview.asOf).toBe('2026-11-20');
  });

  it('reads thresholds from review.json beside the journal, and names a bad key', async () => {
    const db = await year();
    await ok(db, ['list']); // the folder exists once the journal does
    writeFileSync(join(dirname(db), 'review.json'), JSON.stringify({ pushAway: { windowDays: 1 } }));
    const r = await json(db, ['review', '--as-of', '2026-11-20']);
    expect(r.flags.some((f: { signal: string }) => f.signal === 'push-away')).toBe(false);
    writeFileSync(join(dirname(db), 'review.json'), JSON.stringify({ pushAway: { windowDayz: 1 } }));
    const bad = await rel(db, ['review']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/review.json: unknown review threshold "pushAway.windowDayz"/);
  });

  it('says so when nothing is stalling', async () => {
    const db = tempJournal();
    expect(await ok(db, ['review'])).toMatch(/no relationships to review yet/);
  });
});

describe('rel suggest', () => {
  it('prints the spec JSON; keep-promise and repair come first for Dana', async () => {
    const db = await year();
    const r = await json(db, ['suggest', 'Dana', '--as-of', '2026-11-20']);
    expect(r.asOf).toBe('2026-11-20');
    expect(r.suggestions.slice(0, 2).map((s: { kind: string }) => s.kind)).toEqual(['keep-promise', 'repair']);
    for (const s of r.suggestions) {
      expect(s).toHaveProperty('action');
      expect(s).toHaveProperty('why');
      expect(typeof s.score).toBe('number');
    }
  });

  it('introduces two contacts whose need and offer match, naming the other person', async () => {
    const db = await year();
    await ok(db, ['add', 'Lena Ortiz', '--circle', 'client', '--need', 'hiring security engineers', '--met-on', '2026-01-01']);
    await ok(db, ['log', 'Lena', '--on', '2026-11-10', '--tone', 'warm']);
    const r = await json(db, ['suggest', 'Lena', '--as-of', '2026-11-20']);
    const intro = r.suggestions.find((s: { kind: string }) => s.kind === 'introduce');
    expect(intro).toMatchObject({ contact: 'Lena Ortiz', with: 'Hugo Marsh' });
  });

  it('an end day decides, even on a contact imported as active: out of the reports from that day, in them before', async () => {
    const db = tempJournal();
    const file = join(dirname(db), 'odd.jsonl');
    writeFileSync(file, [
      JSON.stringify({ type: 'contact', name: 'Odd One', status: 'active', endedOn: '2026-06-01' }),
      JSON.stringify({ type: 'contact', name: 'Plain Pat' }),
      JSON.stringify({ type: 'interaction', on: '2025-01-10', contacts: ['Odd One', 'Plain Pat'] }),
    ].join('\n') + '\n');
    await ok(db, ['import', file]);
    const after = await ok(db, ['review', '--as-of', '2026-11-20']);
    expect(after).toMatch(/1 of 1 relationship could use attention/);
    expect(after).not.toContain('Odd One');
    expect((await json(db, ['suggest', '--as-of', '2026-11-20', '--limit', '50'])).suggestions.some((x: { contact: string }) => x.contact === 'Odd One')).toBe(false);
    const before = await ok(db, ['review', '--as-of', '2026-05-20']);
    expect(before).toMatch(/2 of 2 relationships could use attention/);
    expect(before).toContain('Odd One');
  });

  it('never suggests anything for an ended contact', async () => {
    const db = await year();
    const all = await json(db, ['suggest', '--as-of', '2026-11-20', '--limit', '50']);
    expect(all.suggestions.some((s: { contact: string; with?: string }) => s.contact === 'Ended Ed' || s.with === 'Ended Ed')).toBe(false);
    const ed = await rel(db, ['suggest', 'Ended Ed', '--json']);
    expect(ed.code).toBe(0);
    expect(JSON.parse(ed.stdout).suggestions).toEqual([]);
  });

  it('honours --limit and spreads across contacts, and rejects a bad limit', async () => {
    const db = await year();
    const r = await json(db, ['suggest', '--as-of', '2026-11-20', '--limit', '2']);
    expect(r.suggestions).toHaveLength(2);
    const scores = (await json(db, ['suggest', '--as-of', '2026-11-20'])).suggestions.map((s: { score: number }) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await rel(db, ['suggest', '--limit', '0'])).code).toBe(1);
    expect((await rel(db, ['suggest', '--limit', 'many'])).code).toBe(1);
  });

  it('prints the rel log line that records the step', async () => {
    const db = await year();
    const text = await ok(db, ['suggest', 'Dana', '--as-of', '2026-11-20']);
    expect(text).toMatch(/when done: rel done 1/);
    expect(text).toMatch(/when done: rel log 'Dana Whitfield'/);
  });
});
