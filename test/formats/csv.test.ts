import { describe, expect, it } from 'vitest';
import {
  CsvError, formatContactsCsv, formatCsv, formatInteractionsCsv, neutraliseCell, parseContactsCsv, parseCsv,
  parseCsvRecords, parseLooseDay, restoreCell,
} from '../../src/formats/csv.js';
import { contact, day, fixture } from './helpers.js';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields, doubled quotes, line ends inside quotes, CRLF/LF/CR, a BOM, no final newline', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3\r4,5,6';
    expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\r\nlines'], ['1', '', '3'], ['4', '5', '6']]);
  });

  it('gives each record the line it starts on, counting line ends inside quotes', () => {
    expect(parseCsvRecords('h1,h2\n"a\nb\nc",d\n\ne,f\n').map((r) => r.line)).toEqual([1, 2, 6]);
  });

  it('skips blank lines but keeps a record that is one quoted empty field', () => {
    expect(parseCsv('a\n\n""\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('takes a stray quote inside an unquoted field literally', () => {
    expect(parseCsv('5" screen,ok\n')).toEqual([['5" screen', 'ok']]);
  });

  it('refuses a quoted field that never closes, naming the line it opened on', () => {
    expect(() => parseCsv('a,b\n1,"never\nclosed\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,"never\nclosed\n')).toThrow('line 2: a quoted field starting here is never closed');
  });
});

describe('formula neutralisation (OWASP CSV injection)', () => {
  it.each(['=1+2', '+1 555', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
    expect(restoreCell(neutraliseCell(v))).toBe(v);
  });

  it('leaves ordinary text alone, including an apostrophe not before a formula character', () => {
    for (const v of ['Dana', "O'Brien", "'quoted'", '', '1+1=2']) {
      expect(neutraliseCell(v)).toBe(v);
      expect(restoreCell(v)).toBe(v);
    }
  });

  it('quotes cells holding separators, quotes, line ends or outer spaces; neutralises data but not the header', () => {
    const out = formatCsv(['name', 'note'], [['=HYPERLINK("x")', 'a,b'], ['semi;colon', 'line\nbreak'], [' pad', 'plain']]);
    expect(out).toBe('name,note\r\n"\'=HYPERLINK(""x"")","a,b"\r\n"semi;colon","line\nbreak"\r\n" pad",plain\r\n');
    expect(parseCsv(out).slice(1).map((r) => r.map(restoreCell))).toEqual([['=HYPERLINK("x")', 'a,b'], ['semi;colon', 'line\nbreak'], [' pad', 'plain']]);
  });

  it('writes a BOM only when asked', () => {
    expect(formatCsv(['a'], [], { bom: true })).toBe('\ufeffa\r\n');
  });
});

