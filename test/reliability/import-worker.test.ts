/**
 * `rel import` of a file big enough for the worker thread (src/commands/import-thread.ts), through
 * the built bin: the thread exists only in dist/. The file is the benchmark's small journal
 * (bench/generate.mjs, 1.3 MB, deterministic), over the 1 MiB threshold.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_MIN_BYTES } from '../../src/commands/import-jsonl.js';
import { tempDir } from '../helpers/harness.js';
import { BIN, ROOT, childEnv, counts, ensureBuilt, integrity, raw, relBin, sha256 } from './support.js';

beforeAll(ensureBuilt, 180_000);

function smallJournal(): { file: string; text: string } {
  const file = join(tempDir(), 'small.jsonl');
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), 'small', '--out', file], { stdio: 'ignore' });
  const text = readFileSync(file, 'utf8');
  expect(Buffer.byteLength(text)).toBeGreaterThan(WORKER_MIN_BYTES);
  return { file, text };
}

describe('a big import, read in the worker thread', () => {
  it('imports the whole file, which exports byte for byte; --dry-run counts the same and writes nothing', () => {
    const { file, text } = smallJournal();
    const db = join(tempDir(), 'j.db');
    const dry = relBin(['--db', db, 'import', file, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/^Would import 200 contacts, 5000 interactions, 84 promises from .*; nothing was written \(--dry-run\)\.\n$/);
    // REL_DEBUG says how the file was shared; REL_IMPORT_HANDOVER fixes the line the thread goes on
    // from (among the contacts here), whenever it loads.
    const r = relBin(['--db', db, 'import', file], { REL_DEBUG: '1', REL_IMPORT_HANDOVER: '50' });
    expect(r.stderr).toBe('rel: the worker thread read the file from line 50\n');
    expect(r.stdout).toMatch(/^Imported 200 contacts, 5000 interactions, 84 promises from /);
    const out = join(tempDir(), 'out.jsonl');
    expect(relBin(['--db', db, 'export', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(integrity(db)).toBe('ok');
    // And 1.3 MB to a pipe arrives whole: rel exits as soon as its output is written, not before.
    const piped = spawnSync(process.execPath, [BIN, '--db', db, 'export'], { encoding: 'utf8', env: childEnv(), maxBuffer: 64 << 20 });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(text);
  });

  it('sums up the contacts\' touches in the thread: rel check finds every summary in step, after a first import and after a second onto the same contacts', () => {
    const { file, text } = smallJournal();
    const db = join(tempDir(), 'j.db');
    expect(relBin(['--db', db, 'import', file], { REL_DEBUG: '1', REL_IMPORT_HANDOVER: '1000' }).stderr).toBe('rel: the worker thread read the file from line 1000\n');
    const checked = () => {
      const r = relBin(['--db', db, 'check', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as { summaries: unknown[]; missingTriggers: unknown[] };
      expect(report.summaries).toEqual([]);
      expect(report.missingTriggers).toEqual([]);
    };
    checked();
    // Interactions only, with contacts the journal has: their summaries merge with the rows there.
    const interactions = text.split('\n').filter((l) => l.startsWith('{"type":"interaction"'));
    const again = join(tempDir(), 'again.jsonl');
    writeFileSync(again, [...interactions, ...interactions].join('\n') + '\n');
    expect(readFileSync(again).length).toBeGreaterThan(WORKER_MIN_BYTES);
    const before = raw(db, { readonly: true });
    const touchesBefore = before.prepare('SELECT sum(touches) FROM contact_summary').pluck().get() as number;
    before.close();
    expect(relBin(['--db', db, 'import', again], { REL_DEBUG: '1', REL_IMPORT_HANDOVER: '1' }).stderr).toBe('rel: the worker thread read the file from line 1\n');
    checked();
    const after = raw(db, { readonly: true });
    expect(after.prepare('SELECT sum(touches) FROM contact_summary').pluck().get()).toBe(3 * touchesBefore);
    after.close();
  });

  it('a bad line near the end: one stderr line naming it, and the journal exactly as before', () => {
    const { text } = smallJournal();
    const db = join(tempDir(), 'j.db');
    relBin(['--db', db, 'add', 'Someone Already Here']);
    relBin(['--db', db, 'log', 'Someone Already Here', '--note', 'first']);
    const lines = text.split('\n');
    const at = lines.length - 10; // an interaction or promise line near the end
    lines[at] = lines[at]!.replace(/"(on|madeOn)":"\d{4}-\d\d-\d\d"/, '"$1":"2025-02-30"');
    const bad = join(tempDir(), 'bad.jsonl');
    writeFileSync(bad, lines.join('\n'));
    const before = counts(db);
    const hash = sha256(db);
    const r = relBin(['--db', db, 'import', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^rel: line ${at + 1}: (on|madeOn): "2025-02-30" is not a valid YYYY-MM-DD date; nothing was imported\\n$`));
    expect(counts(db)).toEqual(before);
    expect(sha256(db)).toBe(hash);
  });

  it('names an unknown contact and a contact already in the journal, as the main thread would', () => {
    const { text } = smallJournal();
    const db = join(tempDir(), 'j.db');
    const first = JSON.parse(text.split('\n', 1)[0]!) as { name: string };
    relBin(['--db', db, 'add', first.name]);
    const file = join(tempDir(), 'again.jsonl');
    writeFileSync(file, text);
    expect(relBin(['--db', db, 'import', file]).stderr).toBe(`rel: line 1: contact "${first.name}" is already in the journal; nothing was imported\n`);
    const unknown = join(tempDir(), 'unknown.jsonl');
    writeFileSync(unknown, text.replace(/"contacts":\["[^"]+"/, '"contacts":["Nobody Known"'));
    const r = relBin(['--db', join(tempDir(), 'k.db'), 'import', unknown]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rel: line \d+: unknown contact "Nobody Known" \(a contact line must come before any line that names it\); nothing was imported\n$/);
  });

  it('a worker that cannot load: the file is read in the main thread instead, with the same result', () => {
    // A copy of the build whose worker throws before it does anything.
    const root = tempDir();
    for (const dir of ['bin', 'dist', 'migrations']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    const worker = join(root, 'dist', 'import-worker.js');
    writeFileSync(worker, `throw new Error('worker could not start');\n${readFileSync(worker, 'utf8')}`);
    const { file, text } = smallJournal();
    const db = join(tempDir(), 'j.db');
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(root, 'bin', 'rel.cjs'), '--db', db, 'import', file], { encoding: 'utf8', env: childEnv({ REL_DEBUG: '1' }), timeout: 60_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.stderr).toBe('rel: this thread read the file to its end; the worker thread took no part\n');
    expect(r.status).toBe(0);
    const out = join(tempDir(), 'out.jsonl');
    relBin(['--db', db, 'export', '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  it('a file too big to read, after the thread has started: one line, exit 1, at once', () => {
    const file = join(tempDir(), 'huge.jsonl');
    writeFileSync(file, '');
    truncateSync(file, 3 * 1024 ** 3); // sparse: no disk used
    const started = Date.now();
    const r = relBin(['--db', join(tempDir(), 'j.db'), 'import', file]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rel: cannot read ${file}: it is over 2 GiB, more than rel reads at once\n`);
  });
});

describe('the reading shared between the two threads', () => {
  it('hands over at any line, among the contacts, at their end, among the interactions, at the last line, or never: the same journal', () => {
    const { file, text } = smallJournal();
    const lines = text.split('\n').length - 1;
    for (const at of [1, 150, 201, 2000, lines, lines + 10]) {
      const db = join(tempDir(), 'j.db');
      const r = relBin(['--db', db, 'import', file], { REL_DEBUG: '1', REL_IMPORT_HANDOVER: String(at) });
      expect(r.stderr).toBe(at <= lines ? `rel: the worker thread read the file from line ${at}\n` : 'rel: this thread read the file to its end; the worker thread took no part\n');
      expect(r.stdout).toMatch(/^Imported 200 contacts, 5000 interactions, 84 promises from /);
      const out = join(tempDir(), 'out.jsonl');
      expect(relBin(['--db', db, 'export', '--out', out]).code).toBe(0);
      expect(readFileSync(out, 'utf8'), `handed over at ${at}`).toBe(text);
    }
  });

  it('refuses a line after the hand-over as it would before it: the same message, and nothing written', () => {
    const { text } = smallJournal();
    const lines = text.split('\n');
    const aContact = lines[2]!;
    const aName = (JSON.parse(aContact) as { name: string }).name;
    const cases: Array<[string, number, string, RegExp]> = [
      // [what, index to insert at, line, message]: each inserted line becomes line index + 1.
      ['a contact the main thread created, again', 400, aContact, new RegExp(`^rel: line 401: contact "${aName}" appears twice in the file; nothing was imported\n$`)],
      ['a contact the journal has', 300, JSON.stringify({ type: 'contact', name: 'someone ALREADY here' }), /^rel: line 301: contact "someone ALREADY here" is already in the journal; nothing was imported\n$/],
      ['a name no line created', 3000, JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Nobody Known'] }), /^rel: line 3001: unknown contact "Nobody Known" \(a contact line must come before any line that names it\); nothing was imported\n$/],
      ['a bad date', 4000, JSON.stringify({ type: 'interaction', on: '2025-02-30', contacts: [aName] }), /^rel: line 4001: on: "2025-02-30" is not a valid YYYY-MM-DD date; nothing was imported\n$/],
    ];
    for (const [what, at, line, message] of cases) {
      const bad = join(tempDir(), 'bad.jsonl');
      writeFileSync(bad, [...lines.slice(0, at), line, ...lines.slice(at)].join('\n'));
      for (const handover of [1, 100, at + 1, at + 2]) {
        const db = join(tempDir(), 'j.db');
        relBin(['--db', db, 'add', 'Someone Already Here']);
        const before = sha256(db);
        const r = relBin(['--db', db, 'import', bad], { REL_IMPORT_HANDOVER: String(handover) });
        expect(r.stderr, `${what}, handed over at ${handover}`).toMatch(message);
        expect(r.code).toBe(1);
        expect(sha256(db)).toBe(before);
      }
    }
  });
});
