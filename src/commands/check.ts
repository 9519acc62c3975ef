/**
 * `rel check`: is the journal sound? Runs SQLite's integrity check and foreign-key check,
 * compares the reports' copies on participant rows with their interactions and each contact's
 * touch summary with its touches, and reports the schema version, the counts and the file size.
 * Exit 1 when a check fails.
 */
import { statSync } from 'node:fs';
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import {
  copyProblems, foreignKeyProblems, integrityProblems, journalCounts, schemaVersion, type CopyProblem, type ForeignKeyProblem,
  type JournalCounts,
} from '../store/check.js';
import { listMigrations } from '../store/journal.js';
import { missingSummaryTriggers, summaryProblems } from '../store/summary.js';
import { visible } from '../ui/text.js';
import { withJournal } from './journal-access.js';

const SHOWN = 10;

export async function run(ctx: Context, _args: [], opts: { json?: boolean }): Promise<void> {
  const report = await withJournal(ctx, 'read', ({ db, journal }) => {
    if (journal.missing) throw new UserError(`there is no journal at ${ctx.journalPath} to check`);
    // A bad block can make SQLite give up on a whole table rather than list its problems: each
    // part that cannot be read is reported as such, and the others are still checked.
    let integrity: string[];
    try {
      integrity = integrityProblems(db);
    } catch (e) {
      integrity = [(e as Error).message];
    }
    const unreadable: string[] = [];
    const attempt = <T>(part: string, read: () => T, otherwise: T): T => {
      try {
        return read();
      } catch (e) {
        if (!String((e as { code?: unknown })?.code ?? '').startsWith('SQLITE_')) throw e;
        unreadable.push(part); // a damaged table; the integrity problems say more
        return otherwise;
      }
    };
    const foreignKeys = attempt('references', () => foreignKeyProblems(db), [] as ForeignKeyProblem[]);
    const counts = attempt('counts', () => journalCounts(db), null as JournalCounts | null);
    // The copies exist from schema v4 on, the summaries from v6; a newer rel may keep them
    // differently, so a journal newer than this rel is not judged by this rel's idea of them.
    const version = schemaVersion(db);
    const known = version <= listMigrations().length;
    const copies = version >= 4 && known ? attempt('copies', () => copyProblems(db), [] as CopyProblem[]) : [];
    const { summaries, triggers } = version >= 6 && known
      ? attempt('summaries', () => ({ summaries: summaryProblems(db), triggers: missingSummaryTriggers(db) }), { summaries: [] as number[], triggers: [] as string[] })
      : { summaries: [] as number[], triggers: [] as string[] };
    return { version, integrity, foreignKeys, copies, summaries, triggers, counts, unreadable };
  });
  const latest = listMigrations().length;
  const bytes = fileSize(ctx.journalPath);
  const walBytes = fileSize(`${ctx.journalPath}-wal`);
  const ok = report.integrity.length === 0 && report.foreignKeys.length === 0 && report.copies.length === 0 && report.summaries.length === 0
    && report.triggers.length === 0 && report.unreadable.length === 0;
  if (opts.json) {
    ctx.printJson({
      path: ctx.journalPath, ok, schemaVersion: report.version, knownVersion: latest, bytes, walBytes,
      integrity: report.integrity.length === 0 ? 'ok' : report.integrity, foreignKeys: report.foreignKeys, copies: report.copies,
      summaries: report.summaries.map((contactId) => ({ contactId })), missingTriggers: report.triggers, counts: report.counts,
      unreadable: report.unreadable,
    });
  } else {
    print(ctx, report, latest, bytes, walBytes);
  }
  if (!ok) {
    const what = [
      report.integrity.length ? `${report.integrity.length} integrity problem${report.integrity.length === 1 ? '' : 's'}` : '',
      report.foreignKeys.length ? `${report.foreignKeys.length} broken reference${report.foreignKeys.length === 1 ? '' : 's'}` : '',
      report.copies.length ? `${report.copies.length} participant row${report.copies.length === 1 ? '' : 's'} out of step with ${report.copies.length === 1 ? 'its interaction' : 'their interactions'}` : '',
      report.summaries.length ? `${report.summaries.length} contact summar${report.summaries.length === 1 ? 'y' : 'ies'} out of step with ${report.summaries.length === 1 ? 'its' : 'their'} interactions` : '',
      report.triggers.length ? `the trigger${report.triggers.length === 1 ? '' : 's'} keeping the contact summaries missing (${report.triggers.join(', ')})` : '',
      report.unreadable.length && !report.integrity.length ? `unreadable ${report.unreadable.join(', ')}` : '',
    ].filter(Boolean).join(' and ');
    throw new UserError(`the journal at ${ctx.journalPath} failed its check (${what}); restore a backup, or export what can still be read`);
  }
}

