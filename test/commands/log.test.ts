import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/cli/errors.js';
import { json, ok, rel, scriptedPrompter, tempJournal } from '../helpers/harness.js';

async function journalWithAda(): Promise<string> {
  const db = tempJournal();
  await ok(db, ['add', 'Ada Lovelace', '--alias', 'Ada', '--met-on', '2026-01-05']);
  await ok(db, ['add', 'Charles Babbage', '--met-on', '2026-01-05']);
  return db;
}

async function exportLines(db: string): Promise<any[]> {
  return (await ok(db, ['export'])).trim().split('\n').map((l) => JSON.parse(l));
}

describe('rel log with flags', () => {
  it('records every field of one interaction with several contacts', async () => {
    const db = await journalWithAda();
    const out = await ok(db, ['log', 'Ada', 'Charles Babbage', '--on', '2026-02-01', '--channel', 'in-person', '--by', 'them',
      '--outside-work', '--gave', 'intro:to Charles', '--got', 'advice:on notation', '--tone', 'warm', '--note', 'dinner',
      '--learned', 'interest:opera', '--promise', 'send the notes', '--due', '2026-02-08', '--their-promise', 'review my draft']);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^Logged interaction #1 with Ada Lovelace, Charles Babbage on 2026-02-01/);
    const lines = await exportLines(db);
    expect(lines.find((l) => l.type === 'interaction')).toEqual({
      type: 'interaction', on: '2026-02-01', contacts: ['Ada Lovelace', 'Charles Babbage'], channel: 'in-person', by: 'them',
      outsideWork: true, gave: [{ kind: 'intro', note: 'to Charles' }], got: [{ kind: 'advice', note: 'on notation' }], tone: 'warm',
      pushAway: null, noReply: false, note: 'dinner',
    });
    expect(lines.filter((l) => l.type === 'promise')).toEqual([
      { type: 'promise', contact: 'Ada Lovelace', by: 'me', text: 'send the notes', madeOn: '2026-02-01', due: '2026-02-08', doneOn: null },
      { type: 'promise', contact: 'Ada Lovelace', by: 'them', text: 'review my draft', madeOn: '2026-02-01', due: null, doneOn: null },
    ]);
    expect(lines[0].interests).toEqual(['opera']);
  });

  it('applies the defaults of the spec', async () => {
    const db = await journalWithAda();
    await ok(db, ['log', 'Ada']);
    const i = (await exportLines(db)).find((l) => l.type === 'interaction');
    expect(i).toMatchObject({ on: '2026-11-20', channel: 'in-person', by: 'me', tone: 'neutral', outsideWork: false, noReply: false, pushAway: null });
  });

  it('dates each promise with the --due that follows it', async () => {
    const db = await journalWithAda();
    await ok(db, ['log', 'Ada', '--their-promise', 'intro to Lee', '--due', 'in 2w', '--promise', 'send the deck', '--due', 'in 1w']);
    const promises = (await json(db, ['promises'])).promises;
    expect(promises.map((p: { text: string; due: string; by: string }) => [p.by, p.text, p.due])).toEqual([
      ['me', 'send the deck', '2026-11-27'],
      ['them', 'intro to Lee', '2026-12-04'],
    ]);
    const orphan = await rel(db, ['log', 'Ada', '--due', 'in 1w']);
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toMatch(/--due goes right after/);
  });

  it('records a push-away and an unanswered outreach', async () => {
    const db = await journalWithAda();
    await ok(db, ['log', 'Ada', '--on', 'yesterday', '--channel', 'call', '--push-away', 'late:twenty minutes', '--tone', 'cool']);
    await ok(db, ['log', 'Ada', '--on', '2d ago', '--channel', 'email', '--no-reply']);
    const is = (await exportLines(db)).filter((l) => l.type === 'interaction');
    expect(is[0]).toMatchObject({ on: '2026-11-18', channel: 'email', noReply: true });
    expect(is[1]).toMatchObject({ on: '2026-11-19', pushAway: { kind: 'late', note: 'twenty minutes' }, tone: 'cool' });
  });

  it.each([
    [['--channel', 'fax'], /--channel: "fax" is not one of/],
    [['--by', 'boss'], /--by/],
    [['--gave', 'bribe:cash'], /--gave: "bribe" is not one of/],
    [['--tone', 'angry'], /--tone/],
    [['--push-away', 'rude'], /--push-away/],
    [['--learned', 'hobby:golf'], /--learned/],
    [['--learned', 'need:'], /needs text after the colon/],
    [['--on', 'yesterdayy'], /--on: cannot read "yesterdayy"/],
    [['--promise', 'x', '--due', '2024-02-30'], /--due: cannot read "2024-02-30"/],
    [['--note', 'x'.repeat(1_048_577)], /--note: 1048577 bytes is over the 1048576-byte limit/],
  ])('rejects %j: exit 1, one line, nothing written', async (flags, message) => {
    const db = await journalWithAda();
    const r = await rel(db, ['log', 'Ada', ...flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await exportLines(db)).filter((l) => l.type !== 'contact')).toEqual([]);
  });

  it('stores a note of 1 MiB intact', async () => {
    const db = await journalWithAda();
    const note = 'é'.repeat(524_288); // exactly 1,048,576 bytes
    await ok(db, ['log', 'Ada', '--note', note]);
    expect((await exportLines(db)).find((l) => l.type === 'interaction').note).toBe(note);
  });

  it('refuses an unknown contact and a contact named twice', async () => {
    const db = await journalWithAda();
    expect((await rel(db, ['log', 'Nobody At All'])).code).toBe(1);
    const twice = await rel(db, ['log', 'Ada', 'ada lovelace']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already in this interaction/);
  });

  it('usage errors exit 2', async () => {
    const db = await journalWithAda();
    expect((await rel(db, ['log', 'Ada', '--bogus'])).code).toBe(2);
    expect((await rel(db, ['frobnicate'])).code).toBe(2);
  });
});

