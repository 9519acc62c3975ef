/**
 * A full disk without mounting anything (CI may not allow a tmpfs): better-sqlite3 is wrapped so
 * that every connection rel opens to the test's journal gets `PRAGMA max_page_count` set to the
 * file's current size. SQLite then fails the write with SQLITE_FULL exactly as a full disk would.
 * Nothing in rel's own code knows about this hook.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ok, rel, tempDir } from '../helpers/harness.js';
import { counts, integrity } from './support.js';

const limit = vi.hoisted(() => ({ path: '', slack: 0 }));

vi.mock('better-sqlite3', async (importOriginal) => {
  const real = (await importOriginal<{ default: new (...a: unknown[]) => { pragma(s: string, o?: object): unknown } }>()).default;
  class Limited extends real {
    constructor(...args: unknown[]) {
      super(...args);
      if (limit.path !== '' && args[0] === limit.path) {
        const pages = this.pragma('page_count', { simple: true }) as number;
        this.pragma(`max_page_count = ${pages + limit.slack}`);
      }
    }
  }
  return { default: Limited };
});

function fullDisk<T>(path: string, slack: number, body: () => Promise<T>): Promise<T> {
  limit.path = path;
  limit.slack = slack;
  return body().finally(() => { limit.path = ''; });
}

async function journal(): Promise<string> {
  const db = join(tempDir(), 'j.db');
  await ok(db, ['add', 'Ada Lovelace']);
  await ok(db, ['log', 'Ada', '--note', 'before']);
  return db;
}

describe('a full disk (SQLITE_FULL through max_page_count)', () => {
  it('a large import: one clear line, nothing imported, journal sound', async () => {
    const db = await journal();
    const before = counts(db);
    const lines = [JSON.stringify({ type: 'contact', name: 'Brook Taylor' })];
    for (let i = 0; i < 5000; i++) lines.push(JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Brook Taylor'], note: `n ${i} `.repeat(20) }));
    const text = lines.join('\n') + '\n';
    const r = await fullDisk(db, 5, () => rel(db, ['import', 'big.jsonl'], { readText: () => text }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rel: the disk is full; nothing was written\n');
    expect(counts(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
  });

  it('rel log with a long note, and rel add: one clear line each, nothing written', async () => {
    const db = await journal();
    const before = counts(db);
    const log = await fullDisk(db, 0, () => rel(db, ['log', 'Ada', '--note', 'x'.repeat(100_000), '--promise', 'call back']));
    expect(log.code).toBe(1);
    expect(log.stderr).toBe('rel: the disk is full; nothing was written\n');
    // ~80 KB of needs: more than the free room of the journal's 16 KiB pages and free list.
    const lines = Array.from({ length: 400 }, (_, i) => `--need=need ${i} ${'y'.repeat(200)}`);
    const add = await fullDisk(db, 0, () => rel(db, ['add', 'Brook Taylor', ...lines]));
    expect(add.code).toBe(1);
    expect(add.stderr).toBe('rel: the disk is full; nothing was written\n');
    expect(counts(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
    await ok(db, ['log', 'Ada', '--note', 'space again']);
    expect(counts(db).interactions).toBe(before.interactions + 1);
  });
});
