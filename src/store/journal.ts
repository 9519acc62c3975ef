/**
 * Opening the journal file safely. Every trap of ../shared/reliability.md that concerns opening
 * is handled here: private file modes, refusing foreign or truncated files before SQLite may
 * touch them, newer journals opened read-only, migrations applied once under a write lock with
 * a copy of the file taken first.
 */
import Database from 'better-sqlite3';
import { makeFolders } from './paths.js';
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, readSync, readdirSync, readFileSync, renameSync, rmSync, statSync, statfsSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { describeErrno, UserError } from '../cli/errors.js';
import { MIGRATIONS_DIR } from '../package-files.js';

export type Db = Database.Database;

/**
 * Every connection rel opens: better-sqlite3 handed its native addon, which rel loads itself.
 * Left to find it, better-sqlite3 asks the `bindings` package, which searches a dozen candidate
 * paths and reads a stack trace to learn where it was called from (~1.5 ms of every command);
 * and in the bundle (scripts/build.mjs) better-sqlite3's own JavaScript comes from the code
 * cache with rel's, so only the addon is left to load from node_modules.
 */
function connect(path: string, options: Database.Options = {}): Db {
  return new Database(path, { ...options, nativeBinding: nativeAddon() as unknown as string });
}

let addon: object | undefined;

/**
 * The addon node-gyp builds, where better-sqlite3's install puts it (build/Release), or
 * wherever `bindings` finds it when a build put it elsewhere: the same file either way.
 */
function nativeAddon(): object {
  if (addon) return addon;
  const fromRel = createRequire(import.meta.url);
  const root = dirname(fromRel.resolve('better-sqlite3/package.json'));
  try {
    addon = fromRel(join(root, 'build', 'Release', 'better_sqlite3.node')) as object;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    const bindings = createRequire(join(root, 'package.json'))('bindings') as (o: { bindings: string; module_root: string }) => object;
    addon = bindings({ bindings: 'better_sqlite3.node', module_root: root });
  }
  return addon;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection: imports run the same few statements 10^5 times. */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** 'rel1' in ASCII: marks a SQLite file as a rel journal (PRAGMA application_id). */
export const REL_APPLICATION_ID = 0x72656c31;

/**
 * The page size of every journal rel creates. A journal grows to hundreds of thousands of rows:
 * 16 KiB pages (SQLite's default is 4 KiB) make its b-trees shallower, and restoring the mid
 * benchmark journal takes ~5% less time (1,020 → 970 ms), with the reports, `show` and `log`
 * measured the same. A journal keeps the page size it was created with (changing it takes a
 * VACUUM); rel reads and writes either.
 */
const PAGE_SIZE = 16_384;

/** How long a writer waits for another rel process to finish before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

export interface Migration { version: number; name: string; file: string }

/** The numbered `.sql` files of migrations/, in order. `NNN_name.sql` is schema version NNN. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const list = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, file: join(dir, f) }));
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations are not numbered 1..n: ${m.name}`);
  });
  return list;
}

export interface OpenOptions {
  /** A writing command: the file is created if missing, and a newer journal is refused. */
  write: boolean;
  /** Called with one line for the user (e.g. where the pre-migration copy went). */
  notice?: (line: string) => void;
  migrationsDir?: string;
}

export interface Journal {
  db: Db;
  path: string;
  /** Opened read-only because a newer rel wrote it, or an empty in-memory stand-in for a missing file. */
  readOnly: boolean;
  /** True when the file does not exist and a reading command got an empty journal instead. */
  missing: boolean;
  close(): void;
}

/**
 * Opens (and if needed creates and migrates) the journal at `path`.
 * A reading command on a missing file gets an empty in-memory journal and creates nothing.
 */
