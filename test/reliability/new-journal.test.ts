/**
 * `rel import` into a journal that does not exist yet builds it aside and links it into place
 * when complete (store/journal.ts, `createJournalAside`). These hold it to what every write
 * promises: all of it or nothing at the journal's path, private modes, a WAL journal like any
 * other, nothing replaced that another rel created meanwhile, and no file aside left behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldKey } from '../../src/domain/names.js';
import { createJournalAside, openJournal } from '../../src/store/journal.js';
import { rel, tempDir } from '../helpers/harness.js';
import { counts, ensureBuilt, integrity, modeOf, raw, relBin, sleep } from './support.js';

beforeAll(ensureBuilt, 300_000);

const pad = (i: number) => String(i).padStart(4, '0');

/** A JSONL journal: `people` contacts, then `interactions` interactions, then a promise. */
function journalText(people: number, interactions: number): string {
  const lines: string[] = [];
  for (let i = 0; i < people; i++) lines.push(JSON.stringify({ type: 'contact', name: `Person ${pad(i)}`, aliases: [`Pérsön ${pad(i)}`], needs: [`Need ${i}`] }));
  for (let i = 0; i < interactions; i++) {
    const on = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 30) * 86_400_000).toISOString().slice(0, 10);
    lines.push(JSON.stringify({ type: 'interaction', on, contacts: [`Person ${pad(i % people)}`], gave: [{ kind: 'advice', note: 'x' }], note: `note ${i}` }));
  }
  lines.push(JSON.stringify({ type: 'promise', contact: 'Person 0001', text: 'send the deck', madeOn: '2024-01-01' }));
  return lines.join('\n') + '\n';
}

/** Files beside the journal that an import builds aside. */
function asides(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.includes('.importing-')) : [];
}

