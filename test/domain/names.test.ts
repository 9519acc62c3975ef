import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldKey, matchName, type NameCandidate } from '../../src/domain/names.js';

const people: NameCandidate[] = [
  { id: 1, name: 'John Smith', keys: [foldKey('John Smith'), foldKey('Johnny')] },
  { id: 2, name: 'John Doe', keys: [foldKey('John Doe')] },
  { id: 3, name: 'José Álvarez', keys: [foldKey('José Álvarez')] },
  { id: 4, name: 'Jo', keys: [foldKey('Jo')] },
  { id: 5, name: '李小龙', keys: [foldKey('李小龙')] },
  { id: 6, name: 'Straße', keys: [foldKey('Straße')] },
];

describe('foldKey', () => {
  it('folds case beyond ASCII, NFC/NFD and spacing', () => {
    expect(foldKey('ÉMILE')).toBe(foldKey('émile'));
    expect(foldKey('Jose\u0301')).toBe(foldKey('José'));
    expect(foldKey('  Ada   Lovelace ')).toBe('ada lovelace');
    expect(foldKey('STRASSE')).toBe(foldKey('Straße'));
  });
});

describe('matchName', () => {
  it.each([
    ['john smith', { kind: 'one', id: 1 }],
    ['JOHNNY', { kind: 'one', id: 1 }],
    ['jo', { kind: 'one', id: 4 }], // an exact name beats the prefix it also is
    ['jose\u0301 a\u0301', { kind: 'one', id: 3 }],
    ['jose alv', { kind: 'one', id: 3 }], // accents ignored only when nothing matched as typed
    ['李', { kind: 'one', id: 5 }],
    ['strasse', { kind: 'one', id: 6 }],
  ])('%s', (query, expected) => {
    expect(matchName(query, people)).toEqual(expected);
  });

  it('lists every candidate of an ambiguous prefix', () => {
    const m = matchName('John', people);
    expect(m.kind).toBe('many');
    expect(m.kind === 'many' && m.candidates.map((c) => c.id).sort()).toEqual([1, 2]);
  });

  it('suggests close names on a miss', () => {
    const m = matchName('Jhon Smith', people);
    expect(m.kind).toBe('none');
    expect(m.kind === 'none' && m.suggestions[0]?.id).toBe(1);
  });

  it('finds nothing for a name nobody resembles', () => {
    expect(matchName('Zebediah', people)).toEqual({ kind: 'none', suggestions: [] });
  });
});

describe('foldKey', () => {
  /** The definition: NFC, trim, collapse whitespace, upper then lower case, NFC. */
  const definition = (text: string) => text.normalize('NFC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase().normalize('NFC');

  it('folds printable ASCII (its shortcut) exactly as the Unicode definition does', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...' \t\n aAzZ09~!-_.\'"'.split(''), ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))) }),
      (text) => { expect(foldKey(text)).toBe(definition(text)); }), { numRuns: 2000 });
    for (const text of ['  Ada   Lovelace ', 'ADA', 'a\tb', 'O\'Brien-Smith', '', ' ']) expect(foldKey(text)).toBe(definition(text));
  });

  it('folds the rest by the definition: composed and decomposed letters, ß, other spaces', () => {
    expect(foldKey('Jose\u0301')).toBe(foldKey('José'));
    expect(foldKey('STRASSE')).toBe(foldKey('straße'));
    expect(foldKey('Ada\u00a0\u2003Lovelace')).toBe('ada lovelace');
    for (const text of ['Émile', 'ΣΊΣΥΦΟΣ', 'İstanbul', 'a\u00a0b']) expect(foldKey(text)).toBe(definition(text));
  });
});
