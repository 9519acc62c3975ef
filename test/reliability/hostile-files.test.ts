/**
 * Files rel must refuse or survive: not SQLite at all, another program's SQLite file, a
 * truncated or damaged journal, a journal from a newer rel, a -wal that must be replayed.
 * Refusals are one line on stderr, exit 1, and leave the file's bytes as they were.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ok, rel, tempDir, tempJournal, type RunResult } from '../helpers/harness.js';
import { counts, integrity, raw, sha256 } from './support.js';

/** Every command that opens the journal, reading and writing. */
function commands(dir: string): string[][] {
  const jsonl = join(dir, 'in.jsonl');
  writeFileSync(jsonl, '{"type":"contact","name":"Imported Person"}\n');
  return [
    ['list'], ['show', 'Ada'], ['promises'], ['export'], ['add', 'New Person'], ['log', 'Ada', '--note', 'x'],
    ['edit', 'Ada', '--org', 'X'], ['end', 'Ada', '--note', 'bye'], ['import', jsonl], ['backup', join(dir, 'copy.db')], ['check'],
  ];
}

function expectOneLineRefusal(r: RunResult, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^rel: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\bat .*\.[jt]s:\d+/);
}

async function journalWithData(path: string): Promise<void> {
  await ok(path, ['add', 'Ada Lovelace', '--alias', 'Ada', '--org', 'Analytical']);
  for (let i = 0; i < 40; i++) await ok(path, ['add', `Person ${String(i).padStart(3, '0')}`, '--notes', 'n'.repeat(500)]);
  await ok(path, ['log', 'Ada', '--on', '2026-01-05', '--note', 'tea', '--promise', 'send notes']);
}

describe('files that are not rel journals are refused untouched', () => {
  it('a text file', async () => {
    const dir = tempDir();
    const db = join(dir, 'notes.txt');
    writeFileSync(db, 'Dear diary, today I met Ada.\n'.repeat(200));
    const before = sha256(db);
    for (const args of commands(dir)) expectOneLineRefusal(await rel(db, args), /is not a rel journal/);
    expect(sha256(db)).toBe(before);
    expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false);
  });

  it("another program's SQLite file, with tables or with another application_id", async () => {
    const dir = tempDir();
    const withTables = join(dir, 'other.sqlite');
    const other = new Database(withTables);
    other.exec("CREATE TABLE history (id INTEGER PRIMARY KEY, command TEXT); INSERT INTO history (command) VALUES ('ls');");
    other.close();
    const foreignId = join(dir, 'foreign.sqlite');
    const f = new Database(foreignId);
    f.pragma('application_id = 1179603278'); // 'FOSN', say
    f.pragma('user_version = 1');
    f.close();
    for (const db of [withTables, foreignId]) {
      const before = sha256(db);
      for (const args of commands(dir)) expectOneLineRefusal(await rel(db, args), /is not a rel journal/);
      expect(sha256(db)).toBe(before);
    }
  });

  it('a journal cut in half', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.db');
    await journalWithData(good);
    const db = join(dir, 'half.db');
    const bytes = readFileSync(good);
    writeFileSync(db, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
    const before = sha256(db);
    for (const args of commands(dir)) expectOneLineRefusal(await rel(db, args), /truncated or damaged/);
    expect(sha256(db)).toBe(before);
  });

  it('a journal whose length is not a whole number of pages', async () => {
    const dir = tempDir();
    const db = join(dir, 'odd.db');
    await journalWithData(db);
    writeFileSync(db, readFileSync(db).subarray(0, 10_000));
    const before = sha256(db);
    for (const args of commands(dir)) expectOneLineRefusal(await rel(db, args), /truncated or damaged/);
    expect(sha256(db)).toBe(before);
  });
});

describe('a journal written by a newer rel', () => {
  it('refuses writes saying so; help, version and reading commands still work; the bytes never change', async () => {
    const dir = tempDir();
    const db = join(dir, 'future.db');
    await journalWithData(db);
    const d = raw(db);
    d.pragma('user_version = 99');
    d.close();
    const before = sha256(db);
    for (const args of [['add', 'Bob'], ['log', 'Ada'], ['edit', 'Ada', '--org', 'Y'], ['stage', 'Ada', '2'], ['end', 'Ada', '--note', 'x'],
      ['done', '1'], ['import', join(dir, 'none.jsonl')]]) {
      const r = await rel(db, args);
      if (args[0] === 'import') {
        expect(r.code).toBe(1); // the missing file is named first; either refusal is fine, nothing may change
      } else {
        expectOneLineRefusal(r, /newer rel \(journal v99, this rel knows v\d+\); upgrade rel/);
      }
    }
    expect((await rel(db, ['--help'])).code).toBe(0);
    expect((await rel(db, ['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(await ok(db, ['list'])).toContain('Ada Lovelace');
    expect(await ok(db, ['show', 'Ada'])).toContain('tea');
    expect(await ok(db, ['export'])).toContain('"send notes"');
    expect(await ok(db, ['promises'])).toContain('send notes');
    expect(sha256(db)).toBe(before);
  });
});

describe('a -wal left by a crash', () => {
  /**
   * A crash in the middle of a checkpoint leaves page 1 (with the new page count) already copied
   * into the main file while later pages are still only in the -wal. SQLite replays the -wal on
   * open; rel must not call that file truncated. Built by hand: copy the file and its -wal while
   * a connection holds them un-checkpointed, then copy the -wal's newest page 1 into the file.
   */
  it('is replayed, not refused as truncated, and rel never deletes it first', async () => {
    const dir = tempDir();
    const live = join(dir, 'live.db');
    await journalWithData(live);
    const writer = raw(live);
    writer.pragma('wal_autocheckpoint = 0');
    const insert = writer.prepare("INSERT INTO contacts (name, name_key, circle, stage, notes, status, added_on) VALUES (?, ?, 'other', 0, ?, 'active', 20000)");
    writer.transaction(() => {
      for (let i = 0; i < 300; i++) insert.run(`Later ${i}`, `later ${i}`, 'x'.repeat(300));
    })();
    const db = join(dir, 'crashed.db');
    copyFileSync(live, db);
    copyFileSync(`${live}-wal`, `${db}-wal`);
    writer.close();

    const wal = readFileSync(`${db}-wal`);
    const pageSize = wal.readUInt32BE(8);
    let page1: Buffer | undefined;
    for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
      if (wal.readUInt32BE(off) === 1) page1 = wal.subarray(off + 24, off + 24 + pageSize);
    }
    expect(page1).toBeDefined();
    const main = readFileSync(db);
    page1!.copy(main, 0);
    writeFileSync(db, main);
    expect(main.readUInt32BE(28) * pageSize).toBeGreaterThan(main.length); // the header now promises pages the file lacks

    const list = await rel(db, ['list', '--json']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).contacts).toHaveLength(341);
    await ok(db, ['add', 'After The Crash']);
    expect(counts(db).contacts).toBe(342);
    expect(integrity(db)).toBe('ok');
  });
});