function print(ctx: Context, r: { version: number; integrity: string[]; foreignKeys: ForeignKeyProblem[]; copies: CopyProblem[]; summaries: number[]; triggers: string[];
  counts: JournalCounts | null; unreadable: string[] },
  latest: number, bytes: number, walBytes: number): void {
  const s = ctx.style;
  const version = r.version > latest ? `v${r.version} (newer than this rel, which knows v${latest}; opened read-only)` : `v${r.version}`;
  ctx.print(`Journal  ${visible(ctx.journalPath)}`);
  ctx.print(`schema   ${version}`);
  ctx.print(`size     ${bytes} bytes${walBytes > 0 ? ` (+ ${walBytes} bytes of write-ahead log)` : ''}`);
  if (r.integrity.length === 0) ctx.print(`integrity ${s.good('ok')}`);
  else {
    ctx.print(`integrity ${s.bad(`${r.integrity.length} problem${r.integrity.length === 1 ? '' : 's'}`)}`);
    for (const line of r.integrity.slice(0, SHOWN)) ctx.print(`  ${visible(line)}`);
    if (r.integrity.length > SHOWN) ctx.print(`  … and ${r.integrity.length - SHOWN} more`);
  }
  if (r.unreadable.includes('references')) ctx.print(`references ${s.bad('unreadable')}`);
  else if (r.foreignKeys.length === 0) ctx.print(`references ${s.good('ok')}`);
  else {
    ctx.print(`references ${s.bad(`${r.foreignKeys.length} broken`)}`);
    for (const f of r.foreignKeys.slice(0, SHOWN)) ctx.print(`  ${f.table} row ${f.rowid ?? '?'} points at a missing ${f.parent}`);
    if (r.foreignKeys.length > SHOWN) ctx.print(`  … and ${r.foreignKeys.length - SHOWN} more`);
  }
  if (r.unreadable.includes('copies')) ctx.print(`copies   ${s.bad('unreadable')}`);
  else if (r.copies.length === 0) ctx.print(`copies   ${s.good('ok')}`);
  else {
    ctx.print(`copies   ${s.bad(`${r.copies.length} out of step`)} (what the review reads no longer matches the interaction)`);
    for (const c of r.copies.slice(0, SHOWN)) ctx.print(`  interaction #${c.interactionId}, contact #${c.contactId}: ${c.fields.join(', ')}`);
    if (r.copies.length > SHOWN) ctx.print(`  … and ${r.copies.length - SHOWN} more`);
  }
  if (r.unreadable.includes('summaries')) ctx.print(`summaries ${s.bad('unreadable')}`);
  else if (r.summaries.length === 0 && r.triggers.length === 0) ctx.print(`summaries ${s.good('ok')}`);
  else if (r.summaries.length === 0) {
    ctx.print(`summaries ${s.bad('not kept')} (trigger${r.triggers.length === 1 ? '' : 's'} missing: ${r.triggers.join(', ')})`);
  } else {
    ctx.print(`summaries ${s.bad(`${r.summaries.length} out of step`)} (the first and latest touches the review reads no longer match the interactions)`);
    ctx.print(`  contact${r.summaries.length === 1 ? '' : 's'} ${r.summaries.slice(0, SHOWN).map((id) => `#${id}`).join(', ')}${r.summaries.length > SHOWN ? ` and ${r.summaries.length - SHOWN} more` : ''}`);
    if (r.triggers.length) ctx.print(`  trigger${r.triggers.length === 1 ? '' : 's'} missing: ${r.triggers.join(', ')}`);
  }
  if (r.counts) {
    const c = r.counts;
    ctx.print(`contacts ${c.contactsActive + c.contactsEnded} (${c.contactsActive} active, ${c.contactsEnded} ended)`);
    ctx.print(`interactions ${c.interactions}`);
    ctx.print(`promises ${c.promisesOpen + c.promisesKept} (${c.promisesOpen} open, ${c.promisesKept} kept)`);
  } else {
    ctx.print(`counts   ${s.bad('unreadable')}`);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
