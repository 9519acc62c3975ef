import { describe, expect, it } from 'vitest';
import { foldLine, unfoldLines } from '../../src/formats/content-line.js';
import { decodeFileText } from '../../src/formats/text.js';
import { formatVCards, parseVCards } from '../../src/formats/vcard.js';
import { contact, fixture } from './helpers.js';

const card = (...lines: string[]): string => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');

describe('parseVCards on address-book exports', () => {
  it('reads Apple Contacts 3.0: item groups, labels, a folded photo, company cards, omitted-year birthday', () => {
    const { cards, warnings } = parseVCards(fixture('apple-contacts.vcf'));
    expect(warnings).toEqual([]);
    expect(cards.map((c) => c.name)).toEqual(['Dana Whitfield', 'Contoso Ltd.', 'Dr. Chidi Emeka Okafor PhD']);
    const dana = cards[0]!;
    expect(dana).toMatchObject({
      aliases: ['Dee'], org: 'Northwind Traders', role: 'VP Operations',
      emails: ['dana@example.com', 'dana.whitfield@northwind.example.com'], tags: ['sf', 'clients'],
      phones: ['+1 (555) 010-2233'], birthday: '1984-07-19', line: 1,
    });
    expect(dana.notes).toBe(
      'Met at the supply-chain panel, San Francisco.\nPrefers mornings; no calls on Fridays.\n'
      + 'Kids: Sam and Ollie (sailing camp in July).\nBirthday: 1984-07-19',
    );
    expect(cards[1]).toMatchObject({ org: 'Contoso Ltd.', emails: ['hello@contoso.example.com'] });
    expect(cards[2]!.birthday).toBe('--11-02');
  });

  it('reads Google Contacts 3.0: drops the myContacts/starred system groups, names a nameless card by its e-mail', () => {
    const { cards, warnings } = parseVCards(fixture('google-contacts.vcf'));
    expect(warnings).toEqual([]);
    expect(cards.map((c) => [c.name, c.tags])).toEqual([
      ['Hugo Almeida', ['Work']],
      ['Priya Raman', ['Investors']],
      ['noah.fischer@example.com', []],
    ]);
    expect(cards[0]!.notes).toBe('Introduced by Dana. Looking for a CISO mentor.\nBirthday: --03-14');
    expect(cards[1]!.role).toBe('Head of Growth, EMEA');
  });

  it('reads Outlook 2.1: CHARSET=utf-8 raw text, quoted-printable with soft breaks, ISO-8859-1', () => {
    const { cards, warnings } = parseVCards(fixture('outlook.vcf'));
    expect(warnings).toEqual([]);
    expect(cards[0]).toMatchObject({
      name: 'José Müller', org: 'Fábrica Süd GmbH', role: 'Leiter Vertrieb',
      emails: ['jose.mueller@example.com', 'j.mueller@example.com'], tags: ['Kunden', 'VIP'],
      notes: 'Kennengelernt auf der Messe in Köln.\nInteressiert an Lieferketten-Software; möchte eine Demo, gern im Frühjahr.',
    });
    expect(cards[1]).toMatchObject({ name: 'François Le Guéennec', notes: 'Café every second Tuesday.' });
  });

  it('reads Android: 2.1 quoted-printable (Polish, Cyrillic, soft break before a blank line), 2.1 photo, 4.0 card', () => {
    const { cards, warnings } = parseVCards(fixture('android.vcf'));
    expect(warnings).toEqual([]);
    expect(cards.map((c) => c.name)).toEqual(['Łukasz Wiśniewski', 'Анна Петрова', 'Mei Chen']);
    expect(cards[0]!.notes).toBe('Climbing partner. Ask about the Tatra trip — he wants to go in June.');
    expect(cards[2]).toMatchObject({
      aliases: ['Mimi', 'M.C.'], emails: ['mei.chen@example.com'], phones: ['+1-555-010-7788'],
      tags: ['mentors', 'ai'], birthday: '--09-20', notes: 'Mentor from the accelerator, Q&A every month.\nBirthday: --09-20',
    });
  });
});

