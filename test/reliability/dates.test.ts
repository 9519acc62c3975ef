/** Dates that must be refused by name, and dates that must read the same in every time zone. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok, rel, tempDir } from '../helpers/harness.js';
import { counts, ensureBuilt, relBin } from './support.js';

beforeAll(ensureBuilt, 180_000);

describe('impossible or ambiguous dates are refused, naming the value, and nothing is written', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '03/04/2024', '04.03.2024', 'yesterdayy', 'next week', '3 days', '2024-3-4x', ''])(
    '%j', async (bad) => {
      const db = join(tempDir(), 'j.db');
      await ok(db, ['add', 'Ada Lovelace']);
      const before = counts(db);
      for (const args of [['log', 'Ada', '--on', bad], ['log', 'Ada', '--promise', 'p', '--due', bad], ['add', 'Brook', '--met-on', bad],
        ['stage', 'Ada', '2', '--on', bad], ['review', '--as-of', bad]]) {
        const r = await rel(db, args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stderr).toMatch(/^rel: [^\n]+\n$/);
        expect(r.stderr).toContain(`"${bad}"`);
      }
      expect(counts(db)).toEqual(before);
    });
});

describe('the same date reads the same under any TZ (spawned runs)', () => {
  it('export, list, show and promises agree in New York, Kiritimati (UTC+14) and UTC', () => {
    const db = join(tempDir(), 'j.db');
    const at = (TZ: string, args: string[]) => {
      const r = relBin(['--db', db, ...args], { TZ });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    at('Pacific/Kiritimati', ['add', 'Ada Lovelace', '--met-on', '2024-01-01']);
    at('America/New_York', ['log', 'Ada', '--on', '2024-03-10', '--promise', 'send the deck', '--due', '2024-03-31']); // a DST change day in New York
    at('UTC', ['stage', 'Ada', '2', '--on', '2024-11-03']);
    const zones = ['America/New_York', 'Pacific/Kiritimati', 'UTC'];
    const exports = zones.map((z) => at(z, ['export']));
    expect(new Set(exports).size).toBe(1);
    expect(exports[0]).toContain('"on":"2024-03-10"');
    expect(exports[0]).toContain('"metOn":"2024-01-01"');
    expect(exports[0]).toContain('"due":"2024-03-31"');
    expect(new Set(zones.map((z) => at(z, ['list'])))).toHaveProperty('size', 1);
    expect(new Set(zones.map((z) => at(z, ['promises', '--json'])))).toHaveProperty('size', 1);
    for (const z of zones) {
      const show = at(z, ['show', 'Ada']);
      expect(show).toContain('2024-03-10');
      expect(show).toContain('met 2024-01-01');
      expect(show).toContain('2 respected (2024-11-03)');
      expect(at(z, ['promises', '--all'])).toContain('due 2024-03-31');
    }
  }, 60_000);
});
