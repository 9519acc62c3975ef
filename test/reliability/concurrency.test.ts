/**
 * Several real rel processes at once: writers that must all land with no SQLITE_BUSY shown, first
 * runs racing to create the journal, a backup taken while another process writes, and a reader
 * whose pipe closes early.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.js';
import { BIN, counts, ensureBuilt, integrity, modeOf, raw, relBin, startRel, type Spawned } from './support.js';

beforeAll(ensureBuilt, 180_000);

async function writer(db: string, id: number, n: number): Promise<Spawned[]> {
  const out: Spawned[] = [];
  for (let k = 0; k < n; k++) {
    const { done } = startRel(['--db', db, 'log', 'Ada', 'Brook', '--note', `writer ${id} entry ${k}`, '--promise', `p ${id}.${k}`]);
    out.push(await done);
  }
  return out;
}

describe('concurrent writers', () => {
  it.each([[2, 8], [4, 5]])('%i processes logging %i times each: every interaction is there, exit 0, nothing on stderr', async (procs, n) => {
    const db = join(tempDir(), 'j.db');
    expect(relBin(['--db', db, 'add', 'Ada Lovelace']).code).toBe(0);
    expect(relBin(['--db', db, 'add', 'Brook Taylor']).code).toBe(0);
    const results = (await Promise.all(Array.from({ length: procs }, (_, i) => writer(db, i, n)))).flat();
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const notes = JSON.parse(relBin(['--db', db, 'show', 'Ada', '--json', '--limit', '1000']).stdout).timeline.map((t: { note: string }) => t.note);
    const wanted = Array.from({ length: procs }, (_, i) => Array.from({ length: n }, (_, k) => `writer ${i} entry ${k}`)).flat();
    expect(notes.sort()).toEqual(wanted.sort());
    expect(counts(db)).toMatchObject({ interactions: procs * n, promises: procs * n, links: 2 * procs * n });
    expect(integrity(db)).toBe('ok');
  }, 90_000);

  it('four first runs racing to create the same journal: all succeed, quietly', async () => {
    for (let round = 0; round < 5; round++) {
      const db = join(tempDir(), 'new', 'j.db');
      const results = await Promise.all([0, 1, 2, 3].map((i) => startRel(['--db', db, 'add', `Person ${i}`]).done));
      for (const r of results) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
      expect(counts(db).contacts).toBe(4);
    }
  }, 60_000);
});

describe('rel backup while another process writes', () => {
  it('makes a sound, consistent, private copy', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    const lines = [JSON.stringify({ type: 'contact', name: 'Ada Lovelace' })];
    for (let i = 0; i < 20_000; i++) lines.push(JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Ada Lovelace'], note: `old ${i} `.repeat(5) }));
    writeFileSync(join(dir, 'seed.jsonl'), lines.join('\n') + '\n');
    expect(relBin(['--db', db, 'import', join(dir, 'seed.jsonl')]).code).toBe(0);
    // A writer that commits as fast as it can, each commit one interaction and its link.
    const script = `const D = require(${JSON.stringify(join(import.meta.dirname, '..', '..', 'node_modules', 'better-sqlite3'))});
      const db = new D(process.argv[1], { timeout: 15000 });
      const ins = db.prepare("INSERT INTO interactions (on_day, channel, initiated_by, outside_work, tone, no_reply, note) VALUES (20200, 'call', 'me', 0, 'warm', 0, 'new')");
      const link = db.prepare('INSERT INTO interaction_contacts (interaction_id, contact_id, position, on_day, touch_bits, gave, got) VALUES (?, 1, 0, 20200, 34, 0, 0)');
      const one = db.transaction(() => link.run(ins.run().lastInsertRowid)).immediate;
      const end = Date.now() + 4000; let n = 0;
      while (Date.now() < end) { one(); n++; }
      console.log(n);`;
    const w = spawn(process.execPath, ['-e', script, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    let written = '';
    w.stdout.setEncoding('utf8').on('data', (s: string) => { written += s; });
    const writerDone = new Promise((r) => w.on('close', r));
    const copies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const target = join(dir, `copy-${i}.db`);
      const r = await startRel(['--db', db, 'backup', target]).done;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      copies.push(target);
    }
    await writerDone;
    expect(Number(written)).toBeGreaterThan(0);
    for (const c of copies) {
      expect(modeOf(c)).toBe(0o600);
      expect(integrity(c)).toBe('ok');
      const d = raw(c, { readonly: true });
      const [i, l] = [d.prepare('SELECT count(*) FROM interactions').pluck().get(), d.prepare('SELECT count(*) FROM interaction_contacts').pluck().get()];
      d.close();
      expect(i).toBe(l); // one snapshot: no interaction without its link
      expect(i as number).toBeGreaterThanOrEqual(20_000);
    }
    expect(integrity(db)).toBe('ok');
  }, 60_000);
});

describe('a reader that goes away', () => {
  it('rel list | head -1 and rel export | head -c 100 end quietly, without an EPIPE trace', () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ type: 'contact', name: `Person ${String(i).padStart(5, '0')}`, notes: 'n'.repeat(100) }));
    writeFileSync(join(dir, 'people.jsonl'), lines.join('\n') + '\n');
    expect(relBin(['--db', db, 'import', join(dir, 'people.jsonl')]).code).toBe(0);
    for (const pipeline of [`list | head -1`, `export | head -c 100`, `list --json | head -c 10`]) {
      const [cmd, reader] = pipeline.split(' | ');
      const r = spawnSync('/bin/sh', ['-c', `{ "${process.execPath}" "${BIN}" --db "${db}" ${cmd}; echo "rel exit $?" >&2; } | ${reader} >/dev/null`],
        { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1', HOME: '/nonexistent' } });
      expect(r.stderr, pipeline).toBe('rel exit 0\n');
    }
  }, 60_000);
});