describe('parseVCards edge cases', () => {
  it('falls back from FN to N (given additional family suffix), then ORG, then e-mail', () => {
    const { cards } = parseVCards(
      card('VERSION:3.0', 'N:Lima;Ana;Clara;Dra.;Jr.')
      + card('VERSION:3.0', 'FN:  ', 'N:;;;;', 'ORG:Fabrikam;Sales')
      + card('VERSION:3.0', 'EMAIL:solo@example.com'),
    );
    expect(cards.map((c) => c.name)).toEqual(['Ana Clara Lima Jr.', 'Fabrikam', 'solo@example.com']);
  });

  it('skips a card with no name, org or e-mail, with a warning naming its line', () => {
    const { cards, warnings } = parseVCards(card('VERSION:3.0', 'TEL:+1 555 0100'));
    expect(cards).toEqual([]);
    expect(warnings).toEqual(['line 1: card has no name, organisation or e-mail; skipped']);
  });

  it('handles a BOM, LF-only line ends, blank lines, tab folding, lowercase names and unknown properties', () => {
    const text = '\ufeffbegin:vcard\n\nversion:3.0\nfn:Kai\n\tNakamura\nx-custom;foo=bar:whatever\nIMPP:xmpp:kai@example.com\nend:vcard\n';
    const { cards, warnings } = parseVCards(text);
    expect(warnings).toEqual([]);
    expect(cards.map((c) => c.name)).toEqual(['KaiNakamura']);
  });

  it('unescapes \\n \\, \\; \\\\ and splits CATEGORIES and NICKNAME only on unescaped commas', () => {
    const { cards } = parseVCards(card(
      'VERSION:3.0', 'FN:Ana', 'NICKNAME:Ani,A\\, the Great', 'CATEGORIES:bay area\\, ca,vip',
      'NOTE:line one\\nline two\\, with comma\\; semi \\\\ backslash', 'ORG:Acme\\; Sons;Dept',
    ));
    expect(cards[0]).toMatchObject({
      aliases: ['Ani', 'A, the Great'], tags: ['bay area, ca', 'vip'], org: 'Acme; Sons',
      notes: 'line one\nline two, with comma; semi \\ backslash',
    });
  });

  it('decodes quoted-printable: soft breaks, =0D=0A, bare parameter, no charset (UTF-8 then Windows-1252)', () => {
    const { cards } = parseVCards(
      card('VERSION:2.1', 'FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e O=E2=80=99Brien', 'NOTE;QUOTED-PRINTABLE:a=0D=0Ab=', 'c')
      + card('VERSION:2.1', 'FN;QUOTED-PRINTABLE:Bj=F6rn'),
    );
    expect(cards.map((c) => [c.name, c.notes])).toEqual([['Renée O’Brien', 'a\nbc'], ['Björn', '']]);
  });

  it('keeps raw non-ASCII (even outside the BMP) that a writer left inside a quoted-printable value', () => {
    const { cards } = parseVCards(card('VERSION:2.1', 'FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Jos=C3=A9 🚀 Zoë'));
    expect(cards[0]!.name).toBe('José 🚀 Zoë');
  });

  it('reads Windows-1252 bytes the way Windows wrote them (curly quote, euro), not as C1 controls', () => {
    const { cards } = parseVCards(card('VERSION:2.1', 'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Zo=EB', 'NOTE;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:It=92s =8020'));
    expect([cards[0]!.name, cards[0]!.notes]).toEqual(['Zoë', 'It’s €20']);
  });

  it('warns about a charset it cannot decode and reads it as UTF-8', () => {
    const { cards, warnings } = parseVCards(card('VERSION:2.1', 'FN;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:Z=C3=BCri'));
    expect(cards[0]!.name).toBe('Züri');
    expect(warnings).toEqual(['line 3: unknown charset X-NOPE; FN read as UTF-8']);
  });

  it('does not take a base64 photo ending in "=" for a quoted-printable soft break', () => {
    const { cards } = parseVCards(card('VERSION:3.0', 'FN:Pia', 'PHOTO;ENCODING=b;TYPE=JPEG:AAAA', ' BBB=', 'EMAIL:pia@example.com'));
    expect(cards[0]!.emails).toEqual(['pia@example.com']);
  });

  it('skips a nested 2.1 AGENT card and reads a card without END at the end of the file', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:Assistant\r\nEND:VCARD\r\nEMAIL:boss@example.com\r\nEND:VCARD\r\n'
      + 'BEGIN:VCARD\r\nFN:Trailing\r\n';
    const { cards, warnings } = parseVCards(text);
    expect(cards.map((c) => [c.name, c.emails])).toEqual([['Boss', ['boss@example.com']], ['Trailing', []]]);
    expect(warnings).toEqual(['line 10: card has no END:VCARD; read up to the end of the file']);
  });

  it('leaves out invalid e-mails, de-duplicates e-mails ignoring case, strips mailto:', () => {
    const { cards, warnings } = parseVCards(card('VERSION:4.0', 'FN:Eve', 'EMAIL:eve@example.com', 'EMAIL:mailto:EVE@example.com', 'EMAIL:not an address'));
    expect(cards[0]!.emails).toEqual(['eve@example.com']);
    expect(warnings).toEqual(['line 1: "not an address" is not an e-mail address; left out of Eve']);
  });

  it('normalises names to NFC and collapses whitespace', () => {
    const { cards } = parseVCards(card('VERSION:3.0', 'FN:  Jose\u0301   Mu\u0308ller '));
    expect(cards[0]!.name).toBe('José Müller');
    expect(cards[0]!.name).toBe('José Müller'.normalize('NFC'));
  });

  it('keeps BDAY forms: YYYYMMDD, with a time, 4.0 --MMDD; a text birthday as written', () => {
    const names = ['19900501', '1990-05-01T00:00:00Z', '--0501', 'circa 1960'];
    const { cards } = parseVCards(names.map((b, i) => card('VERSION:4.0', `FN:P${i}`, `BDAY:${b}`)).join(''));
    expect(cards.map((c) => c.birthday)).toEqual(['1990-05-01', '1990-05-01', '--05-01', 'circa 1960']);
  });
});

