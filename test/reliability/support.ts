/**
 * Shared tools of the reliability tests: running the real bin/rel.cjs as a child process (after
 * making sure dist/ is built from the current src/), and looking inside a journal file without
 * going through rel (raw SQLite, hashes, modes).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'rel.cjs');
export const MIGRATIONS = join(ROOT, 'migrations');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than src/ (CI builds first; a developer may not have).
 * Test files run in parallel workers, so the build is guarded by a lock folder.
 */
export async function ensureBuilt(): Promise<void> {
  const main = join(ROOT, 'dist', 'rel.cjs');
  const fresh = () => existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'));
  if (fresh()) return;
  const lock = join(tmpdir(), `rel-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) rmSync(lock, { recursive: true, force: true }); // a stale lock from a killed run
      await new Promise((r) => setTimeout(r, 200));
      if (fresh()) return;
    }
  }
  try {
    if (!fresh()) {
      // The bundler strips types without checking them (npm test typechecks); only a missing dist fails.
      try { execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' }); } catch { /* see above */ }
      if (!existsSync(main)) throw new Error('npm run build did not produce dist/rel.cjs');
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Spawned { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** A clean environment for a child rel: no REL_DB, no real HOME, no colour. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', NO_COLOR: '1', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Runs `node bin/rel.cjs ...args` to completion (stdin is a closed pipe, never a TTY). */
export function relBin(args: string[], env: Record<string, string | undefined> = {}, input = ''): Spawned {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, env: childEnv(env), timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `node bin/rel.cjs ...args` and returns the child and a promise of its outcome. */
export function startRel(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const done = new Promise<Spawned>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

/** Opens a journal file directly with SQLite (not through rel) for inspection. */
export function raw(path: string, options: Database.Options = {}): Database.Database {
  return new Database(path, { fileMustExist: true, ...options });
}

export function integrity(path: string): string {
  const db = raw(path);
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export interface Counts { contacts: number; interactions: number; promises: number; items: number; links: number; version: number }

export function counts(path: string): Counts {
  const db = raw(path);
  try {
    const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      contacts: n('contacts'), interactions: n('interactions'), promises: n('promises'), items: n('contact_items'),
      links: n('interaction_contacts'), version: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True when another connection holds the journal's write lock (a rel transaction is open). */
export function writeLockHeld(probe: Database.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw e;
  }
}

/**
 * Fills one leaf page of `table` with garbage, as a bad disk block reads back: header and cell
 * pointers included, so SQLite sees the damage whatever the page size. (Scribbling over the
 * cell pointers alone could leave pointers that, masked to the page size, land inside other
 * records: a garbled row that reads as NULLs rather than as damage.)
 */
export function corruptPage(db: string, table: string): void {
  const d = raw(db);
  const { pageno } = d.prepare("SELECT max(pageno) AS pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'").get(table) as { pageno: number };
  const size = d.pragma('page_size', { simple: true }) as number;
  d.close();
  const bytes = readFileSync(db);
  bytes.fill(0xaa, (pageno - 1) * size, pageno * size);
  writeFileSync(db, bytes);
}

