/**
 * Runs rel in-process with fake IO: a fixed clock, captured output, an optional scripted
 * prompter, and always a throw-away journal. Nothing here can reach a real journal: every run
 * names its database explicitly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { run } from '../../src/main.js';
import type { Io } from '../../src/cli/context.js';
import type { Choice, Prompter } from '../../src/ui/prompter.js';

export interface RunResult { code: number; stdout: string; stderr: string }

export interface RunOptions {
  /** Wall-clock instant; default 2026-11-20 12:00 local time. */
  now?: Date;
  tty?: boolean;
  prompter?: Prompter;
  env?: Record<string, string | undefined>;
  readText?: (path: string) => string;
}

export const DEFAULT_NOW = new Date(2026, 10, 20, 12, 0, 0);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rel-test-'));
  dirs.push(d);
  return d;
}

/** A journal path in a fresh temp folder (the file does not exist yet). */
export function tempJournal(): string {
  return join(tempDir(), 'journal.db');
}

/** Runs `rel --db <db> ...args` in-process. */
export async function rel(db: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s) => { stdout += s; }, isTTY: options.tty === true, columns: 100 },
    stderr: { write: (s) => { stderr += s; }, isTTY: options.tty === true },
    stdinIsTTY: options.tty === true,
    env: { NO_COLOR: options.tty ? undefined : '1', ...options.env },
    now: () => options.now ?? DEFAULT_NOW,
    prompter: async () => {
      if (!options.prompter) throw new Error('test asked for a prompter it did not provide');
      return options.prompter;
    },
    readText: options.readText,
  };
  const code = await run(['--db', db, ...args], io);
  return { code, stdout, stderr };
}

/** Runs and expects success; returns stdout. */
export async function ok(db: string, args: string[], options?: RunOptions): Promise<string> {
  const r = await rel(db, args, options);
  if (r.code !== 0) throw new Error(`rel ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Runs a reading command with --json and parses stdout. */
export async function json<T = any>(db: string, args: string[], options?: RunOptions): Promise<T> {
  return JSON.parse(await ok(db, [...args, '--json'], options)) as T;
}

type Answer = string | number | boolean | unknown[] | ((choices: Array<Choice<unknown>>) => unknown);

/**
 * A prompter that answers from a script, in order. Each prompt takes the next answer; for
 * select/search a string answer picks the choice whose name contains it; a function gets the
 * choices. Running out of answers, or an answer of the wrong kind, fails the test.
 */
export function scriptedPrompter(answers: Answer[], log: string[] = []): Prompter {
  const queue = [...answers];
  const next = (kind: string, message: string): Answer => {
    log.push(`${kind}: ${message}`);
    if (queue.length === 0) throw new Error(`no scripted answer for ${kind} "${message}"`);
    const a = queue.shift()!;
    if (a instanceof Error) throw a;
    return a;
  };
  const pick = <T>(kind: string, message: string, choices: Array<Choice<T>>): T => {
    const a = next(kind, message);
    if (typeof a === 'function') return a(choices as Array<Choice<unknown>>) as T;
    const hit = choices.find((c) => c.name === a) ?? choices.find((c) => typeof a === 'string' && c.name.includes(a)) ?? choices.find((c) => c.value === a);
    if (!hit) throw new Error(`scripted answer ${String(a)} is not a choice of "${message}": ${choices.map((c) => c.name).join(' | ')}`);
    return hit.value;
  };
  return {
    input: async (o) => {
      const a = next('input', o.message);
      const value = a === '' && o.default !== undefined ? o.default : String(a);
      const valid = o.validate ? o.validate(value) : true;
      if (valid !== true) throw new Error(`scripted input "${value}" rejected: ${valid}`);
      return value;
    },
    select: async (o) => pick('select', o.message, o.choices),
    search: async (o) => {
      const a = next('search', o.message);
      if (Array.isArray(a)) {
        const [term, choice] = a as [string, string];
        const choices = o.source(term);
        const hit = choices.find((c) => c.name.includes(choice));
        if (!hit) throw new Error(`no choice "${choice}" for search "${term}": ${choices.map((c) => c.name).join(' | ')}`);
        return hit.value;
      }
      const choices = o.source(typeof a === 'string' ? a : undefined);
      if (choices.length === 0) throw new Error(`search "${String(a)}" found nothing`);
      return choices[0]!.value;
    },
    confirm: async (o) => Boolean(next('confirm', o.message)),
    checkbox: async (o) => {
      const a = next('checkbox', o.message);
      const wanted = Array.isArray(a) ? a : [];
      return o.choices.filter((c) => wanted.includes(c.name) || wanted.includes(c.value)).map((c) => c.value);
    },
  };
}
