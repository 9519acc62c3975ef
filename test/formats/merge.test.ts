import { describe, expect, it } from 'vitest';
import { parseContactsCsv } from '../../src/formats/csv.js';
import { appendNoteLines, planMerge, type MergeTarget } from '../../src/formats/merge.js';
import type { ContactDraft } from '../../src/formats/types.js';
import { parseVCards } from '../../src/formats/vcard.js';
import { applyPlan, day, fixture } from './helpers.js';

function draft(name: string, more: Partial<ContactDraft> = {}): ContactDraft {
  return {
    name, aliases: [], org: null, role: null, emails: [], tags: [], notes: '', phones: [], birthday: null,
    circle: null, metOn: null, howMet: null, line: 1, ...more,
  };
}

function target(id: number, name: string, more: Partial<MergeTarget> = {}): MergeTarget {
  return {
    id, name, aliases: [], emails: [], org: null, role: null, tags: [], notes: '', circle: 'other', metOn: null,
    howMet: null, ...more,
  };
}

const allFixtureDrafts = (): ContactDraft[] => [
  ...parseVCards(fixture('apple-contacts.vcf')).cards,
  ...parseVCards(fixture('google-contacts.vcf')).cards,
  ...parseVCards(fixture('outlook.vcf')).cards,
  ...parseVCards(fixture('android.vcf')).cards,
  ...parseContactsCsv(fixture('linkedin-connections.csv')).cards,
  ...parseContactsCsv(fixture('generic-contacts.csv')).cards,
  ...parseContactsCsv(fixture('outlook-contacts.csv')).cards,
];

describe('planMerge', () => {
  it('creates unknown people, merges additions into known ones, skips what adds nothing', () => {
    const existing = [
      target(1, 'Dana Whitfield', { emails: ['dana@example.com'], org: 'Northwind Traders', tags: ['sf'], notes: 'Met at a panel.' }),
      target(2, 'Hugo Almeida', { emails: ['hugo@contoso.example.com'], role: 'Security Lead' }),
    ];
    const plan = planMerge(existing, [
      draft('dana whitfield', { emails: ['DANA@example.com', 'dana.w@example.org'], tags: ['SF', 'clients'], org: 'Contoso', role: 'VP Ops', notes: 'Met at a panel.\nLikes sailing.', line: 3 }),
      draft('Hugo A.', { emails: ['hugo@contoso.example.com'], role: 'Security Lead', line: 9 }),
      draft('Mei Chen', { line: 12 }),
    ]);
    expect(plan.created.map((c) => [c.draft.name, c.lines])).toEqual([['Mei Chen', [12]]]);
    expect(plan.merged).toEqual([{
      id: 1, name: 'Dana Whitfield', matchedBy: ['name', 'email'], lines: [3],
      changes: [
        { field: 'emails', added: ['dana.w@example.org'] },
        { field: 'tags', added: ['clients'] },
        { field: 'role', value: 'VP Ops' },
        { field: 'notes', appended: 'Likes sailing.' },
      ],
      after: {
        aliases: [], emails: ['dana@example.com', 'dana.w@example.org'], org: 'Northwind Traders', role: 'VP Ops',
        tags: ['sf', 'clients'], notes: 'Met at a panel.\nLikes sailing.', circle: 'other', metOn: null, howMet: null,
      },
      kept: [{ field: 'org', current: 'Northwind Traders', offered: 'Contoso' }],
    }]);
    expect(plan.skipped).toEqual([{
      id: 2, name: 'Hugo Almeida', matchedBy: ['email'], lines: [9],
      kept: [{ field: 'name', current: 'Hugo Almeida', offered: 'Hugo A.' }],
    }]);
    expect(plan.ambiguous).toEqual([]);
  });

  it('matches a draft name against an alias, and Unicode case and NFD forms', () => {
    const existing = [target(1, 'José Müller', { aliases: ['Zé'] }), target(2, 'STRASSE Bau')];
    const plan = planMerge(existing, [
      draft('ZÉ', { tags: ['a'] }), draft('JOSE\u0301 MU\u0308LLER', { tags: ['b'] }), draft('straße bau', { tags: ['c'] }),
    ]);
    expect(plan.created).toEqual([]);
    expect(plan.merged.map((m) => [m.id, m.matchedBy, m.after.tags])).toEqual([[1, ['name', 'alias'], ['a', 'b']], [2, ['name'], ['c']]]);
  });

  it('does not match on a draft\'s nickname alone (two different "Bob"s stay apart)', () => {
    const plan = planMerge([target(1, 'Robert Smith', { aliases: ['Bob'] })], [draft('Bob Jones', { aliases: ['Bob'] })]);
    expect(plan.created.map((c) => c.draft.name)).toEqual(['Bob Jones']);
    // ...and the alias that would make "Bob" ambiguous is left out, with a warning.
    expect(plan.created[0]!.draft.aliases).toEqual([]);
    expect(plan.warnings).toEqual(['line 1: alias "Bob" of Bob Jones is already Robert Smith\'s name or alias; left out']);
  });

  it('fills org, role, how-met, met-on and circle only when empty, and reports what it kept', () => {
    const existing = [target(1, 'Ana', { org: 'Adatum', circle: 'friend', metOn: day('2020-01-01') })];
    const plan = planMerge(existing, [draft('Ana', { org: 'Fabrikam', role: 'CTO', circle: 'client', metOn: day('2024-03-03'), howMet: 'LinkedIn' })]);
    expect(plan.merged[0]!.changes).toEqual([{ field: 'role', value: 'CTO' }, { field: 'howMet', value: 'LinkedIn' }]);
    expect(plan.merged[0]!.kept).toEqual([
      { field: 'org', current: 'Adatum', offered: 'Fabrikam' },
      { field: 'circle', current: 'friend', offered: 'client' },
      { field: 'metOn', current: '2020-01-01', offered: '2024-03-03' },
    ]);
    const other = planMerge([target(1, 'Ana')], [draft('Ana', { circle: 'client', metOn: day('2024-03-03') })]);
    expect(other.merged[0]!.changes).toEqual([{ field: 'circle', value: 'client' }, { field: 'metOn', value: day('2024-03-03') }]);
  });

  it('lists a draft matching two contacts as ambiguous and does nothing with it', () => {
    const existing = [target(1, 'Sam Lee'), target(2, 'Samantha Lee', { emails: ['sam@example.com'] })];
    const plan = planMerge(existing, [draft('Sam Lee', { emails: ['sam@example.com'], line: 4 })]);
    expect(plan.ambiguous).toEqual([{
      draft: expect.objectContaining({ name: 'Sam Lee' }), lines: [4],
      candidates: [{ id: 1, name: 'Sam Lee', matchedBy: ['name'] }, { id: 2, name: 'Samantha Lee', matchedBy: ['email'] }],
    }]);
    expect([plan.created, plan.merged, plan.skipped]).toEqual([[], [], []]);
  });

  it('combines duplicates inside one file (by name, e-mail, or name = alias) in file order', () => {
    const plan = planMerge([], [
      draft('Priya Raman', { emails: ['priya@example.com'], org: 'Tailspin', line: 2 }),
      draft('Lena Vogel', { line: 3 }),
      draft('P. Raman', { emails: ['PRIYA@example.com', 'p@example.org'], tags: ['investors'], notes: 'From LinkedIn', line: 5 }),
      draft('Lena', { line: 7, tags: ['x'] }),
      draft('Lena Vogel', { aliases: ['Lena'], role: 'Designer', line: 8 }),
    ]);
    expect(plan.created.map((c) => [c.draft.name, c.draft.emails, c.draft.tags, c.draft.role, c.lines])).toEqual([
      ['Priya Raman', ['priya@example.com', 'p@example.org'], ['investors'], null, [2, 5]],
      ['Lena Vogel', [], ['x'], 'Designer', [3, 7, 8]],
    ]);
  });

  it('accumulates several drafts that match the same contact into one merge', () => {
    const plan = planMerge([target(1, 'Dana', { emails: ['d@example.com'] })], [
      draft('Dana', { tags: ['a'], line: 1 }), draft('D. W.', { emails: ['d@example.com'], tags: ['b'], line: 9 }),
    ]);
    expect(plan.merged.map((m) => [m.id, m.lines, m.changes])).toEqual([[1, [1, 9], [{ field: 'tags', added: ['a', 'b'] }]]]);
  });

  it('is deterministic', () => {
    const drafts = allFixtureDrafts();
    expect(planMerge([], drafts)).toEqual(planMerge([], drafts));
  });
});