describe('parseContactsCsv', () => {
  it('reads LinkedIn Connections.csv after its "Notes:" preamble; empty e-mails are fine', () => {
    const { cards, warnings } = parseContactsCsv(fixture('linkedin-connections.csv'));
    expect(warnings).toEqual([]);
    expect(cards.map((c) => [c.name, c.org, c.role, c.emails, c.line])).toEqual([
      ['Dana Whitfield', 'Northwind Traders', 'VP Operations', ['dana@example.com'], 5],
      ['Priya Raman', 'Tailspin Toys', 'Head of Growth, EMEA', [], 6],
      ['Tomás Ortega 🚀', 'Wide World Importers, Inc.', 'Founder & CEO', [], 7],
      ['Amara Okafor, PMP', 'Litware', '=HYPERLINK("https://evil.example.com")', [], 8],
      ['Jordan Lee', null, null, ['jordan.lee@example.com'], 9],
    ]);
    expect(cards[0]).toMatchObject({
      notes: 'LinkedIn: https://www.linkedin.com/in/dana-whitfield-example', metOn: day('2025-01-14'), howMet: 'LinkedIn',
    });
  });

  it('reads a generic Excel CSV: BOM, CRLF, quoted newlines, several e-mail columns and e-mails per cell, tags, circle', () => {
    const { cards, warnings } = parseContactsCsv(fixture('generic-contacts.csv'));
    expect(cards.map((c) => [c.name, c.emails, c.org, c.role, c.tags, c.circle])).toEqual([
      ['Okonkwo, Ngozi', ['ngozi@example.com'], 'Adatum', 'CTO', ['ai', 'investors'], 'client'],
      ['Sven Larsen', ['sven@example.com', 'sven.larsen@example.net'], 'Proseware; Nordics', 'Sales Director', ['sales', 'nordics'], null],
      ['Lena Vogel', ['lena.vogel@example.com'], null, null, [], 'friend'],
      ['Ravi Patel', [], 'Lucerne Publishing', '-Editor', [], null],
    ]);
    expect(cards[0]!.notes).toBe('Wants an intro to a security lead.\nFollow up after the board meeting.');
    expect(cards[0]!.phones).toEqual(['+44 7700 900123']);
    expect(cards[2]!.notes).toBe('Said "call me anytime"; loves bouldering');
    expect(cards[3]!.notes).toBe('=1+2');
    expect(warnings).toEqual([
      'line 4: circle "vip" is not one of client, prospect, partner, colleague, mentor, mentee, friend, family, other; left empty',
      'line 7: "not-an-email" is not an e-mail address; left out of Ravi Patel',
    ]);
  });

  it('reads an Outlook CSV: "Job Title" wins over the honorific "Title", "0/0/00" means no birthday', () => {
    const { cards, warnings } = parseContactsCsv(fixture('outlook-contacts.csv'));
    expect(cards.map((c) => [c.name, c.role, c.emails, c.tags, c.birthday])).toEqual([
      ['Grace Hopper', 'Principal Engineer', ['grace.hopper@example.com'], ['Mentors', 'Tech'], null],
      ['Ahmed Nasser', null, ['ahmed.nasser@example.com', 'a.nasser@example.org'], [], '5/1/1990'],
    ]);
    expect(warnings).toEqual(['columns not imported: Suffix, Department, E-mail Type, E-mail Display Name']);
  });

  it('reads semicolon- and tab-separated files (European Excel, pasted tables)', () => {
    const semi = parseContactsCsv('Name;Email;Company\r\nLena Vogel;lena@example.com;"Adatum; Nordics"\r\n');
    expect(semi.cards.map((c) => [c.name, c.emails, c.org])).toEqual([['Lena Vogel', ['lena@example.com'], 'Adatum; Nordics']]);
    const tab = parseContactsCsv('first_name\tlast_name\temail\nKai\tNakamura\tkai@example.com\n');
    expect(tab.cards.map((c) => c.name)).toEqual(['Kai Nakamura']);
  });

  it('reads Google Contacts CSV headers (Organization 1 - Name, E-mail 1 - Value, Labels with :::)', () => {
    const text = 'Name,Given Name,Family Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n'
      + ',Hugo,Almeida,* myContacts ::: Work ::: Security,* Home,hugo@example.com ::: hugo@work.example.com,Contoso,Security Lead\n';
    const { cards } = parseContactsCsv(text);
    expect(cards).toMatchObject([{ name: 'Hugo Almeida', tags: ['Work', 'Security'], emails: ['hugo@example.com', 'hugo@work.example.com'], org: 'Contoso', role: 'Security Lead' }]);
  });

  it('refuses a file whose quoted field never closes under any separator', () => {
    expect(() => parseContactsCsv('name,email\n"Ana,ana@example.com\n')).toThrow(CsvError);
  });

  it('says so when no header row is found', () => {
    expect(parseContactsCsv('just,some,numbers\n1,2,3\n')).toEqual({
      cards: [], warnings: ['no header row naming a name, first name, last name or e-mail column was found'],
    });
  });

  it('skips a row with nothing to name it by', () => {
    const { cards, warnings } = parseContactsCsv('name,email,notes\n,,orphan note\n');
    expect(cards).toEqual([]);
    expect(warnings).toEqual(['line 2: row has no name, company or e-mail; skipped']);
  });
});

