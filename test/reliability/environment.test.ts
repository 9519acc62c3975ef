/**
 * The machine around the journal: a full disk (a small tmpfs, when this machine lets us mount
 * one), a folder the user cannot write (run as `nobody`: as root every permission check passes),
 * and a journal with damaged pages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, rel, tempDir } from '../helpers/harness.js';
import { BIN, childEnv, corruptPage, counts, ensureBuilt, integrity, relBin, sha256 } from './support.js';

beforeAll(ensureBuilt, 180_000);

function oneLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^rel: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\bat .*\.[jt]s:\d+/);
}

// ---- full disk -------------------------------------------------------------------------------

// Not a tempDir(): those are removed after each test, and this one stays mounted until afterAll.
const mountPoint = mkdtempSync(join(tmpdir(), 'rel-small-disk-'));
let mounted = false;
let mountFailure = '';
beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (e) {
    mountFailure = String((e as { stderr?: Buffer }).stderr ?? e).trim();
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('a full disk (a 2 MiB tmpfs)', () => {
  it('an import that does not fit: one clear line, nothing written, journal sound and still usable', (ctx) => {
    if (!mounted) {
      console.warn(`SKIPPED full-disk tmpfs test: cannot mount a tmpfs here (${mountFailure}); test/reliability/disk-full.test.ts covers SQLITE_FULL in-process`);
      ctx.skip();
    }
    const db = join(mountPoint, 'j.db');
    expect(relBin(['--db', db, 'add', 'Ada Lovelace']).code).toBe(0);
    expect(relBin(['--db', db, 'log', 'Ada', '--note', 'before the disk filled']).code).toBe(0);
    const file = join(tempDir(), 'big.jsonl');
    const lines = [JSON.stringify({ type: 'contact', name: 'Brook Taylor' })];
    for (let i = 0; i < 20_000; i++) lines.push(JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Brook Taylor'], note: `note ${i} `.repeat(10) }));
    writeFileSync(file, lines.join('\n') + '\n');
    const before = counts(db);
    const r = relBin(['--db', db, 'import', file]);
    oneLine(r, /disk is full; nothing was written/);
    expect(counts(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
    // Fill the rest of the disk, then a small write fails the same way.
    const filler = join(mountPoint, 'filler');
    const fd = openSync(filler, 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(4096, 1));
    } catch { /* ENOSPC: full */ } finally {
      closeSync(fd);
    }
    // With no byte left even the -shm cannot be made: the open fails, and says why.
    oneLine(relBin(['--db', db, 'log', 'Ada', '--note', 'x'.repeat(50_000)]), /disk is full/);
    execFileSync('rm', [filler]);
    expect(counts(db)).toEqual(before);
    expect(relBin(['--db', db, 'log', 'Ada', '--note', 'space again']).code).toBe(0);
    expect(counts(db).interactions).toBe(before.interactions + 1);
    expect(integrity(db)).toBe('ok');
  }, 60_000);
});

// ---- permissions, as a user who is not root ---------------------------------------------------

/** Runs rel as `nobody`, or returns why it cannot. */
function asNobody(args: string[]): { code: number | null; stdout: string; stderr: string } | string {
  if (process.getuid?.() !== 0) return 'these tests need root to switch to nobody';
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', '0']);
  if (probe.status !== 0) return `setpriv cannot run node as nobody here (${probe.error?.message ?? probe.stderr})`;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args],
    { encoding: 'utf8', env: childEnv(), input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('folders and files the user cannot write (as nobody)', () => {
  function shared(): string {
    const dir = tempDir();
    chmodSync(dir, 0o755); // nobody may pass through, not write
    return dir;
  }

  it('a journal in a folder nobody cannot write: one line, nothing created', (ctx) => {
    const dir = shared();
    const r = asNobody(['--db', join(dir, 'sub', 'j.db'), 'add', 'Ada']);
    if (typeof r === 'string') { console.warn(`SKIPPED: ${r}`); ctx.skip(); return; }
    oneLine(r, /cannot create the journal at .*: permission denied/);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
    const r2 = asNobody(['--db', join(dir, 'j.db'), 'add', 'Ada']);
    if (typeof r2 === 'string') return;
    oneLine(r2, /cannot create the journal at .*: permission denied/);
    expect(existsSync(join(dir, 'j.db'))).toBe(false);
  });

  it("someone else's journal: refused in one line, unchanged", async (ctx) => {
    const dir = shared();
    const db = join(dir, 'j.db');
    await ok(db, ['add', 'Ada Lovelace']);
    const before = sha256(db);
    for (const args of [['list'], ['add', 'Brook'], ['export']]) {
      const r = asNobody(['--db', db, ...args]);
      if (typeof r === 'string') { console.warn(`SKIPPED: ${r}`); ctx.skip(); return; }
      oneLine(r, /cannot open .*j\.db: permission denied/);
    }
    expect(sha256(db)).toBe(before);
  });

  it('my own journal in a folder I cannot write (no room for its -wal): one line, unchanged', async (ctx) => {
    const dir = shared();
    const db = join(dir, 'j.db');
    await ok(db, ['add', 'Ada Lovelace']);
    chownSync(db, 65534, 65534);
    const before = sha256(db);
    for (const args of [['add', 'Brook'], ['list']]) {
      const r = asNobody(['--db', db, ...args]);
      if (typeof r === 'string') { console.warn(`SKIPPED: ${r}`); ctx.skip(); return; }
      oneLine(r, /read-only|cannot open|permission denied/);
    }
    expect(sha256(db)).toBe(before);
  });

  it('an export or backup to a folder nobody cannot write: one line, nothing left behind', async (ctx) => {
    const dir = shared();
    const home = join(tempDir(), 'mine');
    mkdirSync(home);
    chmodSync(join(home, '..'), 0o755);
    chownSync(home, 65534, 65534);
    const db = join(home, 'j.db');
    await ok(db, ['add', 'Ada Lovelace']);
    chownSync(db, 65534, 65534);
    for (const args of [['export', '--out', join(dir, 'out.jsonl')], ['backup', join(dir, 'copy.db')]]) {
      const r = asNobody(['--db', db, ...args]);
      if (typeof r === 'string') { console.warn(`SKIPPED: ${r}`); ctx.skip(); return; }
      oneLine(r, /cannot write .*: permission denied/);
    }
    expect(existsSync(join(dir, 'out.jsonl')) || existsSync(join(dir, 'copy.db'))).toBe(false);
  });
});

// ---- damaged pages ----------------------------------------------------------------------------

describe('a journal with damaged pages in the middle', () => {
  it('commands that meet the damage fail in one line; check fails; backup keeps no bad copy', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    await ok(db, ['add', 'Ada Lovelace']);
    for (let i = 0; i < 200; i++) await ok(db, ['add', `Filler ${String(i).padStart(3, '0')}`, '--notes', 'z'.repeat(200)]);
    corruptPage(db, 'contacts');
    for (const args of [['list'], ['export'], ['show', 'Filler 199'], ['check'], ['backup', join(dir, 'copy.db')]]) {
      const r = await rel(db, args);
      if (r.code === 0) continue; // this command did not read the damaged page
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/^rel: [^\n]+\n$/);
      expect(r.stderr.length, 'a one-line error, not a dump').toBeLessThan(400);
      expect(r.stderr).toMatch(/damaged|failed its check|malformed/);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    expect((await rel(db, ['check'])).code).toBe(1);
    expect((await rel(db, ['backup', join(dir, 'copy.db')])).code).toBe(1);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
  });
});

