/**
 * Private by default: file modes of everything rel writes, stored text that can never drive the
 * terminal, formula-safe CSV, and errors that say no more than they must.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok, rel, tempDir, type RunResult } from '../helpers/harness.js';
import { formatCsv } from '../../src/formats/csv.js';
import { ensureBuilt, modeOf, raw, relBin, sleep, startRel, writeLockHeld } from './support.js';

beforeAll(ensureBuilt, 180_000);

describe('file modes', () => {
  it('a first run creates missing folders 0700 and the journal 0600; its -wal and -shm are 0600 while rel writes', async () => {
    const base = tempDir();
    const db = join(base, 'a', 'b', 'rel.db');
    expect(relBin(['--db', db, 'add', 'Ada Lovelace']).code).toBe(0);
    expect(modeOf(join(base, 'a'))).toBe(0o700);
    expect(modeOf(join(base, 'a', 'b'))).toBe(0o700);
    expect(modeOf(db)).toBe(0o600);
    // Catch a real rel in the middle of a write, when its -wal and -shm exist.
    const file = join(base, 'big.jsonl');
    const lines = [JSON.stringify({ type: 'contact', name: 'Brook Taylor' })];
    for (let i = 0; i < 30_000; i++) lines.push(JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Brook Taylor'] }));
    writeFileSync(file, lines.join('\n') + '\n');
    const probe = raw(db, { timeout: 0 });
    const { child, done } = startRel(['--db', db, 'import', file]);
    const seen: Record<string, number> = {};
    for (let i = 0; i < 20_000 && child.exitCode === null; i++) {
      if (writeLockHeld(probe)) {
        for (const f of readdirSync(join(base, 'a', 'b'))) seen[f] = modeOf(join(base, 'a', 'b', f));
        break;
      }
      await sleep(1);
    }
    probe.close();
    expect((await done).code).toBe(0);
    expect(seen).toEqual({ 'rel.db': 0o600, 'rel.db-wal': 0o600, 'rel.db-shm': 0o600 });
  }, 60_000);

  it('backups (default folder and named file) and export --out files are 0600, in-process where the umask is 022', async () => {
    process.umask(0o022);
    const dir = tempDir();
    const db = join(dir, 'data', 'rel.db');
    await ok(db, ['add', 'Ada Lovelace']);
    expect(modeOf(db)).toBe(0o600);
    expect(modeOf(join(dir, 'data'))).toBe(0o700);
    await ok(db, ['backup']);
    const backups = join(dir, 'data', 'backups');
    expect(modeOf(backups)).toBe(0o700);
    const [copy] = readdirSync(backups);
    expect(modeOf(join(backups, copy!))).toBe(0o600);
    expect(readdirSync(backups)).toHaveLength(1); // no -wal or -shm beside the copy
    await ok(db, ['backup', join(dir, 'named.db')]);
    expect(modeOf(join(dir, 'named.db'))).toBe(0o600);
    // An existing, world-readable file is replaced by a private one.
    const out = join(dir, 'export.jsonl');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    await rel(db, ['export', '--out', out]);
    expect(modeOf(out)).toBe(0o600);
    const csv = join(dir, 'export.csv');
    const r = await rel(db, ['export', '--format', 'csv', '--out', csv]);
    if (r.code === 0) expect(modeOf(csv)).toBe(0o600);
  });
});

// ---- terminal safety ------------------------------------------------------------------------

const NASTY = {
  clear: '\u001b[2J',
  title: '\u001b]0;pwned\u0007',
  cr: 'over\rwritten',
  bs: 'back\bspace',
  nul: 'nul\u0000byte',
  rlo: 'abc\u202Edcba',
};
const ALL = Object.values(NASTY).join(' ');
/** Anything that could move the cursor, rewrite the screen or reorder text; a newline is fine. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function expectNoRawControl(r: RunResult, what: string): void {
  expect(RAW_CONTROL.test(r.stdout), `${what}: raw control character on stdout: ${JSON.stringify(r.stdout.slice(0, 300))}`).toBe(false);
  expect(RAW_CONTROL.test(r.stderr), `${what}: raw control character on stderr: ${JSON.stringify(r.stderr)}`).toBe(false);
}

describe('stored text never reaches the terminal raw', () => {
  it('names, aliases, orgs, tags, notes, promises: escaped in list, show, promises, log, review, suggest and errors; intact in --json and export', async () => {
    const db = join(tempDir(), 'j.db');
    const name = `Eve ${NASTY.clear}${NASTY.rlo}`;
    const runs: Array<[string, RunResult]> = [];
    const run = async (args: string[]) => {
      const r = await rel(db, args);
      runs.push([args.map((a) => JSON.stringify(a)).join(' ').slice(0, 80), r]);
      return r;
    };
    expect((await run(['add', name, '--alias', `E${NASTY.bs}`, '--org', NASTY.title, '--tag', NASTY.cr, '--notes', ALL,
      '--need', NASTY.nul, '--how-met', NASTY.title, '--email', 'eve@example.com'])).code).toBe(0);
    expect((await run(['add', 'Mallory', '--circle', 'client'])).code).toBe(0);
    expect((await run(['log', 'Eve', 'Mallory', '--note', ALL, '--gave', `advice:${NASTY.clear}`, '--promise', `do ${NASTY.title}`,
      '--push-away', `late:${NASTY.cr}`, '--on', '2026-01-02'])).code).toBe(0);
    await run(['list']);
    await run(['list', '--all']);
    await run(['show', 'Eve']);
    await run(['show', 'Mallory']);
    await run(['promises']);
    await run(['promises', '--all']);
    await run(['review', '--as-of', '2026-11-20']);
    await run(['suggest', '--as-of', '2026-11-20']);
    await run(['stage', 'Eve', '2', '--note', ALL]);
    await run(['end', 'Mallory', '--note', ALL]);
    // Errors that echo what was typed or stored:
    expect((await run(['show', `nobody ${NASTY.clear}`])).code).toBe(1);
    expect((await run(['add', name])).code).toBe(1); // already exists
    expect((await run(['add', 'X', '--email', `${NASTY.clear}nope`])).code).toBe(1);
    expect((await run(['log', 'Eve', '--on', `${NASTY.title}`])).code).toBe(1);
    expect((await run(['log', 'Eve', '--channel', NASTY.rlo])).code).toBe(1);
    expect((await run(['add', 'Y', '--cadence', NASTY.bs])).code).toBe(1);
    for (const [what, r] of runs) expectNoRawControl(r, what);
    expect(runs.find(([w]) => w.startsWith('"show" "Eve"'))![1].stdout).toContain('\\e[2J');

    // --json and export keep the text exactly.
    const shown = JSON.parse((await rel(db, ['show', 'Eve', '--json'])).stdout);
    expect(shown.contact.name).toBe(name);
    expect(shown.contact.notes).toBe(ALL);
    expect(shown.timeline[0].note).toBe(ALL);
    const exported = (await rel(db, ['export'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(exported.find((x) => x.type === 'contact' && x.name === name)).toMatchObject({ notes: ALL, org: NASTY.title, tags: [NASTY.cr], needs: [NASTY.nul] });
    expect(exported.find((x) => x.type === 'interaction').note).toBe(ALL);
    // JSON.stringify escapes C0 controls (ESC, CR, BS, NUL, BEL) itself; bidi marks stay as text inside JSON strings.
    expect(/[\u0000-\u001f]/.test((await rel(db, ['list', '--json'])).stdout.replace(/\n/g, ''))).toBe(false);
  });

  it('an import error about a line never replays its raw bytes, nor more of the private text than needed', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    const secret = 'my private diary entry '.repeat(2000);
    const cases = [
      `{"type":"contact","name":"A","${NASTY.clear}":1}`,
      `{"type":"contact","name":"A","circle":"\u202e${secret}"}`,
      `{"type":"interaction","on":"2026-01-01","contacts":["${NASTY.title.replace('\u0007', '\\u0007').replace('\u001b', '\\u001b')}"]}`,
      `{"type":"contact","name":"A","notes":"${secret}` /* not JSON */,
    ];
    for (const line of cases) {
      writeFileSync(join(dir, 'in.jsonl'), `{"type":"contact","name":"Ok"}\n${line}\n`);
      const r = await rel(db, ['import', join(dir, 'in.jsonl')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^rel: line 2: /);
      expectNoRawControl(r, line.slice(0, 40));
      expect(r.stderr.length, 'the error repeats the private text').toBeLessThan(400);
    }
  });

  it('a note over the cap is refused by its size, without echoing it', async () => {
    const db = join(tempDir(), 'j.db');
    await ok(db, ['add', 'Ada']);
    const r = await rel(db, ['log', 'Ada', '--note', 'secret '.repeat(200_000)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rel: --note: 1400000 bytes is over the 1048576-byte limit/);
    expect(r.stderr).not.toContain('secret');
  });
});