describe('formatContactsCsv / formatInteractionsCsv', () => {
  const people = [
    contact({
      id: 1, name: 'José Müller', aliases: ['Zé'], org: 'Fábrica; Süd', role: '-VP', circle: 'client', stage: 2, cadenceDays: 30,
      emails: ['jose@example.com', 'j@example.org'], tags: ['sf', 'bay area'], needs: ['a CFO'], metOn: day('2025-06-01'),
      howMet: 'conference', notes: 'Line one, "quoted".\n=cmd|\' /C calc\'!A0',
    }),
    contact({ id: 2, name: '@handle person', emails: [] }),
  ];

  it('writes a header and one neutralised, quoted row per contact', () => {
    const out = formatContactsCsv(people);
    const rows = parseCsv(out);
    expect(rows[0]).toEqual(['name', 'aliases', 'org', 'role', 'circle', 'stage', 'cadence_days', 'emails', 'tags', 'needs', 'offers',
      'interests', 'met_on', 'how_met', 'status', 'ended_on', 'end_note', 'notes']);
    expect(rows[1]).toEqual(['José Müller', 'Zé', 'Fábrica; Süd', "'-VP", 'client', '2', '30', 'jose@example.com; j@example.org',
      'sf; bay area', 'a CFO', '', '', '2025-06-01', 'conference', 'active', '', '', 'Line one, "quoted".\n=cmd|\' /C calc\'!A0']);
    expect(rows[2]![0]).toBe("'@handle person");
    expect(out.endsWith('\r\n')).toBe(true);
  });

  it('re-imports its own export with names, orgs, roles, e-mails, tags, notes, circle and met-on intact', () => {
    const { cards } = parseContactsCsv(formatContactsCsv(people));
    expect(cards[0]).toMatchObject({
      name: 'José Müller', aliases: ['Zé'], org: 'Fábrica; Süd', role: '-VP', emails: ['jose@example.com', 'j@example.org'],
      tags: ['sf', 'bay area'], circle: 'client', metOn: day('2025-06-01'), howMet: 'conference', notes: people[0]!.notes,
    });
    expect(cards[1]!.name).toBe('@handle person');
  });

  it('writes interactions: date, names joined by "; ", give/get as kind: note, yes/no', () => {
    const out = formatInteractionsCsv([{
      on: day('2026-03-04'), contacts: ['Dana Whitfield', 'Hugo Almeida'], channel: 'in-person', by: 'me', outsideWork: true,
      tone: 'warm', gave: [{ kind: 'intro', note: 'to Hugo, for the security role' }, { kind: 'advice', note: '' }], got: [],
      pushAway: { kind: 'late', note: '' }, noReply: false, note: '+1 for the plan',
    }]);
    expect(out).toBe(
      'date,contacts,channel,by,outside_work,tone,gave,got,push_away,no_reply,note\r\n'
      + '2026-03-04,"Dana Whitfield; Hugo Almeida",in-person,me,yes,warm,"intro: to Hugo, for the security role; advice",,late,no,\'+1 for the plan\r\n',
    );
  });
});

describe('parseLooseDay', () => {
  it('reads LinkedIn and ISO dates and refuses impossible ones', () => {
    expect(parseLooseDay('03 Mar 2024')).toBe(day('2024-03-03'));
    expect(parseLooseDay('9 September 2022')).toBe(day('2022-09-09'));
    expect(parseLooseDay('2024-02-29')).toBe(day('2024-02-29'));
    expect(parseLooseDay('30 Feb 2024')).toBeNull();
    expect(parseLooseDay('03/04/2024')).toBeNull();
  });
});
