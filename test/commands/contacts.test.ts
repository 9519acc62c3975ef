import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, ok, rel, tempJournal } from '../helpers/harness.js';

describe('rel add / edit / stage / end', () => {
  it('stores every profile field and shows it back', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--alias', 'Ada', '--org', 'Analytical', '--role', 'Engineer', '--circle', 'mentor',
      '--cadence', '30d', '--stage', '2', '--email', 'ada@example.com', '--tag', 'math', '--need', 'funding for the engine',
      '--offer', 'mathematics', '--interest', 'poetry', '--met-on', '2026-01-05', '--how-met', 'a salon']);
    const { contact } = await json(db, ['show', 'ada']);
    expect(contact).toMatchObject({
      name: 'Ada Lovelace', aliases: ['Ada'], org: 'Analytical', role: 'Engineer', circle: 'mentor', cadenceDays: 30, stage: 2,
      emails: ['ada@example.com'], tags: ['math'], needs: ['funding for the engine'], offers: ['mathematics'], interests: ['poetry'],
      metOn: '2026-01-05', howMet: 'a salon', status: 'active',
      // a --stage given to add is dated the contact's own date (met-on here)
      stageHistory: [{ stage: 2, on: '2026-01-05', note: '' }],
    });
  });

  it('dates an add --stage by the first interaction when there is no met-on, even one back-filled later', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Bo', '--stage', '1']);
    let { contact } = await json(db, ['show', 'Bo']);
    expect(contact.stageHistory).toEqual([{ stage: 1, on: '2026-11-20', note: '' }]);
    await ok(db, ['log', 'Bo', '--on', '2025-03-02']);
    ({ contact } = await json(db, ['show', 'Bo']));
    expect(contact.stageHistory).toEqual([{ stage: 1, on: '2025-03-02', note: '' }]);
  });

  it('refuses a duplicate name, whatever its case or Unicode form', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'José Álvarez']);
    const r = await rel(db, ['add', 'JOSE\u0301 A\u0301LVAREZ']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already in the journal/);
    expect((await json(db, ['list'])).contacts).toHaveLength(1);
  });

  it.each([
    [['add', 'X', '--circle', 'enemy'], /--circle: "enemy" is not one of client/],
    [['add', 'X', '--cadence', 'often'], /--cadence: cannot read "often"/],
    [['add', 'X', '--stage', '7'], /stage: "7" is not a stage/],
    [['add', 'X', '--met-on', '2024-02-30'], /--met-on: cannot read "2024-02-30"/],
    [['add', 'X', '--email', 'not-an-email'], /--email/],
    [['add', '   '], /needs a name/],
  ])('rejects bad input %j with exit 1 and writes nothing', async (args, message) => {
    const db = tempJournal();
    const r = await rel(db, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await json(db, ['list', '--all'])).contacts).toHaveLength(0);
  });

  it('edit replaces values, appends list items without duplicates, removes items, renames', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--tag', 'math', '--need', 'funding']);
    await ok(db, ['edit', 'Ada', '--role', 'Lead', '--tag', 'poetry', '--tag', 'MATH', '--remove', 'need:funding', '--name', 'Ada King']);
    const { contact } = await json(db, ['show', 'Ada King']);
    expect(contact).toMatchObject({ name: 'Ada King', role: 'Lead', tags: ['math', 'poetry'], needs: [] });
    const r = await rel(db, ['edit', 'Ada', '--remove', 'need:nothing-like-this']);
    expect(r.code).toBe(1);
  });

  it('records stage changes with dates; the current stage is the latest-dated one', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada', '--stage', '1', '--met-on', '2025-01-01']);
    await ok(db, ['stage', 'Ada', '3', '--on', '2026-03-01', '--note', 'met her family']);
    await ok(db, ['stage', 'Ada', '2', '--on', '2025-06-01']);
    const { contact } = await json(db, ['show', 'Ada']);
    expect(contact.stage).toBe(3);
    expect(contact.stageHistory.map((s: { stage: number }) => s.stage)).toEqual([1, 2, 3]);
  });

  it('end keeps the history and takes the contact out of list (but not list --all)', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Charles Babbage']);
    await ok(db, ['log', 'Charles', '--on', '2026-01-01']);
    const noNote = await rel(db, ['end', 'Charles']);
    expect(noNote.code).toBe(1);
    expect(noNote.stderr).toMatch(/--note/);
    await ok(db, ['end', 'Charles', '--on', '2026-05-01', '--note', 'parted on good terms']);
    expect((await json(db, ['list'])).contacts).toHaveLength(0);
    const all = (await json(db, ['list', '--all'])).contacts;
    expect(all[0]).toMatchObject({ name: 'Charles Babbage', status: 'ended', interactions: 1 });
    const { contact } = await json(db, ['show', 'Charles']);
    expect(contact).toMatchObject({ status: 'ended', endedOn: '2026-05-01', endNote: 'parted on good terms' });
  });
});

