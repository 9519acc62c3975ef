/**
 * The one place that touches `process`: it builds the real IO, runs the command line, and turns
 * every outcome into an exit code. `run` is what tests call in-process.
 */
import { readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { CommanderError } from 'commander';
import { CancelledError, describeErrno, UsageError, UserError } from './cli/errors.js';
import type { Io } from './cli/context.js';
import { buildProgram } from './cli/program.js';
import { PACKAGE_JSON } from './package-files.js';
import { visible } from './ui/text.js';

/** Written into the bundle by scripts/build.mjs; absent when the sources run directly (tests). */
declare const REL_BUILD_VERSION: string | undefined;

let cachedVersion: string | undefined;
function version(): string {
  if (typeof REL_BUILD_VERSION === 'string') return REL_BUILD_VERSION;
  return (cachedVersion ??= (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version);
}

/** Runs rel with `argv` (the words after `rel`) and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io, argv, { version: version() });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    return exitCodeFor(e, io);
  }
}

function exitCodeFor(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // Help and version end here too, with code 0; commander already printed its message.
    return e.exitCode === 0 ? 0 : 2;
  }
  if (e instanceof UserError || e instanceof UsageError || e instanceof CancelledError) {
    io.stderr.write(`rel: ${oneLine(e.message)}\n`);
    return e.exitCode;
  }
  const sqlite = e as { code?: string; message?: string };
  if (typeof sqlite?.code === 'string' && sqlite.code.startsWith('SQLITE_')) {
    io.stderr.write(`rel: ${oneLine(describeSqliteError(sqlite.code, sqlite.message ?? ''))}\n`);
    return 1;
  }
  const err = e as Error;
  io.stderr.write(`rel: internal error: ${oneLine(err?.message ?? String(e))} (this is a bug in rel; nothing was written)\n`);
  if (io.env.REL_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`);
  return 70;
}

function describeSqliteError(code: string, message: string): string {
  if (code.startsWith('SQLITE_BUSY')) return 'the journal stayed busy (another rel is writing); nothing was written, try again';
  if (code === 'SQLITE_FULL') return 'the disk is full; nothing was written';
  if (code.startsWith('SQLITE_READONLY')) return 'the journal is read-only here; nothing was written';
  if (code.startsWith('SQLITE_IOERR')) return `the journal could not be written (${message}); nothing was written`;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return `the journal is damaged (${message}); run rel check, or restore a backup`;
  if (code.startsWith('SQLITE_CONSTRAINT')) return `the journal refused the change (${message}); nothing was written`;
  return `the journal reported ${code}: ${message}`;
}

/**
 * One line for stderr. Messages may quote what the user typed or stored, so every control
 * character is escaped here once more (a missed visible() must not reach the terminal raw), and
 * a runaway message is cut: an error is no place to replay a pasted note.
 */
function oneLine(s: string): string {
  const line = visible(s.replace(/\s*\n\s*/g, ' ').trim());
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}

const MAX_ERROR_CHARS = 600;

/** The process entry point used by bin/rel.cjs. */
export async function main(): Promise<void> {
  // Everything rel creates (journal, -wal, -shm, backups, exports) is private to the user.
  process.umask(0o077);
  // `rel list | head -1`: the reader left; stop quietly instead of dying with an EPIPE trace.
  // Any other failure to write the output (`> /dev/full`, a disk that filled up) is one line on
  // stderr and exit 1, at the end: an output that did not arrive is not a success.
  let outputFailed: NodeJS.ErrnoException | null = null;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    outputFailed ??= e;
  });
  const io: Io = {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true },
    // isatty(0), not process.stdin.isTTY: that getter opens a stream on standard input, which
    // for a file or /dev/null loads Node's whole fs stream and promises stack (~1.5 ms).
    stdinIsTTY: isatty(0),
    env: process.env,
    now: () => new Date(),
    prompter: async () => (await import('./ui/prompter.js')).inquirerPrompter(),
  };
  process.exitCode = await run(process.argv.slice(2), io);
  // Leave at once instead of letting Node tear down the heap and the SQLite addon first (~8 ms
  // of every command, measured by npm run bench), but only once the output has reached the
  // kernel: a pipe takes what fits (64 KiB on Linux) and Node queues the rest, which a big
  // `--json` (the mid journal's review is ~0.8 MB) always leaves.
  await Promise.all([delivered(process.stdout), delivered(process.stderr)]);
  // A write error is emitted on the next tick: let it arrive before the exit code is final.
  await new Promise((resolve) => setImmediate(resolve));
  const failed = outputFailed as NodeJS.ErrnoException | null;
  if (failed) {
    process.stderr.write(`rel: the output could not be written (${describeErrno(failed)})\n`);
    process.exitCode = 1;
  }
  process.exit();
}

/** Resolves when everything written to `stream` so far has been handed to the OS (or failed to be). */
function delivered(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  // Write callbacks run in order: this one runs once every earlier chunk is out.
  return new Promise((resolve) => stream.write('', () => resolve()));
}
