import { spawn, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { json, ok, rel, tempDir, tempJournal } from '../helpers/harness.js';

async function richJournal(): Promise<string> {
  const db = tempJournal();
  await ok(db, ['add', 'Ada Lovelace', '--alias', 'Ada', '--org', 'Analytical', '--circle', 'mentor', '--cadence', '30d', '--stage', '2',
    '--email', 'ada@example.com', '--tag', 'math', '--need', 'funding', '--offer', 'mathematics', '--interest', 'poetry',
    '--met-on', '2026-01-05', '--how-met', 'a salon', '--notes', 'line one\nline two \u001b[31mred\u001b[0m']);
  await ok(db, ['add', 'Charles Babbage', '--circle', 'partner']);
  await ok(db, ['add', '李小龙 😀', '--circle', 'friend']);
  await ok(db, ['log', 'Ada', 'Charles', '--on', '2026-02-01', '--gave', 'intro:to Charles', '--got', 'advice', '--tone', 'warm',
    '--note', 'dinner "quoted" \\ back\tslash', '--promise', 'send the notes', '--due', '2026-02-08', '--their-promise', 'review']);
  await ok(db, ['log', 'Ada', '--on', '2026-01-20', '--push-away', 'late', '--no-reply']);
  await ok(db, ['log', '李', '--on', '2026-02-01', '--channel', 'video']);
  await ok(db, ['stage', 'Ada', '3', '--on', '2026-03-01', '--note', 'met her family']);
  await ok(db, ['end', 'Charles', '--on', '2026-05-01', '--note', 'parted on good terms']);
  await ok(db, ['done', '1', '--on', '2026-02-07']);
  return db;
}

describe('export --out to what is not a plain file', () => {
  it('writes through a pipe and a symlink without replacing them', async () => {
    const db = await richJournal();
    const expected = await ok(db, ['export']);
    const dir = tempDir();
    // A named pipe, read by another process.
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let got = '';
    reader.stdout.setEncoding('utf8').on('data', (c: string) => { got += c; });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await ok(db, ['export', '--out', fifo]);
    await closed;
    expect(got).toBe(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // (A device such as /dev/stdout takes the same path as the pipe; it is not tried here, where a
    // regression would replace a device of the machine running the tests.)
    // Through a symlink, the file it names gets the export and the link stays a link.
    const real = join(dir, 'real.jsonl');
    writeFileSync(real, 'old');
    const link = join(dir, 'link.jsonl');
    symlinkSync(real, link);
    await ok(db, ['export', '--out', link]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(expected);
    expect(readdirSync(dir).sort()).toEqual(['link.jsonl', 'pipe', 'real.jsonl']);
  });

  it('creates the file a dangling symlink names, and refuses a symlink loop, leaving the links alone', async () => {
    const db = await richJournal();
    const expected = await ok(db, ['export']);
    const dir = tempDir();
    symlinkSync(join(dir, 'made-later.jsonl'), join(dir, 'dangling'));
    await ok(db, ['export', '--out', join(dir, 'dangling')]);
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made-later.jsonl'), 'utf8')).toBe(expected);
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const r = await rel(db, ['export', '--out', join(dir, 'loop-a')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rel: cannot write ${join(dir, 'loop-a')}: too many levels of symbolic links\n`);
    expect(lstatSync(join(dir, 'loop-a')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['dangling', 'loop-a', 'loop-b', 'made-later.jsonl']);
  });
});

describe('JSONL export and import', () => {
  it('round-trips byte for byte: export -> import into an empty journal -> export', async () => {
    const db = await richJournal();
    const first = await ok(db, ['export']);
    const dir = tempDir();
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, first);
    const copy = join(dir, 'copy.db');
    expect(await ok(copy, ['import', file])).toMatch(/Imported 3 contacts, 3 interactions, 2 promises/);
    expect(await ok(copy, ['export'])).toBe(first);
  });

  it('writes contacts by name, interactions by day then insertion, promises by day made', async () => {
    const db = await richJournal();
    const lines = (await ok(db, ['export'])).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['contact', 'contact', 'contact', 'interaction', 'interaction', 'interaction', 'promise', 'promise']);
    expect(lines.slice(0, 3).map((l) => l.name)).toEqual(['Ada Lovelace', 'Charles Babbage', '李小龙 😀']);
    expect(lines.slice(3, 6).map((l) => [l.on, l.contacts[0]])).toEqual([['2026-01-20', 'Ada Lovelace'], ['2026-02-01', 'Ada Lovelace'], ['2026-02-01', '李小龙 😀']]);
  });

  it('--out writes a private file, atomically', async () => {
    const db = await richJournal();
    const out = join(tempDir(), 'export.jsonl');
    const r = await rel(db, ['export', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toBe(await ok(db, ['export']));
  });

  it.each([
    ['{"type":"contact","name":"A"}\n{"type":"contact","name":"B","circle":"enemy"}\n', /line 2: circle: "enemy"/],
    ['{"type":"contact","name":"A"}\n\n{"type":"interaction","on":"2026-01-01","contacts":["Zed"]}\n', /line 3: unknown contact "Zed"/],
    ['{"type":"interaction","on":"2026-01-01","contacts":["A"]}\n{"type":"contact","name":"A"}\n', /line 1: unknown contact "A"/],
    ['{"type":"contact","name":"A"}\n{"type":"contact","name":"a"}\n', /line 2: contact "a" appears twice/],
    ['{"type":"contact","name":"A"}\n{"type":"promise","contact":"A","text":"x","madeOn":"2026-02-30"}\n', /line 2: madeOn/],
    ['{"type":"contact","name":"A","colour":"red"}\n', /line 1: unknown key "colour"/],
    ['{"type":"contact","name":"A"}\n{oops\n', /line 2: not valid JSON/],
  ])('refuses a bad file whole, naming the line: %#', async (content, message) => {
    const db = tempJournal();
    await ok(db, ['add', 'Existing']);
    const file = join(tempDir(), 'bad.jsonl');
    writeFileSync(file, content);
    const r = await rel(db, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await json(db, ['list', '--all'])).contacts.map((c: { name: string }) => c.name)).toEqual(['Existing']);
  });

  it('refuses a contact that already exists, and links interactions to existing contacts', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace']);
    const dir = tempDir();
    const dup = join(dir, 'dup.jsonl');
    writeFileSync(dup, '{"type":"contact","name":"ada lovelace"}\n');
    expect((await rel(db, ['import', dup])).stderr).toMatch(/line 1: contact "ada lovelace" is already in the journal/);
    const more = join(dir, 'more.jsonl');
    writeFileSync(more, '{"type":"interaction","on":"2026-01-01","contacts":["Ada Lovelace"],"note":"from elsewhere"}\n');
    await ok(db, ['import', more]);
    expect((await json(db, ['show', 'Ada'])).timeline[0].note).toBe('from elsewhere');
  });

  it('a bad last line undoes every record written before it, even past what fits in the page cache', async () => {
    // Records are written as their lines are checked; 20,000 interactions spill pages to the
    // WAL before the bad line is reached, and the rollback must still leave the journal as it was.
    const db = await richJournal();
    const before = await ok(db, ['export']);
    const lines = ['{"type":"contact","name":"Bulk Person"}'];
    for (let k = 0; k < 20_000; k++) lines.push(JSON.stringify({ type: 'interaction', on: '2026-01-02', contacts: ['Bulk Person', 'Ada Lovelace'], note: `meeting ${k} `.repeat(8) }));
    lines.push('{"type":"promise","contact":"Bulk Person","text":"x","madeOn":"2026-02-30"}');
    const file = join(tempDir(), 'big.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await rel(db, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rel: line 20002: madeOn: "2026-02-30" is not a valid YYYY-MM-DD date; nothing was imported\n');
    expect(await ok(db, ['export'])).toBe(before);
    expect(await ok(db, ['check'])).toMatch(/ok/i);
    // The same file without its bad line goes in whole.
    writeFileSync(file, lines.slice(0, -1).join('\n') + '\n');
    expect(await ok(db, ['import', file])).toMatch(/Imported 1 contact, 20000 interactions, 0 promises/);
  }, 30_000);

  it('numbers imported interactions on from the journal\'s, in file order, with their participants and items (32 rows per INSERT, and the rest)', async () => {
    const db = await richJournal();
    const lines = ['{"type":"contact","name":"Bulk Person"}'];
    // 70 = two full multi-row INSERTs and 6 single ones.
    for (let k = 0; k < 70; k++) {
      lines.push(JSON.stringify({ type: 'interaction', on: `2026-03-${String(1 + (k % 28)).padStart(2, '0')}`, contacts: k % 2 ? ['Bulk Person'] : ['Ada Lovelace', 'Bulk Person'],
        gave: k % 3 === 0 ? [{ kind: 'gift', note: `g${k}` }] : [], note: `n${k}` }));
    }
    const file = join(tempDir(), 'seventy.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    await ok(db, ['import', file]);
    const raw = new Database(db, { readonly: true });
    try {
      const rows = raw.prepare(`SELECT i.id, i.note, (SELECT group_concat(c.name, '+') FROM interaction_contacts m JOIN contacts c ON c.id = m.contact_id
          WHERE m.interaction_id = i.id) AS who, (SELECT group_concat(e.note) FROM exchanges e WHERE e.interaction_id = i.id) AS gave
        FROM interactions i WHERE i.id > 3 ORDER BY i.id`).all() as Array<{ id: number; note: string; who: string; gave: string | null }>;
      expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 70 }, (_, k) => 4 + k));
      rows.forEach((r, k) => {
        expect(r.note).toBe(`n${k}`);
        expect(r.who).toBe(k % 2 ? 'Bulk Person' : 'Ada Lovelace+Bulk Person');
        expect(r.gave).toBe(k % 3 === 0 ? `g${k}` : null);
      });
    } finally {
      raw.close();
    }
  });

  it('--dry-run validates and writes nothing', async () => {
    const db = tempJournal();
    const file = join(tempDir(), 'a.jsonl');
    writeFileSync(file, '{"type":"contact","name":"A"}\n');
    expect(await ok(db, ['import', file, '--dry-run'])).toMatch(/Would import 1 contact, 0 interactions, 0 promises/);
    expect(existsSync(db)).toBe(false);
  });

  it('names a missing file', async () => {
    const r = await rel(tempJournal(), ['import', '/nonexistent/file.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/file.jsonl: no such file/);
  });
});

describe('backup', () => {
  it('makes a verified private copy that opens as a journal', async () => {
    const db = await richJournal();
    const target = join(tempDir(), 'b.db');
    expect(await ok(db, ['backup', target])).toMatch(/Backed up 3 contacts and 3 interactions/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(await ok(target, ['export'])).toBe(await ok(db, ['export']));
    const again = await rel(db, ['backup', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('defaults to a dated file in backups/ beside the journal', async () => {
    const db = await richJournal();
    const out = await ok(db, ['backup']);
    const path = /to (\S+) \(/.exec(out)![1]!;
    expect(path).toBe(join(db, '..', 'backups', 'journal-2026-11-20-120000.db'));
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });
});

describe('show', () => {
  it('shows the profile, activity, balance, promises, latest push-away and timeline, escaping stored control characters', async () => {
    const db = await richJournal();
    const text = await ok(db, ['show', 'Ada']);
    expect(text).not.toMatch(/\u001b/);
    expect(text).toContain('line two \\e[31mred\\e[0m');
    expect(text).toMatch(/activity\s+D [·▁▂▃▄▅▆▇█]{12} N\s+2 interactions/);
    expect(text).toMatch(/balance\s+gave 1 \(1 intro\) · got 1 \(1 advice\)/);
    expect(text).toMatch(/push-away late on 2026-01-20/);
    expect(text).toMatch(/#2 they promised: review/);
    expect(text).toMatch(/2026-02-01 {2}in-person · I reached out · with Charles Babbage/);
    const data = await json(db, ['show', 'Ada']);
    expect(data.contact.notes).toBe('line one\nline two \u001b[31mred\u001b[0m');
    expect(data.activity).toHaveLength(12);
    expect(data.activity[0]).toEqual({ month: '2025-12', interactions: 0 });
    expect(data.activity[2]).toEqual({ month: '2026-02', interactions: 1 });
    expect(data.balance).toMatchObject({ gave: 1, got: 1 });
    expect(data.lastPushAway).toEqual({ on: '2026-01-20', kind: 'late', note: '' });
  });
});
