/** `rel check`: integrity and foreign-key checks, counts, and exit 1 when the journal is damaged. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, rel, tempDir } from '../helpers/harness.js';
import { corruptPage, raw, sha256 } from './support.js';

async function smallJournal(db: string): Promise<void> {
  await ok(db, ['add', 'Ada Lovelace']);
  await ok(db, ['add', 'Brook Taylor']);
  await ok(db, ['add', 'Cy Twombly']);
  await ok(db, ['end', 'Cy', '--note', 'moved on', '--on', '2026-01-01']);
  await ok(db, ['log', 'Ada', 'Brook', '--on', '2026-02-01', '--promise', 'send the deck']);
  await ok(db, ['log', 'Ada', '--on', '2026-02-03', '--their-promise', 'intro to Hugo']);
  await ok(db, ['done', '1']);
}

describe('rel check', () => {
  it('reports version, counts and size of a sound journal, exit 0', async () => {
    const db = join(tempDir(), 'j.db');
    await smallJournal(db);
    const text = await ok(db, ['check']);
    expect(text).toMatch(/integrity ok/);
    expect(text).toMatch(/references ok/);
    expect(text).toMatch(/contacts 3 \(2 active, 1 ended\)/);
    expect(text).toMatch(/interactions 2/);
    expect(text).toMatch(/promises 2 \(1 open, 1 kept\)/);
    const j = JSON.parse(await ok(db, ['check', '--json']));
    expect(j).toMatchObject({
      ok: true, integrity: 'ok', foreignKeys: [],
      counts: { contactsActive: 2, contactsEnded: 1, interactions: 2, promisesOpen: 1, promisesKept: 1 },
    });
    expect(j.schemaVersion).toBe(j.knownVersion);
    expect(j.bytes).toBeGreaterThan(0);
  });

  it('finds the reports\' copies in step after every kind of interaction rel writes', async () => {
    const db = join(tempDir(), 'j.db');
    await smallJournal(db);
    await ok(db, ['log', 'Ada', '--on', '2026-03-01', '--channel', 'event', '--by', 'mutual', '--tone', 'warm', '--outside-work', '--gave', 'business:a lead']);
    await ok(db, ['log', 'Brook', '--on', '2026-03-02', '--channel', 'email', '--no-reply', '--push-away', 'cut-off:gone quiet', '--tone', 'cool']);
    await ok(db, ['log', 'Ada', 'Brook', 'Cy', '--on', '2026-03-03', '--by', 'them', '--got', 'advice', '--got', 'intro:to Lee']);
    const j = JSON.parse(await ok(db, ['check', '--json']));
    expect(j.ok).toBe(true);
    expect(j.copies).toEqual([]);
    expect(await ok(db, ['check'])).toMatch(/copies {3}ok/);
  });

  it('exits 1 naming participant rows whose copies no longer match their interaction (a hand edit)', async () => {
    const db = join(tempDir(), 'j.db');
    await smallJournal(db);
    const d = raw(db);
    d.prepare("UPDATE interactions SET tone = 'cool' WHERE id = 2").run(); // touch_bits still say neutral
    d.prepare("INSERT INTO exchanges (interaction_id, direction, position, kind, note) VALUES (1, 'got', 0, 'advice', '')").run();
    d.close();
    const r = await rel(db, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/copies {3}3 out of step/);
    expect(r.stdout).toMatch(/interaction #2, contact #1: touch_bits/);
    expect(r.stdout).toMatch(/interaction #1, contact #\d: got/);
    expect(r.stderr).toMatch(/failed its check \(3 participant rows out of step with their interactions\)/);
    const j = JSON.parse((await rel(db, ['check', '--json'])).stdout);
    expect(j.copies).toContainEqual({ interactionId: 2, contactId: 1, fields: ['touch_bits'] });
  });

  it('exits 1 naming broken references (a row whose contact is gone)', async () => {
    const db = join(tempDir(), 'j.db');
    await smallJournal(db);
    const d = raw(db);
    d.pragma('foreign_keys = OFF');
    d.prepare("DELETE FROM contacts WHERE name = 'Brook Taylor'").run();
    d.close();
    const r = await rel(db, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/references 1 broken/);
    expect(r.stdout).toMatch(/interaction_contacts row .* missing contacts/);
    expect(r.stderr).toMatch(/^rel: the journal at .* failed its check \(1 broken reference\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 on damaged pages, reads nothing into stdout but the report, and changes no byte', async () => {
    const db = join(tempDir(), 'j.db');
    await smallJournal(db);
    for (let i = 0; i < 200; i++) await ok(db, ['add', `Filler ${i}`, '--notes', 'z'.repeat(200)]);
    corruptPage(db, 'contacts');
    const before = sha256(db);
    const r = await rel(db, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/integrity \d+ problems?/);
    expect(r.stderr).toMatch(/failed its check \(\d+ integrity problems?/);
    expect(r.stdout.split('\n').length).toBeLessThan(30); // a long list is cut, not dumped
    expect(sha256(db)).toBe(before);
    const j = await rel(db, ['check', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).ok).toBe(false);
  });

  it('a table SQLite cannot read is reported as unreadable, part by part, never as ok', async () => {
    const db = join(tempDir(), 'j.db');
    await smallJournal(db);
    for (let i = 0; i < 300; i++) await ok(db, ['log', 'Ada', '--note', `meeting ${i} ${'n'.repeat(300)}`]);
    const d = raw(db);
    const root = d.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'interactions'").pluck().get() as number;
    const size = d.pragma('page_size', { simple: true }) as number;
    d.close();
    const bytes = readFileSync(db);
    bytes.fill(0xaa, (root - 1) * size, root * size); // not a page type SQLite knows: every read of the table fails
    writeFileSync(db, bytes);
    const j = await rel(db, ['check', '--json']);
    expect(j.code).toBe(1);
    const report = JSON.parse(j.stdout) as { ok: boolean; unreadable: string[] };
    expect(report.ok).toBe(false);
    // The copies are read by joining the interactions; the counts come from other tables and indexes.
    expect(report.unreadable).toContain('copies');
    const text = await rel(db, ['check']);
    for (const part of ['references', 'copies', 'summaries']) {
      const line = text.stdout.split('\n').find((l) => l.startsWith(part))!;
      expect(line, part).toMatch(report.unreadable.includes(part) ? /unreadable/ : /ok|broken|out of step|not kept/);
    }
  });

  it('checks a journal from a newer rel read-only, and says there is nothing to check when there is no journal', async () => {
    const dir = tempDir();
    const db = join(dir, 'j.db');
    await smallJournal(db);
    const d = raw(db);
    d.pragma('user_version = 99');
    d.close();
    const before = sha256(db);
    expect(await ok(db, ['check'])).toMatch(/schema +v99 \(newer than this rel/);
    expect(sha256(db)).toBe(before);
    const missing = await rel(join(dir, 'none.db'), ['check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no journal at .*none\.db/);
  });
});
