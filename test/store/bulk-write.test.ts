/**
 * The bulk writer of an import lets SQLite number the interactions and works the batch's ids
 * out from the last one SQLite reports: that only holds while SQLite numbers on from the
 * largest id, so it is checked on every batch rather than assumed.
 */
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../src/store/journal.js';
import { bulkInteractionWriter, type NewInteraction } from '../../src/store/interactions.js';

const interaction = (contactId: number, on: number): NewInteraction => ({
  on, contactIds: [contactId], channel: 'call', by: 'me', outsideWork: false, gave: [], got: [], tone: 'neutral',
  pushAway: null, noReply: false, note: `day ${on}`,
});

describe('bulkInteractionWriter', () => {
  it('numbers on from the largest id, after rows removed at the top, and files each participant row under its interaction', () => {
    const j = openJournal(':memory:', { write: true });
    const db = j.db;
    try {
      const c = Number(db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)').run('A', 'a').lastInsertRowid);
      db.prepare("INSERT INTO interactions (id, on_day, channel, initiated_by, outside_work, tone, no_reply) VALUES (?, 19000, 'call', 'me', 0, 'neutral', 0)").run(50);
      db.prepare("INSERT INTO interactions (id, on_day, channel, initiated_by, outside_work, tone, no_reply) VALUES (?, 19000, 'call', 'me', 0, 'neutral', 0)").run(60);
      db.prepare('DELETE FROM interactions WHERE id = 60').run();
      const bulk = bulkInteractionWriter(db);
      // 32 through the multi-row INSERT, 5 one by one.
      for (let k = 0; k < 37; k++) bulk.add(interaction(c, 20_000 + k));
      bulk.flush();
      const rows = db.prepare('SELECT i.id, i.on_day, ic.interaction_id FROM interactions i LEFT JOIN interaction_contacts ic ON ic.interaction_id = i.id WHERE i.id > 50 ORDER BY i.id').raw().all() as Array<[number, number, number]>;
      expect(rows).toEqual(Array.from({ length: 37 }, (_, k) => [51 + k, 20_000 + k, 51 + k]));
    } finally {
      j.close();
    }
  });

  it('refuses to guess ids when SQLite numbers new rows at random (the largest id is taken)', () => {
    const j = openJournal(':memory:', { write: true });
    const db = j.db;
    try {
      const c = Number(db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)').run('A', 'a').lastInsertRowid);
      db.prepare("INSERT INTO interactions (id, on_day, channel, initiated_by, outside_work, tone, no_reply) VALUES (?, 19000, 'call', 'me', 0, 'neutral', 0)").run(9223372036854775807n);
      const bulk = bulkInteractionWriter(db);
      expect(() => {
        for (let k = 0; k < 32; k++) bulk.add(interaction(c, 20_000 + k));
        bulk.flush();
      }).toThrow(/interaction ids .* expected/);
    } finally {
      j.close();
    }
  });
});
