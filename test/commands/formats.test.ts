import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/ui/progress.js';
import { json, ok, rel, scriptedPrompter, tempDir, tempJournal } from '../helpers/harness.js';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

interface ContactJson { name: string; org: string | null; role: string | null; emails: string[]; tags: string[]; notes: string; aliases: string[] }
const contacts = async (db: string): Promise<ContactJson[]> =>
  (await ok(db, ['export'])).trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.type === 'contact');
const byName = (list: ContactJson[], name: string): ContactJson => {
  const c = list.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} in ${list.map((x) => x.name).join(', ')}`);
  return c;
};

describe('rel import of vCard and CSV files', () => {
  it('imports a Google vCard file: names, orgs, e-mails, notes, tags intact', async () => {
    const db = tempJournal();
    const out = await ok(db, ['import', fixture('google-contacts.vcf')]);
    expect(out).toMatch(/^Imported .*google-contacts\.vcf: 3 created, 0 merged, 0 skipped\n$/);
    const list = await contacts(db);
    const hugo = byName(list, 'Hugo Almeida');
    expect(hugo.org).toBe('Contoso');
    expect(hugo.role).toBe('Security Lead');
    expect(hugo.emails).toEqual(['hugo.almeida@example.com', 'hugo@contoso.example.com']);
    expect(hugo.tags).toEqual(['Work']);
    expect(hugo.notes).toContain('Introduced by Dana. Looking for a CISO mentor.');
    expect(byName(list, 'Priya Raman').role).toBe('Head of Growth, EMEA');
  });

  it.each(['apple-contacts.vcf', 'android.vcf', 'outlook.vcf', 'generic-contacts.csv', 'outlook-contacts.csv', 'linkedin-connections.csv'])(
    'imports %s, and importing it again changes nothing', async (file) => {
      const db = tempJournal();
      const first = await ok(db, ['import', fixture(file)]);
      expect(first).toMatch(/: [1-9]\d* created, 0 merged, 0 skipped/);
      const before = await ok(db, ['export']);
      const again = await ok(db, ['import', fixture(file)]);
      expect(again).toMatch(/: 0 created, 0 merged, [1-9]\d* skipped/);
      expect(await ok(db, ['export'])).toBe(before);
    });

  it('reads the CSV columns: quoted names with commas, several e-mails, multi-line notes', async () => {
    const db = tempJournal();
    await ok(db, ['import', fixture('generic-contacts.csv')]);
    const list = await contacts(db);
    const ngozi = byName(list, 'Okonkwo, Ngozi');
    expect(ngozi.org).toBe('Adatum');
    expect(ngozi.notes).toContain('Wants an intro to a security lead.\nFollow up after the board meeting.');
    expect(byName(list, 'Sven Larsen').emails).toEqual(['sven@example.com', 'sven.larsen@example.net']);
    expect(byName(list, 'Lena Vogel').notes).toContain('Said "call me anytime"; loves bouldering');
    const lena = (await json(db, ['show', 'Lena Vogel'])).contact;
    expect(lena.circle).toBe('friend');
  });

  it('--dry-run prints the plan and creates no journal', async () => {
    const db = tempJournal();
    const r = await rel(db, ['import', fixture('google-contacts.vcf'), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ create Hugo Almeida');
    expect(r.stdout).toMatch(/Would import .*: 3 created, 0 merged, 0 skipped; nothing was written \(--dry-run\)\./);
    expect(existsSync(db)).toBe(false);
  });

  it('--dry-run on an existing journal shows merges and leaves the file unchanged', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'H. Almeida', '--email', 'HUGO.ALMEIDA@example.com', '--org', 'Mine']);
    await ok(db, ['add', 'Priya Raman']);
    const before = readFileSync(db);
    const r = await rel(db, ['import', fixture('google-contacts.vcf'), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('~ merge into H. Almeida (matched by email)');
    expect(r.stdout).toContain('add emails: hugo@contoso.example.com');
    expect(r.stdout).toContain('kept org "Mine" (the file has "Contoso")');
    expect(r.stdout).toContain('~ merge into Priya Raman (matched by name)');
    expect(r.stdout).toMatch(/1 created, 2 merged, 0 skipped/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('merges by e-mail and by name: adds, never overwrites', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'H. Almeida', '--email', 'hugo.almeida@example.com', '--org', 'Mine', '--notes', 'my own note']);
    await ok(db, ['add', 'Priya Raman', '--tag', 'vip']);
    const out = await ok(db, ['import', fixture('google-contacts.vcf')]);
    expect(out).toMatch(/1 created, 2 merged, 0 skipped/);
    const list = await contacts(db);
    expect(list).toHaveLength(3);
    const hugo = byName(list, 'H. Almeida');
    expect(hugo.org).toBe('Mine');
    expect(hugo.role).toBe('Security Lead');
    expect(hugo.emails).toEqual(['hugo.almeida@example.com', 'hugo@contoso.example.com']);
    expect(hugo.notes.startsWith('my own note\n')).toBe(true);
    expect(hugo.notes).toContain('Looking for a CISO mentor.');
    expect(byName(list, 'Priya Raman').tags).toEqual(['vip', 'Investors']);
    expect(byName(list, 'Priya Raman').org).toBe('Tailspin Toys');
    expect(await ok(db, ['import', fixture('google-contacts.vcf')])).toMatch(/0 created, 0 merged, 3 skipped/);
  });

  it('an ambiguous person is reported and not imported', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Priya Raman']);
    await ok(db, ['add', 'P. R.', '--email', 'priya.raman@example.com']);
    const r = await rel(db, ['import', fixture('google-contacts.vcf')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/, 1 ambiguous \(not imported\)/);
    expect(r.stderr).toMatch(/Priya Raman matches Priya Raman \(by name\) and P\. R\. \(by email\)/);
  });

  it('refuses a note over 1 MiB, naming the line, and writes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.vcf');
    writeFileSync(file, `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok Person\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\nNOTE:${'x'.repeat(1_100_000)}\r\nEND:VCARD\r\n`);
    const db = join(dir, 'j.db');
    const r = await rel(db, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rel: line 5: notes: \d+ bytes is over the 1048576-byte limit/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(db)).toBe(false);
  });

  it('reads UTF-16 and Windows-1252 files', async () => {
    const dir = tempDir();
    const text = 'name,org,notes\r\nJosé García,Café €,“quoted”\r\n';
    const utf16 = join(dir, 'u16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const cp1252 = join(dir, 'win.csv');
    writeFileSync(cp1252, Buffer.from([...Buffer.from('name,org,notes\r\nJos', 'latin1'), 0xe9, ...Buffer.from(' Garc', 'latin1'), 0xed, 0x61,
      ...Buffer.from(',Caf', 'latin1'), 0xe9, 0x20, 0x80, 0x2c, 0x93, ...Buffer.from('quoted', 'latin1'), 0x94, 0x0d, 0x0a]));
    for (const file of [utf16, cp1252]) {
      const db = join(dir, `${file.endsWith('u16.csv') ? 'a' : 'b'}.db`);
      await ok(db, ['import', file]);
      const c = byName(await contacts(db), 'José García');
      expect(c.org).toBe('Café €');
      expect(c.notes).toBe('“quoted”');
    }
  });

  it('an unclosed quote in a CSV is a user error naming the line', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'name,notes\nA,"never closed\nB,x\n');
    const r = await rel(join(dir, 'j.db'), ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rel: .*line 2.*nothing was imported\n$/);
  });
});

describe('rel export --format vcard|csv', () => {
  async function journal(): Promise<string> {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--alias', 'Ada', '--org', 'Analytical, Ltd', '--role', 'Engineer', '--email', 'ada@example.com',
      '--email', 'ada@work.example', '--tag', 'math', '--tag', 'poetry', '--notes', 'line one\nline two; with, punctuation']);
    await ok(db, ['add', 'Charles Babbage', '--org', 'Engines']);
    await ok(db, ['add', 'José García']);
    await ok(db, ['end', 'Charles', '--note', 'moved on']);
    return db;
  }

  it('vCard export then import into an empty journal keeps names, orgs, e-mails, notes and tags', async () => {
    const db = await journal();
    const dir = tempDir();
    const file = join(dir, 'all.vcf');
    await ok(db, ['export', '--format', 'vcard', '--out', file]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const vcf = readFileSync(file, 'utf8');
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(3);
    const copy = join(dir, 'copy.db');
    expect(await ok(copy, ['import', file])).toMatch(/3 created, 0 merged, 0 skipped/);
    const [a, b] = [await contacts(db), await contacts(copy)];
    for (const c of a) {
      const d = byName(b, c.name);
      expect({ org: d.org, role: d.role, emails: d.emails, notes: d.notes, tags: d.tags, aliases: d.aliases })
        .toEqual({ org: c.org, role: c.role, emails: c.emails, notes: c.notes, tags: c.tags, aliases: c.aliases });
    }
    expect(await ok(copy, ['import', file])).toMatch(/0 created, 0 merged, 3 skipped/);
  });

  it('CSV export: contacts with a header, a BOM only in files, re-importable', async () => {
    const db = await journal();
    const stdout = await ok(db, ['export', '--format', 'csv']);
    expect(stdout.startsWith('name,aliases,org,role,circle')).toBe(true);
    expect(stdout).toContain('"Analytical, Ltd"');
    expect(stdout).toContain('ended');
    const dir = tempDir();
    const file = join(dir, 'c.csv');
    await ok(db, ['export', '--format', 'csv', '--out', file]);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const copy = join(dir, 'copy.db');
    expect(await ok(copy, ['import', file])).toMatch(/3 created/);
    const ada = byName(await contacts(copy), 'Ada Lovelace');
    expect(ada.emails).toEqual(['ada@example.com', 'ada@work.example']);
    expect(ada.notes).toBe('line one\nline two; with, punctuation');
  });

  it('csv-interactions exports one row per interaction', async () => {
    const db = await journal();
    await ok(db, ['log', 'Ada', 'José', '--on', '2026-02-01', '--gave', 'intro:to Charles', '--note', '=cmd|calc']);
    const out = await ok(db, ['export', '--format', 'csv-interactions']);
    const lines = out.split('\r\n');
    expect(lines[0]).toBe('date,contacts,channel,by,outside_work,tone,gave,got,push_away,no_reply,note');
    expect(lines[1]).toBe("2026-02-01,\"Ada Lovelace; José García\",in-person,me,no,neutral,intro: to Charles,,,no,'=cmd|calc");
  });

  it('CSV export neutralises formula cells', async () => {
    const db = tempJournal();
    await ok(db, ['add', '=cmd|calc', '--org', '+1+1', '--notes', '@SUM(A1)']);
    const out = await ok(db, ['export', '--format', 'csv']);
    for (const line of out.split('\r\n').slice(1)) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
    expect(out).toContain("'=cmd|calc");
  });

  it('an unknown format names the choices', async () => {
    const r = await rel(tempJournal(), ['export', '--format', 'xml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--format: "xml" is not one of jsonl, csv, csv-interactions, vcard, ics/);
  });
});

describe('rel export --format ics', () => {
  it('writes a VTODO for my open due promise and a VEVENT for a cadence contact, stamped by the clock', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--cadence', '30d']);
    await ok(db, ['add', 'Bob Stone']);
    await ok(db, ['log', 'Ada', '--on', '2026-11-01', '--promise', 'send the deck', '--due', '2026-11-25', '--their-promise', 'intro', '--due', '2026-11-26']);
    await ok(db, ['log', 'Bob', '--on', '2026-11-02', '--promise', 'undated']);
    const out = await ok(db, ['export', '--format', 'ics']);
    expect(out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const todos = out.match(/BEGIN:VTODO[\s\S]*?END:VTODO/g) ?? [];
    expect(todos).toHaveLength(1);
    expect(todos[0]).toContain('SUMMARY:send the deck (promised to Ada Lovelace)');
    expect(todos[0]).toContain('DUE;VALUE=DATE:20261125');
    const events = out.match(/BEGIN:VEVENT[\s\S]*?END:VEVENT/g) ?? [];
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('UID:next-contact-1@rel');
    expect(events[0]).toContain('DTSTART;VALUE=DATE:20261201');
    expect(out).toMatch(/DTSTAMP:20261120T\d{6}Z/);
    expect(out).not.toContain('undated');
  });

  it('a cadence already overdue is due today, not in the past', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--cadence', '2w']);
    await ok(db, ['log', 'Ada', '--on', '2026-09-01']);
    expect(await ok(db, ['export', '--format', 'ics'])).toContain('DTSTART;VALUE=DATE:20261120');
  });
});

describe('rel import meetings.ics', () => {
  // Mid-March 2026: the fixture's April review is still ahead.
  const now = new Date(2026, 2, 15, 12, 0, 0);
  async function journal(): Promise<string> {
    const db = tempJournal();
    await ok(db, ['add', 'Dana Whitfield', '--email', 'dana@example.com']);
    await ok(db, ['add', 'Hugo Almeida', '--email', 'hugo.almeida@example.com']);
    await ok(db, ['log', 'Dana', '--on', '2026-03-09', '--note', 'drinks']);
    return db;
  }

  it('without a terminal lists the unlogged past meetings with ready-to-run commands and writes nothing', async () => {
    const db = await journal();
    const before = readFileSync(db);
    const r = await rel(db, ['import', fixture('meetings.ics')], { now });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2026-03-02 {2}Lunch with Dana {2}with Dana Whitfield/);
    expect(r.stdout).toContain('Hugo / Sam: security roadmap');
    expect(r.stdout).toContain("rel log 'Dana Whitfield' --on 2026-03-02 --channel in-person --note 'Lunch with Dana'");
    expect(r.stdout).toMatch(/rel log 'Hugo Almeida' --on 2026-03-0[34] --channel video/);
    for (const gone of ['Dinner (cancelled)', 'Quarterly review', 'Drinks', 'Coffee', 'Vendor demo', 'Mei']) expect(r.stdout).not.toContain(gone);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('--dry-run lists only', async () => {
    const db = await journal();
    const r = await rel(db, ['import', fixture('meetings.ics'), '--dry-run'], { tty: true, now });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lunch with Dana');
    expect(r.stdout).not.toContain('rel log');
  });

  it('on a terminal logs the meetings accepted, in one go', async () => {
    const db = await journal();
    const asked: string[] = [];
    const r = await rel(db, ['import', fixture('meetings.ics')], { tty: true, now, prompter: scriptedPrompter([true, false], asked) });
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatch(/confirm: Log "Lunch with Dana" on 2026-03-02 with Dana Whitfield\?/);
    expect(r.stdout).toMatch(/Logged #\d+: 2026-03-02 in-person with Dana Whitfield\./);
    const dana = await json(db, ['show', 'Dana']);
    expect(JSON.stringify(dana)).toContain('Lunch with Dana');
    // Logged now, so it is no longer offered.
    const again = await rel(db, ['import', fixture('meetings.ics')], { now });
    expect(again.stdout).not.toContain('Lunch with Dana');
    expect(again.stdout).toContain('security roadmap');
  });
});

describe('progress on long imports', () => {
  it('draws only on a terminal, after a second, at most every 100 ms, and erases itself', () => {
    let t = 0;
    let written = '';
    const p = startProgress({ isTTY: true, write: (s) => { written += s; } }, 'Importing x', () => t);
    p.update(1, 10);
    t = 999; p.update(2, 10);
    expect(written).toBe('');
    t = 1000; p.update(5, 10);
    expect(written).toBe('\rImporting x [############------------] 50%\u001b[K');
    t = 1050; p.update(6, 10);
    t = 1100; p.update(10, 10);
    expect(written.split('\r').filter(Boolean)).toHaveLength(2);
    expect(written).toContain('100%');
    p.finish();
    expect(written.endsWith('\r\u001b[K')).toBe(true);
    let piped = '';
    const q = startProgress({ isTTY: false, write: (s) => { piped += s; } }, 'x', () => (t += 5000));
    q.update(1, 2);
    q.finish();
    expect(piped).toBe('');
  });

  it('stays silent when stderr is not a terminal', async () => {
    const db = tempJournal();
    const r = await rel(db, ['import', fixture('google-contacts.vcf')]);
    expect(r.stderr).not.toContain('\r');
  });
});
