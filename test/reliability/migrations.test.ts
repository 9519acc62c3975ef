/**
 * Migrations under stress: one that fails half-way, several rel processes opening an old journal
 * at once, and a kill -9 in the middle of a slow one. The "old" journal is made with a temp
 * migrations folder holding only 001; the "new rel" adds a 002 of the test's own.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/errors.js';
import { openJournal } from '../../src/store/journal.js';
import { tempDir } from '../helpers/harness.js';
import { MIGRATIONS, ROOT, ensureBuilt, integrity, modeOf, raw, sleep, writeLockHeld } from './support.js';

beforeAll(ensureBuilt, 180_000);

/** A migrations folder with the real 001 and, optionally, a 002 with the given SQL. */
function migrationsDir(second?: string): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  copyFileSync(join(MIGRATIONS, '001_initial.sql'), join(dir, '001_initial.sql'));
  if (second !== undefined) writeFileSync(join(dir, '002_test.sql'), second);
  return dir;
}

/** A v1 journal holding a few people and an interaction. */
function oldJournal(): string {
  const path = join(tempDir(), 'old.db');
  const j = openJournal(path, { write: true, migrationsDir: migrationsDir() });
  j.db.exec(`INSERT INTO contacts (name, name_key, added_on) VALUES ('Ada Lovelace', 'ada lovelace', 20000), ('Brook Taylor', 'brook taylor', 20000);
    INSERT INTO interactions (on_day, channel, initiated_by, outside_work, tone, no_reply, note) VALUES (20001, 'call', 'me', 0, 'warm', 0, 'tea');
    INSERT INTO interaction_contacts VALUES (1, 1, 0);`);
  j.close();
  return path;
}

function schemaOf(path: string): string {
  const db = raw(path);
  try {
    return JSON.stringify(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all());
  } finally {
    db.close();
  }
}