// ---- CSV ------------------------------------------------------------------------------------

describe('CSV export neutralises spreadsheet formulas', () => {
  const formulas = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

  it('the CSV writer prefixes every formula-looking cell and quotes per RFC 4180', () => {
    const text = formatCsv(['name', 'note'], formulas.map((f) => [f, `a "quoted", ${f}`]));
    const rows = text.split('\r\n').slice(1, -1);
    expect(text.startsWith('name,note\r\n')).toBe(true);
    expect(rows[0]).toBe(`"'=HYPERLINK(""http://evil"",""x"")","a ""quoted"", =HYPERLINK(""http://evil"",""x"")"`);
    for (const row of text.split('\r\n').slice(1)) expect(row).not.toMatch(/^"?[=+\-@\t\r]|,"?[=+\-@\t\r]/);
  });

  it('rel export --format csv writes no cell a spreadsheet would run', async () => {
    const db = join(tempDir(), 'j.db');
    for (const f of formulas.slice(0, 4)) await ok(db, ['add', `P ${f}`, '--org', f, '--notes', f, '--tag', f]);
    const r = await rel(db, ['export', '--format', 'csv']);
    expect(r.code).toBe(0);
    for (const line of r.stdout.split(/\r?\n/).slice(1)) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
    expect(r.stdout).toContain("'=HYPERLINK");
  });
});