describe('rel import into a new journal', () => {
  it('puts a complete WAL journal in place, private, in new private folders, and leaves nothing aside', () => {
    const dir = tempDir();
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(50, 3000));
    const folder = join(dir, 'a', 'b');
    const db = join(folder, 'rel.db');
    const r = relBin(['--db', db, 'import', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Imported 50 contacts, 3000 interactions, 1 promise from ${file}.\n`);
    expect(modeOf(db)).toBe(0o600);
    expect(modeOf(folder)).toBe(0o700);
    expect(asides(folder)).toEqual([]);
    expect(readdirSync(folder)).toEqual(['rel.db']);
    const d = raw(db, { readonly: true });
    expect(d.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(d.pragma('page_size', { simple: true })).toBe(16_384);
    d.close();
    expect(integrity(db)).toBe('ok');
    const check = relBin(['--db', db, 'check']);
    expect(check.code).toBe(0);
    // The same as importing into an existing, empty journal, byte for byte.
    const existing = join(dir, 'existing.db');
    openJournal(existing, { write: true }).close();
    expect(relBin(['--db', existing, 'import', file]).code).toBe(0);
    const out = join(dir, 'out.jsonl');
    const expected = join(dir, 'expected.jsonl');
    expect(relBin(['--db', db, 'export', '--out', out]).code).toBe(0);
    expect(relBin(['--db', existing, 'export', '--out', expected]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(expected, 'utf8'));
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(50 + 3000 + 1 + 1);
  });

  it('a refused line: no journal at all, and nothing aside (the same in this process, without the worker)', async () => {
    const dir = tempDir();
    const text = journalText(5, 40) + '{"type":"interaction","on":"2020-13-01","contacts":["Person 0001"]}\n';
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, text);
    const db = join(dir, 'rel.db');
    const r = relBin(['--db', db, 'import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rel: line 47: /);
    expect(existsSync(db)).toBe(false);
    expect(asides(dir)).toEqual([]);
    const inProcess = await rel(db, ['import', 'bad.jsonl'], { readText: () => text });
    expect(inProcess.code).toBe(1);
    expect(existsSync(db)).toBe(false);
    expect(asides(dir)).toEqual([]);
  });

  it('--dry-run creates nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(5, 20));
    const db = join(dir, 'rel.db');
    expect(relBin(['--db', db, 'import', file, '--dry-run']).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['in.jsonl']);
  });

  it('a journal another rel created meanwhile is left as it is, and the import says it did nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'rel.db');
    const aside = createJournalAside(db)!;
    expect(aside).not.toBeNull();
    aside.journal.db.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES ('Aside Only', 'aside only', 0)").run();
    // Another rel's first run.
    const other = openJournal(db, { write: true });
    other.db.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES ('Theirs', 'theirs', 0)").run();
    other.close();
    expect(() => aside.publish()).toThrow(/another rel created the journal at .* meanwhile; nothing was imported into it/);
    expect(counts(db).contacts).toBe(1);
    const d = raw(db, { readonly: true });
    expect(d.prepare('SELECT name FROM contacts').pluck().all()).toEqual(['Theirs']);
    d.close();
    expect(asides(dir)).toEqual([]);
    // And there is nothing to build aside once the journal exists.
    expect(createJournalAside(db)).toBeNull();
  });

  it('kill -9 while importing: nothing at the path, or all of it; the next import into it works and clears what was left aside', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.jsonl');
    writeFileSync(file, journalText(200, 60_000));
    let killedBefore = 0;
    for (const after of [80, 200, 400]) {
      const db = join(dir, `j${after}.db`);
      const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'rel.cjs'), '--db', db, 'import', file], { stdio: 'ignore' });
      await sleep(after);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('close', resolve));
      if (existsSync(db)) {
        expect(counts(db)).toMatchObject({ contacts: 200, interactions: 60_000, promises: 1 });
        continue;
      }
      killedBefore++;
      const r = relBin(['--db', db, 'import', file]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(counts(db)).toMatchObject({ contacts: 200, interactions: 60_000, promises: 1 });
      expect(asides(dir).filter((f) => f.startsWith(`.j${after}.db`))).toEqual([]);
      // Read in the worker thread (over 1 MiB): names and list items are stored with their folded keys.
      const d = raw(db, { readonly: true });
      for (const [value, key] of d.prepare('SELECT name, name_key FROM contacts UNION ALL SELECT value, value_key FROM contact_items').raw().all() as Array<[string, string]>) {
        expect(key).toBe(foldKey(value));
      }
      d.close();
    }
    expect(killedBefore, 'no kill landed before the journal was put in place').toBeGreaterThan(0);
  }, 120_000);

  it('a file aside from a live process is left alone, one from a dead process is removed, and none blocks an import', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const db = join(dir, 'rel.db');
    // This test's own process is alive; a dead one's number is taken from a finished child.
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const live = join(dir, `.rel.db.importing-${process.ppid}-abc123`);
    const dead = join(dir, `.rel.db.importing-${deadPid}-abc123`);
    const deadJournal = `${dead}-journal`;
    const theirs = join(dir, 'rel.db.new-2025'); // not a name rel gives a file aside
    const folder = join(dir, `.rel.db.importing-${deadPid}-folder`); // a folder is not removed, and does not stop the import
    writeFileSync(live, 'building');
    writeFileSync(dead, 'killed');
    writeFileSync(deadJournal, 'killed');
    writeFileSync(theirs, 'the user\'s');
    mkdirSync(join(folder, 'inside'), { recursive: true });
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(3, 5));
    expect(relBin(['--db', db, 'import', file]).code).toBe(0);
    expect([live, theirs, folder].map(existsSync)).toEqual([true, true, true]);
    expect([dead, deadJournal].map(existsSync)).toEqual([false, false]);
    // In a container every run may be process 1: a file from a run of this very number blocks nothing.
    const other = join(dir, 'other.db');
    const samePid = join(dir, `.other.db.importing-${process.pid}-zzzzzz`);
    writeFileSync(samePid, 'a dead run of the same number');
    const aside = createJournalAside(other)!;
    expect(aside).not.toBeNull();
    aside.publish();
    expect(counts(other).contacts).toBe(0);
    expect(existsSync(samePid)).toBe(true);
  });

  it('is built beside the path the kernel resolves: `link/..` is followed, not cancelled as text', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    symlinkSync(join(dir, 'a', 'b'), join(dir, 'lnk'));
    const db = join(dir, 'lnk') + '/../x.db'; // the kernel's a/x.db; as text, x.db
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = join(dir, 'a', `.x.db.importing-${deadPid}-abc123`);
    writeFileSync(stale, 'killed');
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(3, 5));
    const r = relBin(['--db', db, 'import', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'a', 'x.db'))).toBe(true);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    expect(existsSync(stale)).toBe(false);
    expect([...asides(dir), ...asides(join(dir, 'a'))]).toEqual([]);
  });

  it('its references are checked whole before it is put in place: a row without its parent keeps it aside, and away', () => {
    const dir = tempDir();
    const db = join(dir, 'rel.db');
    const aside = createJournalAside(db)!;
    aside.journal.db.prepare("INSERT INTO contact_items (contact_id, kind, position, value, value_key) VALUES (42, 'tag', 0, 'x', 'x')").run();
    expect(() => aside.publish()).toThrow(/the import left 1 row without its parent/);
    expect(existsSync(db)).toBe(false);
    expect(asides(dir)).toEqual([]);
  });

  it('a journal name too long for the file aside is imported the usual way', () => {
    const dir = tempDir();
    const db = join(dir, `${'n'.repeat(240)}.db`);
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(3, 5));
    const r = relBin(['--db', db, 'import', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(counts(db).contacts).toBe(3);
  });

  it('a -wal left beside a missing journal (a journal moved away after a crash) is not replayed into the restore', () => {
    const dir = tempDir();
    const old = join(dir, 'old.db');
    const db = join(dir, 'rel.db');
    // A journal with writes still in its WAL, as a crash leaves it; its -wal is left at the new path.
    expect(relBin(['--db', old, 'add', 'Old Contact']).code).toBe(0);
    const holder = raw(old);
    holder.pragma('wal_autocheckpoint = 0');
    holder.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES ('Only In The Wal', 'only in the wal', 0)").run();
    writeFileSync(`${db}-wal`, readFileSync(`${old}-wal`));
    holder.close();
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(3, 5));
    const r = relBin(['--db', db, 'import', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = raw(db, { readonly: true });
    expect(d.prepare('SELECT name FROM contacts ORDER BY name').pluck().all()).toEqual(['Person 0000', 'Person 0001', 'Person 0002']);
    d.close();
    expect(integrity(db)).toBe('ok');
  });

  it('a dangling symlink at the path is opened as before, not taken for another rel\'s journal', () => {
    const dir = tempDir();
    const db = join(dir, 'rel.db');
    symlinkSync(join(dir, 'missing', 'real.db'), db);
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, journalText(3, 5));
    const r = relBin(['--db', db, 'import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/another rel/);
    expect(asides(dir)).toEqual([]);
  });
});