function versionOf(path: string): number {
  const db = raw(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** A child node process that opens the journal with the built rel's openJournal and a given migrations folder. */
function openInChild(path: string, dir: string) {
  const script = `import { openJournal } from ${JSON.stringify(join(ROOT, 'dist', 'journal.js'))};
    try {
      const j = openJournal(process.argv[1], { write: true, migrationsDir: process.argv[2], notice: (l) => process.stderr.write(l + '\\n') });
      j.close();
    } catch (e) { process.stderr.write('FAILED: ' + (e.code ?? '') + ' ' + e.message + '\\n'); process.exit(1); }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, path, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

describe('a migration that fails half-way', () => {
  it('rolls back to the previous version, schema and data intact; the private copy taken first is sound', () => {
    const path = oldJournal();
    const schemaBefore = schemaOf(path);
    const dir = migrationsDir('CREATE TABLE half_done (x INTEGER);\nINSERT INTO half_done VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n');
    const notices: string[] = [];
    let error: unknown;
    try {
      openJournal(path, { write: true, migrationsDir: dir, notice: (l) => notices.push(l) }).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/upgrading the journal to v2 failed .*no_such_table.*left at v1/);
    expect(versionOf(path)).toBe(1);
    expect(schemaOf(path)).toBe(schemaBefore);
    expect(integrity(path)).toBe('ok');
    const copy = `${path}.before-v2.bak`;
    expect(notices.join('\n')).toContain(copy);
    expect(existsSync(copy)).toBe(true);
    expect(modeOf(copy)).toBe(0o600);
    expect(integrity(copy)).toBe('ok');
    expect(versionOf(copy)).toBe(1);
    const c = raw(copy, { readonly: true });
    expect(c.prepare('SELECT name FROM contacts ORDER BY name').pluck().all()).toEqual(['Ada Lovelace', 'Brook Taylor']);
    c.close();
    // And once the migration is fixed, the same journal upgrades.
    const fixed = migrationsDir('CREATE TABLE half_done (x INTEGER);\n');
    openJournal(path, { write: true, migrationsDir: fixed }).close();
    expect(versionOf(path)).toBe(2);
  });

  it('is refused when it leaves rows without their parent (foreign keys are off while it runs, and checked before it commits)', () => {
    const path = oldJournal();
    const schemaBefore = schemaOf(path);
    // Contact 99 does not exist; with foreign keys off the INSERT itself succeeds.
    const dir = migrationsDir('CREATE TABLE t2 (x INTEGER);\nINSERT INTO interaction_contacts VALUES (1, 99, 1);\n');
    expect(() => openJournal(path, { write: true, migrationsDir: dir }).close())
      .toThrow(/upgrading the journal to v2 failed \(002_test\.sql left 1 row\(s\) of interaction_contacts without their parent\); it was left at v1/);
    expect(versionOf(path)).toBe(1);
    expect(schemaOf(path)).toBe(schemaBefore);
    const db = raw(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM interaction_contacts').pluck().get()).toBe(1);
    db.close();
    // After a migration, the journal enforces foreign keys again.
    const j = openJournal(path, { write: true, migrationsDir: migrationsDir('CREATE TABLE t2 (x INTEGER);\n') });
    try {
      expect(j.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => j.db.prepare('INSERT INTO interaction_contacts VALUES (1, 99, 1)').run()).toThrow(/FOREIGN KEY/);
    } finally {
      j.close();
    }
  });

  it('takes no copy of a journal that holds nothing yet', () => {
    const path = join(tempDir(), 'empty.db');
    openJournal(path, { write: true, migrationsDir: migrationsDir() }).close();
    const notices: string[] = [];
    openJournal(path, { write: true, migrationsDir: migrationsDir('CREATE TABLE t2 (x INTEGER);\n'), notice: (l) => notices.push(l) }).close();
    expect(versionOf(path)).toBe(2);
    expect(notices).toEqual([]);
    expect(existsSync(`${path}.before-v2.bak`)).toBe(false);
  });
});

describe('several rel processes opening an old journal at once', () => {
  it('apply each migration exactly once; the copy is of the old version and sound', async () => {
    for (let round = 0; round < 3; round++) {
      const path = oldJournal();
      // Applied twice, the CREATE TABLE would fail in the second process.
      const dir = migrationsDir('CREATE TABLE applied (n INTEGER);\nINSERT INTO applied VALUES (1);\n');
      const runs = await Promise.all([0, 1, 2, 3].map(() => openInChild(path, dir).done));
      for (const r of runs) {
        expect(r.stderr).not.toMatch(/FAILED/);
        expect(r.code).toBe(0);
      }
      expect(runs.filter((r) => r.stderr.includes('upgrading')).length).toBeGreaterThanOrEqual(1);
      expect(versionOf(path)).toBe(2);
      const db = raw(path);
      expect(db.prepare('SELECT count(*) FROM applied').pluck().get()).toBe(1);
      db.close();
      expect(integrity(`${path}.before-v2.bak`)).toBe('ok');
      expect(versionOf(`${path}.before-v2.bak`)).toBe(1);
    }
  }, 60_000);

  it('four first runs on a missing journal create it once, with no notice and no copy', async () => {
    for (let round = 0; round < 4; round++) {
      const path = join(tempDir(), 'fresh.db');
      const dir = migrationsDir('CREATE TABLE applied (n INTEGER);\nINSERT INTO applied VALUES (1);\n');
      const runs = await Promise.all([0, 1, 2, 3].map(() => openInChild(path, dir).done));
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
      expect(versionOf(path)).toBe(2);
      expect(existsSync(`${path}.before-v2.bak`)).toBe(false);
    }
  }, 60_000);
});

describe('kill -9 during a slow migration', () => {
  it('leaves the journal at the old version, sound, and the next open migrates it', async () => {
    const path = oldJournal();
    // Slow enough to be caught in the middle: a couple of million rows in one transaction.
    const dir = migrationsDir(`CREATE TABLE bulk (n INTEGER, pad TEXT);
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 3000000) INSERT INTO bulk SELECT n, 'padding padding' FROM k;\n`);
    const probe = raw(path, { timeout: 0 });
    const { child, done } = openInChild(path, dir);
    let caught = false;
    for (let waited = 0; waited < 20_000 && child.exitCode === null; waited += 5) {
      if (writeLockHeld(probe)) {
        await sleep(150); // well inside the migration's transaction
        child.kill('SIGKILL');
        caught = true;
        break;
      }
      await sleep(5);
    }
    probe.close();
    const r = await done;
    expect(caught).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(versionOf(path)).toBe(1);
    expect(integrity(path)).toBe('ok');
    const db = raw(path);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'bulk'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(2);
    db.close();
    openJournal(path, { write: true, migrationsDir: migrationsDir('CREATE TABLE small (n INTEGER);\n') }).close();
    expect(versionOf(path)).toBe(2);
    expect(integrity(path)).toBe('ok');
  }, 60_000);
});