describe('formatVCards', () => {
  const tricky = contact({
    id: 7,
    name: 'José Müller',
    aliases: ['Zé', 'J, M'],
    org: 'Fábrica; Süd, GmbH',
    role: 'VP, Ops \\ Sales',
    emails: ['jose@example.com', 'j.m@example.com'],
    tags: ['bay area, ca', 'clients', '東京'],
    notes: 'First line, with comma; and semicolon.\nSecond line \\ backslash.\n'
      + 'A long line with accents éèê and emoji 🚀🚀🚀 and CJK 日本語のテキスト to force folding across many octets.\nBirthday: 1984-07-19',
  });

  it('writes vCard 3.0 with CRLF, escaping, BDAY from the notes line', () => {
    const out = formatVCards([contact({ name: 'Ana Lima', emails: ['ana@example.com'], tags: ['a,b'], notes: 'x;y\nBirthday: 1990-05-01' })]);
    expect(out).toBe([
      'BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//rel//rel//EN', 'N:Lima;Ana;;;', 'FN:Ana Lima',
      'EMAIL;TYPE=INTERNET:ana@example.com', 'BDAY:1990-05-01', 'CATEGORIES:a\\,b', 'NOTE:x\\;y\\nBirthday: 1990-05-01',
      'END:VCARD', '',
    ].join('\r\n'));
  });

  it('folds every line at 75 octets without splitting a UTF-8 sequence, and only uses CRLF', () => {
    const out = formatVCards([tricky]);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = out.split('\r\n').slice(0, -1);
    for (const line of physical) {
      const bytes = new TextEncoder().encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    }
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
  });

  it('round-trips through parseVCards: names, orgs, roles, emails, tags, aliases, notes intact', () => {
    const nfd = contact({ id: 8, name: 'Rene\u0301e Ō', notes: '' });
    const { cards, warnings } = parseVCards(formatVCards([tricky, nfd]));
    expect(warnings).toEqual([]);
    expect(cards[0]).toMatchObject({
      name: tricky.name, aliases: tricky.aliases, org: tricky.org, role: tricky.role, emails: tricky.emails,
      tags: tricky.tags, notes: tricky.notes, birthday: '1984-07-19',
    });
    expect(cards[1]!.name).toBe('Renée Ō'.normalize('NFC'));
  });

  it('gives the same bytes on every run (no REV, no clock)', () => {
    expect(formatVCards([tricky])).toBe(formatVCards([tricky]));
  });
});

describe('line folding and unfolding', () => {
  it('never exceeds the limit with 2-, 3- and 4-byte characters and unfolds back exactly', () => {
    for (const ch of ['é', '日', '🚀', 'a']) {
      for (let n = 1; n < 90; n += 7) {
        const line = `NOTE:${ch.repeat(n)}x`;
        const folded = foldLine(line);
        for (const p of folded.split('\r\n')) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
        expect(unfoldLines(folded).map((l) => l.text)).toEqual([line]);
      }
    }
  });
});

describe('decodeFileText', () => {
  it('reads UTF-8 with or without BOM, UTF-16 with BOM, and falls back to Windows-1252', () => {
    expect(decodeFileText(new TextEncoder().encode('\ufeffJosé'))).toEqual({ text: 'José', encoding: 'utf-8' });
    expect(decodeFileText(Uint8Array.from([0xff, 0xfe, 0x4a, 0, 0xe9, 0]))).toEqual({ text: 'Jé', encoding: 'utf-16le' });
    expect(decodeFileText(Uint8Array.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x80, 0x92]))).toEqual({ text: 'José €’', encoding: 'windows-1252' });
  });
});
