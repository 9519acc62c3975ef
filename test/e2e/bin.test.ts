/** A few runs of the real bin/rel.cjs (built dist), as a user's shell would run it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'rel.cjs');

beforeAll(() => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'rel.cjs'))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
});

function relBin(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', input: input ?? '', env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? '/nonexistent', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/rel.cjs', () => {
  it('creates the journal under XDG_DATA_HOME with private modes, and logs', () => {
    const home = tempDir();
    const env = { XDG_DATA_HOME: join(home, 'data') };
    expect(relBin(['add', 'Ada Lovelace'], env).code).toBe(0);
    const r = relBin(['log', 'Ada', '--channel', 'call'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Logged interaction #1 with Ada Lovelace/);
    const db = join(home, 'data', 'rel', 'rel.db');
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'data', 'rel')).mode & 0o777).toBe(0o700);
  });

  it('--db beats REL_DB, which beats the default', () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    expect(relBin(['add', 'In A'], { REL_DB: a }).code).toBe(0);
    expect(relBin(['--db', b, 'add', 'In B'], { REL_DB: a }).code).toBe(0);
    expect(relBin(['list', '--db', b, '--json'], { REL_DB: a }).stdout).toContain('In B');
    expect(relBin(['list', '--json'], { REL_DB: a }).stdout).not.toContain('In B');
  });

  it('exits 1 with one stderr line and no stack trace on bad input; 2 on usage errors', () => {
    const db = join(tempDir(), 'j.db');
    const bad = relBin(['--db', db, 'add', 'X', '--circle', 'enemy']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(relBin(['--db', db, 'add']).code).toBe(2);
    expect(relBin(['--db', db, 'nope']).code).toBe(2);
  });

  it('prints help and version', () => {
    expect(relBin(['--help']).stdout).toMatch(/Usage: rel/);
    expect(relBin(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('shows the same date under any TZ', () => {
    const db = join(tempDir(), 'j.db');
    relBin(['--db', db, 'add', 'Ada']);
    relBin(['--db', db, 'log', 'Ada', '--on', '2024-03-10']);
    for (const TZ of ['America/New_York', 'Pacific/Kiritimati', 'UTC']) {
      expect(relBin(['--db', db, 'list', '--json'], { TZ }).stdout).toContain('"lastContact": "2024-03-10"');
    }
  });

  it('does not die with EPIPE when the reader goes away', () => {
    const db = join(tempDir(), 'j.db');
    for (let i = 0; i < 30; i++) relBin(['--db', db, 'add', `Person ${i}`]);
    const r = spawnSync('bash', ['-c', `node ${BIN} --db ${db} list | head -1`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^NAME/);
    expect(r.stderr).toBe('');
  });
});