export function openJournal(path: string, options: OpenOptions): Journal {
  const migrations = listMigrations(options.migrationsDir);
  const latest = migrations.length;
  if (path !== ':memory:' && !exists(path)) {
    if (!options.write) return inMemory(path, migrations);
    createPrivateFile(path);
  } else if (path !== ':memory:') {
    checkHeader(path);
  }

  let db: Db;
  try {
    db = connect(path, { fileMustExist: path !== ':memory:', timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw openError(path, e);
  }
  try {
    const { appId, version, tables } = readIdentity(db, path);
    if (appId !== REL_APPLICATION_ID && !(appId === 0 && version === 0 && tables === 0)) {
      throw new UserError(`${path} is not a rel journal; it was left untouched`);
    }
    if (version > latest) {
      if (options.write) {
        throw new UserError(`${path} was written by a newer rel (journal v${version}, this rel knows v${latest}); upgrade rel to change it`);
      }
      db.close();
      db = connect(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      db.pragma('query_only = ON');
      return { db, path, readOnly: true, missing: false, close: () => db.close() };
    }
    // A file with nothing in it yet (SQLite has not written its first page) takes the page size.
    if (path !== ':memory:' && tables === 0 && version === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
    configure(db);
    if (version < latest) {
      if (version > 0 && path !== ':memory:') copyBeforeMigrating(db, path, latest, options.notice);
      try {
        migrate(db, migrations);
      } catch (e) {
        const now = db.pragma('user_version', { simple: true }) as number;
        throw new UserError(`upgrading the journal to v${latest} failed (${(e as Error).message}); it was left at v${now}`);
      }
    }
    return { db, path, readOnly: false, missing: false, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A journal built in a file of its own, beside where it will live (`createJournalAside`). */
export interface JournalAside {
  journal: Journal;
  /** Syncs the finished file, makes it a WAL journal like any other, and links it into place. */
  publish(): void;
  /** Removes the file: nothing was published. */
  discard(): void;
}

/**
 * A journal that does not exist yet, built whole aside and put in place only once complete:
 * `rel import` into a new journal, which is how a journal is restored from an export. Null when
 * something is at `path` already (or it is in memory): the caller opens it as usual.
 *
 * Why: one big transaction goes through the WAL twice, written to the log and then copied
 * into the file, and the WAL was ~150 of a mid import's ~1,150 ms. A file no other process
 * can know of needs neither: it is written with its rollback journal in memory (a failed import
 * still rolls back) and no syncs, its references checked once, whole, at the end rather than
 * row by row (every row in it comes from the one import; ~35 ms of mid), then synced once and
 * linked into place. link() creates the name only if nothing has it: if another rel created
 * the journal meanwhile, nothing of it is replaced and the import is reported as not done.
 * A kill (or a Ctrl-C, which cannot be handled inside the one synchronous transaction) leaves
 * no journal, and the file aside (`.rel.db.importing-PID-XXXX`) is removed by the next import
 * into that path. Where hard links are not supported, the file is renamed into place instead,
 * after one more look at the path.
 */
export function createJournalAside(path: string): JournalAside | null {
  if (path === ':memory:') return null;
  removeStaleAsides(path);
  // Anything at the path (a file, a dangling symlink) or beside it (a -wal or -journal left by
  // a journal that was moved away: SQLite would replay it into a file that is not empty) is for
  // the usual open to deal with.
  if (occupied(path)) return null;
  const migrations = listMigrations();
  const aside = asidePath(path);
  const remove = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(aside + suffix, { force: true });
  };
  try {
    makeFolders(dirname(path), 0o700);
    closeSync(openSync(aside, 'wx', 0o600));
  } catch {
    // No file aside (a name too long for the longer name, a folder that cannot be made): the
    // usual open creates the journal, or says why it cannot.
    return null;
  }
  let db: Db;
  try {
    db = connect(aside, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    remove();
    throw openError(path, e);
  }
  let open = true;
  const close = () => {
    if (open) db.close();
    open = false;
  };
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    // Every row of this file comes from the one import: its references are checked once, whole,
    // before the file is put in place (publish), rather than row by row as they are written.
    // (Foreign keys are a setting of the connection: the journal's own opens turn them on.)
    db.pragma('foreign_keys = OFF');
    migrate(db, migrations);
  } catch (e) {
    close();
    remove();
    throw e;
  }
  return {
    journal: { db, path, readOnly: false, missing: false, close },
    discard() {
      close();
      remove();
    },
    publish() {
      try {
        const orphans = referencesWithinRanges(db) ? 0 : (db.pragma('foreign_key_check') as unknown[]).length;
        if (orphans > 0) throw new Error(`the import left ${orphans} row${orphans === 1 ? '' : 's'} without ${orphans === 1 ? 'its parent' : 'their parents'}`);
        db.pragma('journal_mode = WAL');
        close();
        const fd = openSync(aside, 'r+');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        if (occupied(path)) throw taken();
        putInPlace(aside, path);
      } catch (e) {
        remove();
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EEXIST') throw new UserError(`another rel created the journal at ${path} meanwhile; nothing was imported into it (run the import again to add to it)`);
        if (typeof err.code === 'string' && !err.code.startsWith('SQLITE_')) throw new UserError(`cannot create the journal at ${path}: ${describeErrno(err)}`);
        throw e;
      }
      syncFolder(dirname(path));
    },
  };
}

/**
 * Whether every reference in the journal has its row, told from the ends of each key range
 * rather than row by row: where a parent table's ids run without a gap (count = greatest −
 * least + 1, as in a file filled from empty), every integer between its least and greatest id
 * has its row, so a child column whose least and greatest values lie in that range has all
 * its parents. Each end is a seek in an index that leads with the column. Sound because every
 * reference is a STRICT INTEGER column (no 1.5, no '7') naming an INTEGER key (distinct
 * integers); any other shape of reference answers false. False means only "not settled
 * here": `foreign_key_check` then visits every row (~40 ms for a restore of 100,000
 * interactions, against well under 1 ms here). Exported for its test.
 */
export function referencesWithinRanges(db: Db): boolean {
  const tables = new Map((db.pragma('table_list') as Array<{ name: string; schema: string; type: string; strict: number }>)
    .filter((t) => t.schema === 'main' && t.type === 'table').map((t) => [t.name, t.strict === 1]));
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const columns = (table: string) => db.pragma(`table_info(${q(table)})`) as Array<{ name: string; type: string; pk: number }>;
  for (const [child, strict] of tables) {
    const keys = db.pragma(`foreign_key_list(${q(child)})`) as Array<{ id: number; seq: number; table: string; from: string; to: string | null }>;
    if (keys.length === 0) continue;
    if (!strict) return false;
    for (const k of keys) {
      // A composite key has more than one row per id.
      if (k.seq !== 0 || keys.some((o) => o.id === k.id && o.seq > 0)) return false;
      if (columns(child).find((c) => c.name === k.from)?.type !== 'INTEGER') return false;
      const key = columns(k.table).filter((c) => c.pk > 0);
      if (tables.get(k.table) !== true || key.length !== 1 || key[0]!.type !== 'INTEGER' || (k.to !== null && k.to !== key[0]!.name)) return false;
      const [id, from, parent] = [q(key[0]!.name), q(k.from), q(k.table)];
      // In SQL, where the arithmetic on 64-bit ids is exact. A gap in the parent's ids: only a
      // visit tells whether anything names the missing one. No references (or only NULLs, which
      // need no parent): nothing to tell.
      const settled = db.prepare(`SELECT CASE WHEN c.low IS NULL THEN 1
          WHEN p.least IS NULL OR p.greatest - p.least + 1 <> p.n THEN 0
          ELSE c.low >= p.least AND c.high <= p.greatest END
        FROM (SELECT (SELECT min(${from}) FROM ${q(child)}) AS low, (SELECT max(${from}) FROM ${q(child)}) AS high) c,
          (SELECT (SELECT min(${id}) FROM ${parent}) AS least, (SELECT max(${id}) FROM ${parent}) AS greatest,
            (SELECT count(*) FROM ${parent}) AS n) p`).pluck().get();
      if (settled !== 1) return false;
    }
  }
  return true;
}

/**
 * The file aside for `path` of this import: hidden, named so that no file of the user's is
 * mistaken for one, with this process's number and a part of its own
 * (`.rel.db.importing-1234-k2x9`): in containers every run may be process 1. Beside the path
 * as given, `..` and all: joining would cancel `link/..` as text, where the kernel follows it.
 */
function asidePath(path: string): string {
  return `${dirname(path)}${sep}.${basename(path)}${ASIDE}${process.pid}-${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
}

const ASIDE = '.importing-';

/** What `publish` reports as another rel's journal: the same code link() gives. */
function taken(): NodeJS.ErrnoException {
  return Object.assign(new Error('the path is taken'), { code: 'EEXIST' });
}

/** Something at `path` (even a dangling symlink), or a rollback journal or WAL beside it. */
function occupied(path: string): boolean {
  for (const suffix of ['', '-wal', '-journal']) {
    try {
      lstatSync(path + suffix);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return true;
    }
  }
  return false;
}

/**
 * Gives the finished file its name only if nothing has it: link() fails with EEXIST rather
 * than replace. Where hard links are not supported (FAT, some network shares), a rename,
 * after one more look: nothing else can make the window between the two safe there.
 */
function putInPlace(aside: string, path: string): void {
  try {
    linkSync(aside, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
    if (occupied(path)) throw taken();
    renameSync(aside, path);
    return;
  }
  rmSync(aside, { force: true });
}

/**
 * Files aside of imports into `path` whose process is gone (killed mid-import; a Ctrl-C cannot
 * be handled in the middle of the one synchronous transaction either): nothing will publish
 * them. Runs on every import into `path`; what cannot be removed is left.
 */
function removeStaleAsides(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}${ASIDE}`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-[0-9a-z]+(-journal|-wal|-shm)?$/.exec(name.slice(prefix.length));
    if (!m || alive(Number(m[1]))) continue;
    try {
      rmSync(`${dir}${sep}${name}`, { force: true });
    } catch {
      // Someone else's, or a folder: not ours to force.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The new name lasts through a power cut once its folder is synced too (best effort: not every file system lets a folder be). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The journal is in place either way.
  }
}

/**
 * Copies a journal that holds data before migrating it. The copy is taken under the write lock
 * (held by a second connection; WAL lets `db` still read), with the version read again under
 * it: of several rel processes opening an old journal at once, one takes the copy, the others
 * find the journal already migrated, and no two write the same copy at once.
 */
function copyBeforeMigrating(db: Db, path: string, latest: number, notice?: (line: string) => void): void {
  const lock = connect(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    lock.exec('BEGIN IMMEDIATE');
    const version = lock.pragma('user_version', { simple: true }) as number;
    if (version >= latest || version === 0) return;
    if (lock.prepare('SELECT EXISTS (SELECT 1 FROM contacts)').pluck().get() !== 1) return; // nothing to lose
    const copy = `${path}.before-v${latest}.bak`;
    backupFileCopy(db, copy);
    notice?.(`rel: upgrading the journal to v${latest}; a copy of the old one is at ${copy}`);
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}

function inMemory(path: string, migrations: Migration[]): Journal {
  const db = connect(':memory:');
  configure(db);
  migrate(db, migrations);
  return { db, path, readOnly: false, missing: true, close: () => db.close() };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Creates the folders (0700) and an empty 0600 file, so SQLite's -wal and -shm inherit 0600. */
function createPrivateFile(path: string): void {
  try {
    makeFolders(dirname(path), 0o700);
    closeSync(openSync(path, 'wx', 0o600));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') return; // another rel process created it first
    throw new UserError(`cannot create the journal at ${path}: ${describeErrno(err)}`);
  }
}

/**
 * Refuses a file that is not SQLite, or whose header promises more pages than the file holds
 * (a truncated copy), before SQLite opens it: SQLite would happily treat some of these as
 * writable databases.
 */
function checkHeader(path: string, again = false): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UserError(`cannot open ${path}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UserError(`cannot open the journal at ${path}: it is a folder`);
    const size = stat.size;
    if (size === 0) return; // an empty file, e.g. one we created and never wrote
    const header = Buffer.alloc(100);
    const n = readSync(fd, header, 0, 100, 0);
    if (n < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') {
      throw new UserError(`${path} is not a rel journal; it was left untouched`);
    }
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const pages = header.readUInt32BE(28);
    // The page count is only trustworthy when the "version-valid-for" number matches the change counter.
    const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
    if (size % pageSize !== 0 || (countValid && pages > 0 && size < pages * pageSize)) {
      // A checkpoint copies page 1 (with the new page count) before the pages after it, so a short
      // file beside a -wal is a checkpoint under way in another rel, or one a crash cut short:
      // SQLite completes it from the -wal. Without a -wal, look once more in case one just ended.
      if (size % pageSize === 0 && exists(`${path}-wal`)) return;
      if (!again) return checkHeader(path, true);
      throw new UserError(`${path} looks truncated or damaged (${size} bytes); it was left untouched. Restore a backup`);
    }
  } finally {
    closeSync(fd);
  }
}

function readIdentity(db: Db, path: string): { appId: number; version: number; tables: number } {
  try {
    // One read transaction, so all three come from the same snapshot: read one by one, another rel
    // committing migration 1 in between showed "application_id 0 at version 1", not a rel journal.
    return db.transaction(() => {
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
      return { appId, version, tables };
    })();
  } catch (e) {
    throw openError(path, e);
  }
}

function configure(db: Db): void {
  // WAL is a property of the file: once any rel has converted it there is nothing to do, and
  // no lock to take.
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') convertToWal(db);
  // A hand-typed journal is low volume: pay for a full sync so a power cut cannot undo a commit.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * Switches a new journal to WAL. The switch needs the file to itself, and SQLite does not run
 * the busy handler for it: when several first runs race to create one journal, a switch can
 * meet another's lock and fail at once with SQLITE_BUSY (seen as a "stayed busy" error from one
 * of four racing `rel add`s). So a busy switch is retried for up to the busy timeout; any other
 * outcome stands, as before (an in-memory journal stays in its own mode).
 */
function convertToWal(db: Db): void {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY') || Date.now() > until) throw e;
    }
    Atomics.wait(pause, 0, 0, wait);
  }
}

/**
 * Applies each pending migration in its own IMMEDIATE transaction, re-reading the version under
 * the write lock so two processes opening an old journal at once apply each migration once.
 * `user_version` is bumped inside the same transaction, so a failure leaves version N-1 intact.
 */
export function migrate(db: Db, migrations: Migration[]): void {
  // Foreign keys are off while migrations run and checked before each one commits instead:
  // rebuilding a parent table (new table, copy, drop, rename: migration 005) would otherwise
  // cascade the DROP into every child row. The pragma does nothing inside a transaction, so it
  // is switched here, around them.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations) {
      const apply = db.transaction(() => {
        const current = db.pragma('user_version', { simple: true }) as number;
        if (current >= m.version) return;
        if (current !== m.version - 1) throw new Error(`journal is at v${current}, cannot apply ${m.name}`);
        if (m.version === 1) db.pragma(`application_id = ${REL_APPLICATION_ID}`);
        // Only rows the migration itself orphans fail it: a journal that already had broken
        // references (edited by hand with foreign keys off) must still open, so that rel check
        // can report them and rel export can save what is there.
        const before = orphansByTable(db);
        db.exec(readFileSync(m.file, 'utf8'));
        for (const [table, n] of orphansByTable(db)) {
          const added = n - (before.get(table) ?? 0);
          if (added > 0) throw new Error(`${m.name} left ${added} row(s) of ${table} without their parent`);
        }
        db.pragma(`user_version = ${m.version}`);
      });
      apply.immediate();
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}

/** Rows whose foreign keys point nowhere, counted by table. */
function orphansByTable(db: Db): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { table } of db.pragma('foreign_key_check') as Array<{ table: string }>) counts.set(table, (counts.get(table) ?? 0) + 1);
  return counts;
}

/**
 * A consistent copy of the whole journal (VACUUM INTO reads one snapshot), written to a file
 * created empty at 0600 first so the copy is as private as the original.
 */
export function backupFileCopy(db: Db, target: string): void {
  try {
    closeSync(openSync(target, 'w', 0o600));
    chmodSync(target, 0o600);
  } catch (e) {
    throw new UserError(`cannot write the copy ${target}: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
  // VACUUM INTO wants a missing or empty target; the empty 0600 file satisfies both needs.
  db.prepare('VACUUM INTO ?').run(target);
}

/**
 * Makes a backup copy one self-contained file (rollback journal instead of WAL, so no -wal/-shm
 * siblings appear when it is opened) and checks its integrity. Returns SQLite's first complaint,
 * or null for a sound copy.
 */
export function checkBackupCopy(target: string): string | null {
  const copy = connect(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = String(copy.pragma('quick_check', { simple: true }));
    return result === 'ok' ? null : result;
  } catch (e) {
    return (e as Error).message;
  } finally {
    copy.close();
  }
}

function openError(path: string, e: unknown): UserError {
  const err = e as { code?: string; message?: string };
  if (err.code === 'SQLITE_NOTADB') return new UserError(`${path} is not a rel journal; it was left untouched`);
  if (err.code === 'SQLITE_CORRUPT') return new UserError(`${path} is damaged (${err.message}); it was left untouched`);
  if (/^SQLITE_(CANTOPEN|IOERR|FULL)/.test(err.code ?? '') && diskFull(path)) return new UserError(`cannot open the journal at ${path}: the disk is full`);
  if (err.code === 'SQLITE_CANTOPEN') return new UserError(`cannot open the journal at ${path}`);
  if (err.code === 'SQLITE_READONLY') return new UserError(`the journal at ${path} is read-only`);
  return new UserError(`cannot open the journal at ${path}: ${err.message ?? String(e)}`);
}

/** SQLite says only "cannot open" when there is no room for the -wal or -shm: ask the file system. */
function diskFull(path: string): boolean {
  try {
    return statfsSync(dirname(path)).bavail === 0;
  } catch {
    return false;
  }
}

