/** Opening the journal for a command, and the one way commands write: an IMMEDIATE transaction. */
import type { Context } from '../cli/context.js';
import { createJournalAside, openJournal, type Db, type Journal } from '../store/journal.js';

export interface Session {
  db: Db;
  journal: Journal;
  /**
   * Runs `fn` in one IMMEDIATE transaction: the write lock is taken up front, so a concurrent rel
   * waits (busy timeout) instead of failing with SQLITE_BUSY_SNAPSHOT, and any failure rolls the
   * whole command back.
   */
  write<T>(fn: () => T): T;
}

/**
 * Opens the journal for the length of `body`. 'write' creates a missing journal and refuses one
 * written by a newer rel; 'read' gets an empty journal for a missing file and opens a newer one
 * read-only. Resolving names (which may prompt) happens in `body` before `write`.
 */
export async function withJournal<T>(ctx: Context, mode: 'read' | 'write', body: (s: Session) => T | Promise<T>): Promise<T> {
  const journal = openJournal(ctx.journalPath, { write: mode === 'write', notice: (l) => ctx.notice(l) });
  try {
    return await body(sessionOf(journal));
  } finally {
    journal.close();
  }
}

/** A journal that does not exist yet, being filled aside (see `newJournal`). */
export interface NewJournalSession {
  session: Session;
  /** Puts the finished journal in place. */
  publish(): void;
  /** Removes it: nothing was written. */
  discard(): void;
}

/**
 * A session filling a journal that does not exist yet: built aside and put in place by
 * `publish`, or never (store/journal.ts, `createJournalAside`). Null, with nothing done, when
 * the journal exists: the caller opens it with `withJournal`. Created before the caller's other
 * preparations (reading a file), so that the schema is written while they run.
 */
export function newJournal(ctx: Context): NewJournalSession | null {
  const aside = createJournalAside(ctx.journalPath);
  if (!aside) return null;
  return {
    session: sessionOf(aside.journal),
    publish: () => aside.publish(),
    discard: () => aside.discard(),
  };
}

function sessionOf(journal: Journal): Session {
  return { db: journal.db, journal, write: (fn) => journal.db.transaction(fn).immediate() };
}