describe('an end day still ahead', () => {
  it('says when the contact leaves the reports, and until then review and suggest still see them', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Dana Future']);
    await ok(db, ['log', 'Dana', '--on', '2025-01-05']);
    // Today is 2026-11-20 in the harness.
    expect(await ok(db, ['end', 'Dana', '--on', '2026-12-20', '--note', 'moving away'])).toBe('The relationship with Dana Future ends on 2026-12-20; their history is kept and they leave the reports then.\n');
    expect(await ok(db, ['review', '--as-of', '2026-11-20'])).toContain('Dana Future');
    const now = await rel(db, ['suggest', 'Dana', '--as-of', '2026-11-20']);
    expect(now.stderr).toBe('');
    expect(now.stdout).toContain('Dana Future');
    const later = await rel(db, ['suggest', 'Dana', '--as-of', '2026-12-21']);
    expect(later.stderr).toMatch(/was ended; rel suggests nothing for it/);
    expect(await ok(db, ['review', '--as-of', '2026-12-21'])).not.toContain('Dana Future');
  });

  it('keeps them in rel list, marked with the day, and their open promises in view, until that day', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Dana Future']);
    await ok(db, ['log', 'Dana', '--on', '2026-11-01', '--promise', 'send the photos']);
    await ok(db, ['end', 'Dana', '--on', '2026-12-20', '--note', 'moving away']);
    expect(await ok(db, ['list'])).toMatch(/Dana Future .*\(ends 2026-12-20\)/);
    expect((await json(db, ['list'])).contacts[0]).toMatchObject({ name: 'Dana Future', status: 'ended', endedOn: '2026-12-20' });
    expect(await ok(db, ['promises'])).toContain('send the photos');
    const later = { now: new Date(2026, 11, 21, 12, 0, 0) };
    expect(await ok(db, ['list'], later)).not.toContain('Dana Future');
    expect(await ok(db, ['list', '--all'], later)).toMatch(/Dana Future .*\(ended\)/);
    expect(await ok(db, ['promises'], later)).not.toContain('send the photos');
  });

  it('show says "Ends" before the day and "Ended" after; an imported active contact with an end day follows the day too', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Dana Future']);
    await ok(db, ['end', 'Dana', '--on', '2026-12-20', '--note', 'moving away']);
    expect(await ok(db, ['show', 'Dana'])).toContain('Ends 2026-12-20: moving away');
    expect(await ok(db, ['show', 'Dana'], { now: new Date(2026, 11, 21, 12) })).toContain('Ended 2026-12-20: moving away');
    const file = join(dirname(db), 'odd.jsonl');
    writeFileSync(file, `${JSON.stringify({ type: 'contact', name: 'Odd Past', status: 'active', endedOn: '2026-01-01' })}\n${JSON.stringify({ type: 'contact', name: 'Odd Ahead', status: 'active', endedOn: '2027-01-01' })}\n`);
    await ok(db, ['import', file]);
    const all = await ok(db, ['list', '--all']);
    expect(all).toMatch(/Odd Past .*\(ended\)/);
    expect(all).toMatch(/Odd Ahead .*\(ends 2027-01-01\)/);
    const listed = await ok(db, ['list']);
    expect(listed).not.toContain('Odd Past');
    expect(listed).toContain('Odd Ahead');
  });
});

describe('name matching from the command line', () => {
  it('resolves alias, unique prefix; lists candidates when ambiguous; suggests on a miss', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'John Smith', '--alias', 'Smithy']);
    await ok(db, ['add', 'John Doe']);
    await ok(db, ['add', '100% Real_Name']);
    expect((await json(db, ['show', 'smithy'])).contact.name).toBe('John Smith');
    expect((await json(db, ['show', 'John D'])).contact.name).toBe('John Doe');
    expect((await json(db, ['show', '100%'])).contact.name).toBe('100% Real_Name');
    const many = await rel(db, ['log', 'John']);
    expect(many.code).toBe(1);
    expect(many.stderr).toMatch(/"John" matches 2 contacts: "John Doe" or "John Smith"/);
    const miss = await rel(db, ['show', 'Jhon Smith']);
    expect(miss.code).toBe(1);
    expect(miss.stderr).toMatch(/did you mean "John Smith"/);
    // % and _ are literal, not wildcards
    expect((await rel(db, ['show', '1_0'])).code).toBe(1);
  });

  it('lets an exact name win over a longer name it prefixes', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Jo']);
    await ok(db, ['add', 'Joanna']);
    expect((await json(db, ['show', 'jo'])).contact.name).toBe('Jo');
  });

  it('offers a choice on a terminal when a name is ambiguous', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'John Smith']);
    await ok(db, ['add', 'John Doe']);
    const { scriptedPrompter } = await import('../helpers/harness.js');
    const out = await ok(db, ['show', 'John'], { tty: true, prompter: scriptedPrompter(['John Smith']) });
    expect(out).toContain('John Smith');
  });
});

describe('list', () => {
  it('filters by circle and tag, and prints plain text when piped', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'A One', '--circle', 'client', '--tag', 'sf']);
    await ok(db, ['add', 'B Two', '--circle', 'friend', '--tag', 'SF']);
    await ok(db, ['add', 'C Three', '--circle', 'client']);
    expect((await json(db, ['list', '--circle', 'client'])).contacts.map((c: { name: string }) => c.name)).toEqual(['A One', 'C Three']);
    expect((await json(db, ['list', '--tag', 'sf'])).contacts.map((c: { name: string }) => c.name)).toEqual(['A One', 'B Two']);
    const text = await ok(db, ['list']);
    expect(text).not.toMatch(/\u001b/);
    expect(text.split('\n')[0]).toMatch(/^NAME\s+CIRCLE/);
  });

  it('reads a missing journal as empty and does not create it', async () => {
    const db = tempJournal();
    expect(await ok(db, ['list'])).toMatch(/No contacts yet/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(db)).toBe(false);
  });
});