describe('re-importing changes nothing', () => {
  it('every fixture, imported into an empty journal and then again: second plan is all skipped', () => {
    const drafts = allFixtureDrafts();
    const first = planMerge([], drafts);
    expect(first.merged).toEqual([]);
    expect(first.ambiguous).toEqual([]);
    // Dana, Priya and others appear in several exports and become one contact each.
    expect(first.created.filter((c) => c.draft.name === 'Dana Whitfield')).toHaveLength(1);
    const journal = applyPlan([], first);
    const second = planMerge(journal, drafts);
    expect(second.created).toEqual([]);
    expect(second.merged).toEqual([]);
    expect(second.ambiguous).toEqual([]);
    expect(second.skipped).toHaveLength(journal.length);
  });

  it('file by file: each import adds to what the previous ones created, then re-importing any is a no-op', () => {
    const files = [
      parseVCards(fixture('apple-contacts.vcf')).cards,
      parseContactsCsv(fixture('linkedin-connections.csv')).cards,
      parseVCards(fixture('google-contacts.vcf')).cards,
    ];
    let journal: MergeTarget[] = [];
    for (const drafts of files) journal = applyPlan(journal, planMerge(journal, drafts));
    const dana = journal.find((c) => c.name === 'Dana Whitfield')!;
    expect(dana.notes).toContain('LinkedIn: https://www.linkedin.com/in/dana-whitfield-example');
    expect(dana.howMet).toBe('LinkedIn');
    for (const drafts of files) {
      const again = planMerge(journal, drafts);
      expect([again.created.length, again.merged.length]).toEqual([0, 0]);
    }
  });
});

describe('appendNoteLines', () => {
  it('appends only lines not already contained, ignoring whitespace differences', () => {
    expect(appendNoteLines('Met at a panel.\nLikes  sailing.', 'Likes sailing.\nNew fact.\n\nNew fact.')).toEqual({
      notes: 'Met at a panel.\nLikes  sailing.\nNew fact.', added: 'New fact.',
    });
    expect(appendNoteLines('', 'a\nb')).toEqual({ notes: 'a\nb', added: 'a\nb' });
    expect(appendNoteLines('abc', '')).toEqual({ notes: 'abc', added: '' });
  });
});
