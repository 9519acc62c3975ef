import { describe, expect, it } from 'vitest';
import { json, ok, rel, tempJournal } from './helpers/harness.js';

describe('harness', () => {
  it('adds and lists a contact in a temp journal', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--circle', 'mentor']);
    const list = await json(db, ['list']);
    expect(list.contacts.map((c: { name: string }) => c.name)).toEqual(['Ada Lovelace']);
    const r = await rel(db, ['show', 'Nobody']);
    expect(r.code).toBe(1);
  });
});