describe('a journal path where no folder can be made', () => {
  it.runIf(existsSync('/proc/self'))('under /proc: one line and exit 1 at once (Node\'s recursive mkdir spins there)', () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [BIN, '--db', '/proc/rel-no-such/deeper/rel.db', 'add', 'Ada'], { encoding: 'utf8', env: childEnv(), timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('rel: cannot create the journal at /proc/rel-no-such/deeper/rel.db: no such file or folder\n');
  });

  it('makes the missing folders of a new journal, each private', async () => {
    const root = tempDir();
    const db = join(root, 'a', 'b', 'rel.db');
    await ok(db, ['add', 'Ada']);
    for (const d of [join(root, 'a'), join(root, 'a', 'b')]) expect(statSync(d).mode & 0o777).toBe(0o700);
  });
});

describe('a file size limit (ulimit -f) met during an export', () => {
  it('is refused in one line; the file it would have replaced is untouched and no temp file is left', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    const lines = [JSON.stringify({ type: 'contact', name: 'Ada Lovelace', notes: 'x'.repeat(1000) })];
    for (let i = 0; i < 3000; i++) lines.push(JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Ada Lovelace'], note: `meeting ${i} `.repeat(10) }));
    writeFileSync(join(dir, 'seed.jsonl'), lines.join('\n') + '\n');
    expect(relBin(['--db', db, 'import', join(dir, 'seed.jsonl')]).code).toBe(0);
    const keep = join(dir, 'keep.csv');
    writeFileSync(keep, 'precious\n');
    for (const format of ['csv-interactions', 'jsonl']) {
      // 100 KiB: far less than the export.
      const r = spawnSync('bash', ['-c', `ulimit -f 100; exec "$0" "$@"`, process.execPath, BIN, '--db', db, 'export', '--format', format, '--out', keep],
        { encoding: 'utf8', env: childEnv() });
      expect(r.status, `${format}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toBe(`rel: cannot write ${keep}: the file is over the size limit; nothing was written\n`);
      expect(readFileSync(keep, 'utf8')).toBe('precious\n');
      expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    }
  });
});

describe('folders named with ..', () => {
  it('are made as the kernel reads the path', async () => {
    const root = tempDir();
    const db = join(root, 'new', 'c', '..', 'd', 'j.db');
    await ok(db, ['add', 'Ada']);
    expect(statSync(join(root, 'new', 'd', 'j.db')).isFile()).toBe(true);
  });
});


describe('output that cannot be written, and a journal path that is a folder', () => {
  it.runIf(existsSync('/dev/full'))('stdout on /dev/full: one line on stderr, exit 1, for a big and a small output', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    await ok(db, ['add', 'Ada Lovelace']);
    await ok(db, ['log', 'Ada', '--note', 'x']);
    for (const args of [['export'], ['review', '--json'], ['list'], ['--help']]) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', env: childEnv(), stdio: ['ignore', full, 'pipe'] });
        expect(r.stderr, args.join(' ')).toBe('rel: the output could not be written (the disk is full)\n');
        expect(r.status, args.join(' ')).toBe(1);
      } finally {
        closeSync(full);
      }
    }
  });

  it('--db naming a folder: one line, exit 1', () => {
    const dir = tempDir();
    const r = relBin(['--db', dir, 'list']);
    expect(r.stderr).toBe(`rel: cannot open the journal at ${dir}: it is a folder\n`);
    expect(r.code).toBe(1);
  });
});
