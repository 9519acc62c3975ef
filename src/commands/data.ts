/** `rel export`, `rel import`, `rel backup`: moving the journal out and in without losing a byte. */
import { closeSync, existsSync, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync, chmodSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeErrno, UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import {
  formatContactLine, formatInteractionLine, formatPromiseLine,
} from '../domain/interchange.js';
import { contactIdsByKey, exportRecords, importWriter, type ImportWriter } from '../store/interchange.js';
import { checkBackupCopy, type Db } from '../store/journal.js';
import { makeFolders } from '../store/paths.js';
import { startProgress } from '../ui/progress.js';
import { visible } from '../ui/text.js';
import { dryRunWriter, importJsonl, WORKER_MIN_BYTES, type ImportCounts } from './import-jsonl.js';
import type { Sharing } from './import-thread.js';
import { newJournal, withJournal, type NewJournalSession, type Session } from './journal-access.js';

const EXPORT_FORMATS = ['jsonl', 'csv', 'csv-interactions', 'vcard', 'ics'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where export text goes: stdout, or a private temp file renamed into place only when complete. */
interface Sink { write(chunk: string): void; finish(): void; abort(): void }

function fileSink(path: string): Sink {
  // A pipe, a terminal, a device, and anything under /dev or /proc (/dev/stdout may name a file the
  // shell opened to append to) are written as they are: renaming a temp file over them would
  // replace them (and put the temp file in /dev).
  if (/^\/(dev|proc)\//.test(resolve(path))) return streamSink(path);
  let st: Stats | null = null;
  try {
    st = statSync(path); // follows symlinks to what they name
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'ENOENT') throw new UserError(`cannot write ${path}: ${describeErrno(err)}`);
  }
  if (st && !st.isFile()) return streamSink(path);
  // Through a symlink, the file it names is replaced (or created), not the link.
  const target = finalTarget(path);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w', 0o600);
  } catch (e) {
    throw new UserError(`cannot write ${path}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
  const fail = (e: unknown) => {
    try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* never created */ }
    return new UserError(`cannot write ${path}: ${describeErrno(e as NodeJS.ErrnoException)}; nothing was written`);
  };
  return {
    write(chunk) {
      try { writeAll(fd, chunk); } catch (e) { throw fail(e); }
    },
    finish() {
      try {
        fsyncSync(fd);
        closeSync(fd);
        chmodSync(tmp, 0o600);
        renameSync(tmp, target);
      } catch (e) {
        throw fail(e);
      }
    },
    abort() { fail(new Error('aborted')); },
  };
}

/** The path a chain of symlinks ends at, existing or not (a dangling link names a file to create). */
function finalTarget(path: string): string {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(p).isSymbolicLink()) return p;
      link = readlinkSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return p;
      throw new UserError(`cannot write ${path}: ${describeErrno(e as NodeJS.ErrnoException)}`);
    }
    p = resolve(dirname(p), link);
  }
  throw new UserError(`cannot write ${path}: too many levels of symbolic links`);
}

/** writeSync may write less than it was given (a file size limit, a full disk): write the rest. */
function writeAll(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8');
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes straight to something that is not a regular file (a pipe, a terminal, a device). */
function streamSink(path: string): Sink {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new UserError(`cannot write ${path}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
  const close = () => { try { closeSync(fd); } catch { /* already closed */ } };
  return {
    write(chunk) {
      try {
        writeAll(fd, chunk);
      } catch (e) {
        close();
        throw new UserError(`cannot write ${path}: ${describeErrno(e as NodeJS.ErrnoException)}`);
      }
    },
    finish: close,
    abort: close,
  };
}

/** Buffers lines into large writes: one write per line would dominate an export's time. */
function buffered(sink: Sink): Sink {
  let parts: string[] = [];
  let size = 0;
  return {
    write(chunk) {
      parts.push(chunk);
      size += chunk.length;
      if (size > 1 << 20) { sink.write(parts.join('')); parts = []; size = 0; }
    },
    finish() { if (parts.length) sink.write(parts.join('')); sink.finish(); },
    abort() { sink.abort(); },
  };
}

export async function exportCommand(ctx: Context, _args: [], opts: { format?: string; out?: string }): Promise<void> {
  const format = pickFormat(opts.format, EXPORT_FORMATS, '--format') ?? 'jsonl';
  const sink = buffered(opts.out ? fileSink(opts.out) : { write: (c) => ctx.io.stdout.write(c), finish: () => {}, abort: () => {} });
  try {
    await withJournal(ctx, 'read', async ({ db }) => {
      if (format === 'jsonl') writeJsonl(db, sink);
      else await writeOtherFormat(ctx, db, format, sink, opts.out !== undefined);
    });
    sink.finish();
  } catch (e) {
    sink.abort();
    throw e;
  }
  if (opts.out) ctx.notice(`rel: exported the journal as ${format} to ${opts.out}`);
}

function writeJsonl(db: Db, sink: Sink): void {
  for (const r of exportRecords(db)) {
    sink.write((r.type === 'contact' ? formatContactLine(r.row) : r.type === 'interaction' ? formatInteractionLine(r.row) : formatPromiseLine(r.row)) + '\n');
  }
}

async function writeOtherFormat(ctx: Context, db: Db, format: Exclude<ExportFormat, 'jsonl'>, sink: Sink, toFile: boolean): Promise<void> {
  const formats = await import('./formats.js');
  sink.write(formats.exportAs(db, format, ctx.io.now(), ctx.today, { toFile }));
}

function pickFormat<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new UserError(`${flag}: "${visible(value)}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

const IMPORT_FORMATS = ['jsonl', 'vcard', 'csv', 'ics'] as const;

function formatFromName(file: string): (typeof IMPORT_FORMATS)[number] {
  const ext = file.toLowerCase().split('.').pop();
  if (ext === 'vcf' || ext === 'vcard') return 'vcard';
  if (ext === 'csv') return 'csv';
  if (ext === 'ics' || ext === 'ical') return 'ics';
  return 'jsonl';
}

export async function importCommand(ctx: Context, [file]: [string], opts: { format?: string; dryRun?: boolean }): Promise<void> {
  const format = pickFormat(opts.format, IMPORT_FORMATS, '--format') ?? formatFromName(file);
  if (format !== 'jsonl') {
    const text = await readDecoded(ctx, file);
    const formats = await import('./formats.js');
    await formats.importAs(ctx, format, text, file, opts.dryRun === true);
    return;
  }
  // JSONL is UTF-8 by its spec: the bytes go to the importer as they are (it decodes line by line).
  // A big file is shared with a worker thread (import-thread.ts), started first: while it loads,
  // this thread opens the file and the journal and reads the first lines itself; the thread then
  // reads the rest while this one writes.
  const worker = !ctx.io.readText && fileSize(file) >= WORKER_MIN_BYTES
    ? (await import('./import-thread.js')).startImportWorker(handoverLine(ctx.io.env.REL_IMPORT_HANDOVER)) : null;
  let source: string | Buffer | null = null;
  let input: { fd: number; size: number } | null = null;
  // Into a journal that does not exist yet (a restore), the journal is built aside and put in
  // place when complete (journal-access.ts, `newJournal`). Into an existing one, the import is a
  // write like every other.
  let fresh: NewJournalSession | null = null;
  try {
    try {
      if (worker) input = openInput(file);
      else source = ctx.io.readText ? readInput(ctx, file) : readBytes(file);
      if (!opts.dryRun && (input ? input.size : source!.length) > 0) fresh = newJournal(ctx);
    } catch (e) {
      worker?.stop();
      throw e;
    }
    const sharing: Sharing = { handedOverAt: null };
    const today = ctx.today;
    let counts: ImportCounts;
    const load = ({ db, write }: Session): ImportCounts => {
      const progress = startProgress(ctx.io.stderr, `Importing ${file}`);
      // Each record is written as soon as its line is checked, inside one transaction: a bad line
      // rolls back everything before it, so the journal is as it was.
      const importAll = (writer: ImportWriter) => (worker && input
        ? worker.run(input.fd, file, input.size, contactIdsByKey(db), writer, progress.update, sharing)
        : importJsonl(source!, contactIdsByKey(db), writer, progress.update));
      try {
        return opts.dryRun ? importAll(dryRunWriter()) : write(() => importAll(importWriter(db, today)));
      } finally {
        progress.finish();
      }
    };
    try {
      if (fresh) {
        try {
          counts = load(fresh.session);
        } catch (e) {
          fresh.discard();
          throw e;
        }
        fresh.publish();
      } else {
        counts = await withJournal(ctx, opts.dryRun ? 'read' : 'write', load);
      }
    } finally {
      // Also when the journal could not be opened at all.
      worker?.stop();
    }
    if (worker && ctx.io.env.REL_DEBUG) {
      ctx.notice(sharing.handedOverAt === null ? 'rel: this thread read the file to its end; the worker thread took no part'
        : `rel: the worker thread read the file from line ${sharing.handedOverAt}`);
    }
    const what = `${counts.contacts} contact${counts.contacts === 1 ? '' : 's'}, ${counts.interactions} interaction${counts.interactions === 1 ? '' : 's'}, ${counts.promises} promise${counts.promises === 1 ? '' : 's'}`;
    ctx.print(opts.dryRun ? `Would import ${what} from ${file}; nothing was written (--dry-run).` : `Imported ${what} from ${file}.`);
  } finally {
    if (input) closeSync(input.fd);
  }
}

/** REL_IMPORT_HANDOVER (tests): the line from which the worker thread reads, whenever it loads. */
function handoverLine(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 ? n : null;
}

/** The file to share with the worker thread, open, and its size. */
function openInput(file: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    // As for a file read whole (readBytes): Node's limit for one buffer.
    if (st.size > 2 ** 31 - 1) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw new UserError(`cannot read ${file}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
}

/**
 * Address books and spreadsheets write UTF-8, UTF-16 or Windows-1252: read the bytes and let
 * decodeFileText tell them apart. (A test's injected readText already gives text.)
 */
async function readDecoded(ctx: Context, file: string): Promise<string> {
  if (ctx.io.readText) return readInput(ctx, file);
  const bytes = readBytes(file);
  const { decodeFileText } = await import('../formats/text.js');
  return decodeFileText(bytes).text;
}

/** The file's size, or 0 when it cannot be read (reading it then says why). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
}

function readInput(ctx: Context, file: string): string {
  try {
    const text = ctx.io.readText ? ctx.io.readText(file) : readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
}

export async function backupCommand(ctx: Context, [file]: [string | undefined], opts: { force?: boolean }): Promise<void> {
  if (!existsSync(ctx.journalPath)) throw new UserError(`there is no journal at ${ctx.journalPath} to back up yet`);
  const target = file ?? defaultBackupPath(ctx.journalPath, ctx.io.now());
  if (existsSync(target) && statSync(target).size > 0 && !opts.force) throw new UserError(`${target} already exists; choose another name or pass --force`);
  const summary = await withJournal(ctx, 'read', async ({ db }) => {
    try {
      if (!file) makeFolders(dirname(target), 0o700);
      // Created empty at 0600 first: SQLite would otherwise create it with the umask's mode.
      closeSync(openSync(target, 'w', 0o600));
      chmodSync(target, 0o600);
    } catch (e) {
      throw new UserError(`cannot write ${target}: ${describeErrno(e as NodeJS.ErrnoException)}`);
    }
    try {
      // SQLite's online backup: a consistent copy even while another rel writes.
      await db.backup(target);
    } catch (e) {
      try { unlinkSync(target); } catch { /* nothing to remove */ }
      throw new UserError(`the backup to ${target} failed: ${(e as Error).message}; no copy was kept`);
    }
    return db.prepare('SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM interactions) AS interactions').get() as { contacts: number; interactions: number };
  });
  verifyCopy(target);
  ctx.print(`Backed up ${summary.contacts} contacts and ${summary.interactions} interactions to ${target} (${statSync(target).size} bytes).`);
}

/** A copy that fails its integrity check is removed: a copy of a damaged journal is not a backup. */
function verifyCopy(target: string): void {
  const problem = checkBackupCopy(target);
  if (problem !== null) {
    try { unlinkSync(target); } catch { /* already gone */ }
    const first = problem.replace(/^\*\*\* in database main \*\*\*\s*/, '').split('\n', 1)[0]!.slice(0, 120);
    throw new UserError(`the journal is damaged (${first}), so its copy failed the integrity check and was not kept; run rel check`);
  }
}

function defaultBackupPath(journal: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return join(dirname(journal), 'backups', `${basename(journal, '.db')}-${stamp}.db`);
}

