/**
 * kill -9 of a real rel process while its write transaction is open. A probe connection tells
 * when the write lock is held (BEGIN IMMEDIATE fails with SQLITE_BUSY), so the kill lands inside
 * the transaction rather than before or after it. Afterwards: integrity_check ok, all of the
 * write or none of it, and the next rel run works.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.js';
import { counts, ensureBuilt, integrity, raw, relBin, sleep, startRel, writeLockHeld, type Counts } from './support.js';

beforeAll(ensureBuilt, 180_000);

const pad = (i: number) => String(i).padStart(4, '0');

function bigImport(path: string, people: number, interactions: number): void {
  const lines: string[] = [];
  for (let i = 0; i < people; i++) lines.push(JSON.stringify({ type: 'contact', name: `Person ${pad(i)}`, needs: [`need ${i}`] }));
  for (let i = 0; i < interactions; i++) {
    const on = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 30) * 86_400_000).toISOString().slice(0, 10);
    lines.push(JSON.stringify({ type: 'interaction', on, contacts: [`Person ${pad(i % people)}`], gave: [{ kind: 'advice', note: 'x' }], note: `note ${i}` }));
  }
  for (let i = 0; i < 1000; i++) lines.push(JSON.stringify({ type: 'promise', contact: 'Person 0001', text: `promise ${i}`, madeOn: '2024-01-01' }));
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Starts rel, waits until it holds the write lock, waits `extra` ms more, and kills it with SIGKILL. */
async function killInsideTransaction(db: string, args: string[], extra: number): Promise<{ killedInside: boolean; exited: boolean }> {
  const probe = raw(db, { timeout: 0 });
  const { child, done } = startRel(['--db', db, ...args]);
  let killedInside = false;
  try {
    for (let waited = 0; waited < 30_000 && child.exitCode === null; waited++) {
      if (writeLockHeld(probe)) {
        if (extra > 0) await sleep(extra);
        killedInside = child.kill('SIGKILL');
        break;
      }
      await sleep(1);
    }
  } finally {
    probe.close();
  }
  if (!killedInside) child.kill('SIGKILL');
  const r = await done;
  return { killedInside, exited: r.signal !== 'SIGKILL' };
}

describe('kill -9 in the middle of a large import', () => {
  it('leaves none of it (or, had it committed, all of it); integrity ok; the next import works', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    const file = join(dir, 'big.jsonl');
    bigImport(file, 200, 50_000);
    expect(relBin(['--db', db, 'add', 'Already Here']).code).toBe(0);
    const before = counts(db);
    let nothing = 0;
    for (const extra of [0, 40, 250]) {
      const { killedInside } = await killInsideTransaction(db, ['import', file], extra);
      expect(integrity(db)).toBe('ok');
      const after = counts(db);
      if (after.interactions === 0) {
        expect(after).toEqual(before);
        if (killedInside) nothing++;
      } else {
        // committed just before the kill landed: then every row is there
        expect(after).toMatchObject({ contacts: 201, interactions: 50_000, promises: 1000 });
        break;
      }
    }
    expect(nothing, 'no kill landed inside the import transaction').toBeGreaterThan(0);
    const next = relBin(['--db', db, 'import', file]);
    if (counts(db).interactions === 50_000 && next.code === 1) return; // it had committed; a second import rightly refuses the duplicates
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(counts(db)).toMatchObject({ contacts: 201, interactions: 50_000, promises: 1000 });
    expect(integrity(db)).toBe('ok');
  }, 120_000);
});

describe('kill -9 in the middle of rel log', () => {
  it('each time: the interaction with its promise, learned need and note, or nothing at all', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    expect(relBin(['--db', db, 'add', 'Ada Lovelace']).code).toBe(0);
    expect(relBin(['--db', db, 'add', 'Brook Taylor']).code).toBe(0);
    // Linux caps one argv string at 128 KiB (MAX_ARG_STRLEN), so this is as long as a --note gets.
    const note = 'a pasted e-mail thread '.repeat(5_500);
    let expected: Counts = counts(db);
    let inside = 0;
    const delays = [0, 0, 1, 2, 3, 5, 8, 0, 1, 2];
    for (let k = 0; k < delays.length; k++) {
      const { killedInside, exited } = await killInsideTransaction(db,
        ['log', 'Ada', 'Brook', '--note', note, '--promise', `promise ${k}`, '--learned', `need:need ${k}`], delays[k]!);
      if (killedInside) inside++;
      expect(integrity(db)).toBe('ok');
      const now = counts(db);
      if (now.interactions === expected.interactions) {
        expect(now).toEqual(expected);
      } else {
        expect(now).toEqual({ ...expected, interactions: expected.interactions + 1, promises: expected.promises + 1,
          items: expected.items + 1, links: expected.links + 2 });
        const d = raw(db, { readonly: true });
        expect(d.prepare('SELECT length(note) FROM interactions ORDER BY id DESC LIMIT 1').pluck().get()).toBe(note.length);
        d.close();
      }
      if (exited) expect(now.interactions).toBe(expected.interactions + 1);
      expected = now;
    }
    expect(inside, 'no kill landed inside a log transaction').toBeGreaterThan(0);
    const r = relBin(['--db', db, 'log', 'Ada', '--note', 'after the kills']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(integrity(db)).toBe('ok');
  }, 120_000);
});