describe('rel log without a NAME', () => {
  it('never prompts without a terminal: a user error naming what is missing', async () => {
    const db = await journalWithAda();
    const r = await rel(db, ['log']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs at least one NAME/);
  });

  it('asks for everything on a terminal, in order, and writes one interaction', async () => {
    const db = await journalWithAda();
    const asked: string[] = [];
    const prompter = scriptedPrompter([
      ['ada', 'Ada Lovelace'], // search picker
      true, // anyone else?
      ['Hugo', 'Add "Hugo"'], // create inline
      'colleague', // circle of the new contact
      false, // anyone else?
      '2026-11-18', // when
      'call', // channel
      'them', // who reached out
      true, // outside work
      ['intro'], 'to Lee', // gave
      [], // got
      'warm', // tone
      'none', // push-away
      'a need or goal', 'a new CFO', // learned
      'nothing (more)',
      'send the deck', 'in 1w', // my promise
      '', // their promise
      'long call', // note
    ], asked);
    const out = await ok(db, ['log'], { tty: true, prompter });
    expect(out).toMatch(/Logged interaction #1 with Ada Lovelace, Hugo on 2026-11-18 \(call\)/);
    const lines = await exportLines(db);
    expect(lines.find((l) => l.name === 'Hugo')).toMatchObject({ circle: 'colleague' });
    expect(lines.find((l) => l.name === 'Ada Lovelace').needs).toEqual(['a new CFO']);
    expect(lines.find((l) => l.type === 'interaction')).toMatchObject({
      on: '2026-11-18', contacts: ['Ada Lovelace', 'Hugo'], channel: 'call', by: 'them', outsideWork: true,
      gave: [{ kind: 'intro', note: 'to Lee' }], got: [], tone: 'warm', note: 'long call',
    });
    expect(lines.find((l) => l.type === 'promise')).toMatchObject({ by: 'me', text: 'send the deck', due: '2026-11-27' }); // 'in 1w' counts from today
    expect(asked[0]).toMatch(/^search: Who did you meet/);
  });

  it('writes nothing when the user cancels at any prompt (Ctrl-C)', async () => {
    const db = await journalWithAda();
    const prompter = scriptedPrompter([['Hugo', 'Add "Hugo"'], 'colleague', false, 'today', 'call', new CancelledError('cancelled; nothing was written') as never]);
    const r = await rel(db, ['log'], { tty: true, prompter });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rel: cancelled; nothing was written\n');
    expect((await exportLines(db)).map((l) => l.name ?? l.type)).toEqual(['Ada Lovelace', 'Charles Babbage']);
  });
});

describe('promises and done', () => {
  it('lists open promises overdue first and marks one kept', async () => {
    const db = await journalWithAda();
    await ok(db, ['log', 'Ada', '--on', '2026-11-01', '--promise', 'later one', '--due', '2026-12-01']);
    await ok(db, ['log', 'Ada', '--on', '2026-11-01', '--promise', 'overdue one', '--due', '2026-11-10']);
    await ok(db, ['log', 'Ada', '--on', '2026-11-01', '--promise', 'no date']);
    const open = (await json(db, ['promises'])).promises;
    expect(open.map((p: { text: string }) => p.text)).toEqual(['overdue one', 'later one', 'no date']);
    expect(Object.keys(open[0])).toEqual(['id', 'contact', 'by', 'text', 'madeOn', 'due', 'doneOn']);
    expect(await ok(db, ['promises'])).toMatch(/overdue one.*10 days overdue/);
    await ok(db, ['done', String(open[0].id), '--on', '2026-11-12']);
    expect((await json(db, ['promises'])).promises).toHaveLength(2);
    const all = (await json(db, ['promises', '--all'])).promises;
    expect(all.find((p: { text: string }) => p.text === 'overdue one').doneOn).toBe('2026-11-12');
    const again = await rel(db, ['done', String(open[0].id)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already kept/);
    expect((await rel(db, ['done', '999'])).code).toBe(1);
    expect((await rel(db, ['done', 'abc'])).code).toBe(1);
  });
});

describe('--due pairing', () => {
  it('knows exactly which log flags take a value, as commander declares them', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const { VALUE_FLAGS } = await import('../../src/commands/log.js');
    const io = { stdout: { write() {}, isTTY: false }, stderr: { write() {}, isTTY: false }, stdinIsTTY: false, env: {}, now: () => new Date(), prompter: async () => { throw new Error('no'); } };
    const log = buildProgram(io, [], { version: '0' }).commands.find((c) => c.name() === 'log')!;
    const declared = log.options.filter((o) => o.required || o.optional).map((o) => o.long!);
    expect([...VALUE_FLAGS].sort()).toEqual(declared.sort());
  });
});