// ---- names ----------------------------------------------------------------------------------

describe('names are matched literally and by Unicode, never by pattern', () => {
  it('SQL metacharacters, % and _ match only themselves', async () => {
    const db = join(tempDir(), 'j.db');
    for (const n of ["O'Brien; DROP TABLE contacts;--", '100% Sure', 'a_b', 'axb', 'Percy']) await ok(db, ['add', n]);
    expect(await ok(db, ['show', "o'brien; drop"])).toContain("O'Brien; DROP TABLE contacts;--");
    expect((await rel(db, ['show', '%'])).code).toBe(1);
    expect((await rel(db, ['show', '_'])).code).toBe(1);
    expect(await ok(db, ['show', '100%'])).toContain('100% Sure');
    expect(await ok(db, ['show', 'a_'])).toContain('a_b');
    expect((await rel(db, ['show', 'a_'])).stdout).not.toContain('axb');
    expect(JSON.parse(await ok(db, ['list', '--json'])).contacts).toHaveLength(5);
  });

  it('NFC and NFD, case beyond ASCII, CJK and emoji each find one contact', async () => {
    const db = join(tempDir(), 'j.db');
    const names = ['Jos\u00e9 Garc\u00eda', '\u00c9MILE Zola', '\u738b\u5c0f\u660e', '\ud83e\udd8a Fox Mulder', 'Stra\u00dfe Anna'];
    for (const n of names) await ok(db, ['add', n]);
    const expectOne = async (query: string, name: string) => {
      const r = await rel(db, ['show', query, '--json']);
      expect(r.code, `${query}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).contact.name).toBe(name);
    };
    await expectOne('Jose\u0301 Garci\u0301a', names[0]!); // NFD
    await expectOne('jos\u00e9', names[0]!);
    await expectOne('jose', names[0]!); // accents optional when nothing else matches
    await expectOne('\u00e9mile zola', names[1]!);
    await expectOne('E\u0301MILE', names[1]!);
    await expectOne('\u738b\u5c0f', names[2]!);
    await expectOne('\ud83e\udd8a', names[3]!);
    await expectOne('STRASSE', names[4]!);
    // Adding the NFD spelling of an existing name is a duplicate, not a second person.
    expect((await rel(db, ['add', 'JOSE\u0301 GARCI\u0301A'])).code).toBe(1);
  });

  it('"John" matching two people lists both and writes nothing; an exact name beats a prefix', async () => {
    const db = join(tempDir(), 'j.db');
    await ok(db, ['add', 'John Smith']);
    await ok(db, ['add', 'John Doe']);
    await ok(db, ['add', 'Jo']);
    const before = await ok(db, ['export']);
    const r = await rel(db, ['log', 'John', '--note', 'who?']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"John" matches 2 contacts: "John Doe" or "John Smith"/);
    expect(await ok(db, ['export'])).toBe(before);
    expect(await ok(db, ['log', 'jo', '--on', '2026-01-01'])).toMatch(/with Jo on/);
  });
});

// ---- no terminal ----------------------------------------------------------------------------

describe('no TTY: missing input is an error, never a prompt', () => {
  it('rel log with no NAME and rel end without --note exit 1 at once, naming what is missing', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    mkdirSync(dir, { recursive: true });
    expect(relBin(['--db', db, 'add', 'Ada Lovelace']).code).toBe(0);
    const before = raw(db, { readonly: true });
    const rows = before.prepare('SELECT count(*) FROM interactions').pluck().get();
    before.close();
    const log = relBin(['--db', db, 'log']);
    expect(log.code).toBe(1);
    expect(log.stderr).toMatch(/^rel: .*needs at least one NAME \(no terminal to ask on\)\n$/);
    const end = relBin(['--db', db, 'end', 'Ada']);
    expect(end.code).toBe(1);
    expect(end.stderr).toMatch(/^rel: .*--note.*\(no terminal to ask on\)\n$/);
    const after = raw(db, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(rows);
    expect(after.prepare("SELECT status FROM contacts").pluck().get()).toBe('active');
    after.close();
    // And a refused first run leaves no new journal (or folder) behind.
    const fresh = join(dir, 'never', 'j.db');
    expect(relBin(['--db', fresh, 'log']).code).toBe(1);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  }, 30_000);
});
