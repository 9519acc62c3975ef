/**
 * A journal built aside has its references checked before it is put in place, from the ends of
 * each key range where that settles it (store/journal.ts, `referencesWithinRanges`). It must
 * never say "all there" where SQLite's own row-by-row check finds a row without its parent.
 */
import { describe, expect, it } from 'vitest';
import { openJournal, referencesWithinRanges, type Db } from '../../src/store/journal.js';

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function withJournal(f: (db: Db) => void): void {
  const j = openJournal(':memory:', { write: true });
  try {
    j.db.pragma('foreign_keys = OFF');
    f(j.db);
  } finally {
    j.close();
  }
}

const orphans = (db: Db) => (db.pragma('foreign_key_check') as unknown[]).length;

function fill(db: Db, contacts: number, interactions: number): void {
  for (let c = 1; c <= contacts; c++) {
    db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)').run(`C${c}`, `c${c}`);
    db.prepare("INSERT INTO contact_items (contact_id, kind, position, value, value_key) VALUES (?, 'tag', 0, 't', 't')").run(c);
    db.prepare('INSERT INTO stage_changes (contact_id, stage, on_day) VALUES (?, 1, 19000)').run(c);
    db.prepare("INSERT INTO promises (contact_id, made_by, text, made_on) VALUES (?, 'me', 'p', 19000)").run(c);
  }
  for (let i = 1; i <= interactions; i++) {
    db.prepare("INSERT INTO interactions (on_day, channel, initiated_by, outside_work, tone, no_reply) VALUES (?, 'call', 'me', 0, 'neutral', 0)").run(19000 + i);
    db.prepare('INSERT INTO interaction_contacts (contact_id, on_day, interaction_id, position, touch_bits, gave, got) VALUES (?, ?, ?, 0, 0, 1, 0)')
      .run(((i - 1) % contacts) + 1, 19000 + i, i);
    db.prepare("INSERT INTO exchanges (interaction_id, direction, position, kind) VALUES (?, 'gave', 0, 'advice')").run(i);
  }
}

describe('referencesWithinRanges', () => {
  it('settles a journal filled from empty, and an empty one', () => {
    withJournal((db) => {
      expect(referencesWithinRanges(db)).toBe(true);
      fill(db, 5, 12);
      expect(referencesWithinRanges(db)).toBe(true);
      expect(orphans(db)).toBe(0);
    });
  });

  it('does not settle a reference beyond the ends, or any reference once the parent ids have a gap', () => {
    withJournal((db) => {
      fill(db, 5, 12);
      db.prepare('INSERT INTO promises (contact_id, made_by, text, made_on) VALUES (6, \'me\', \'p\', 19000)').run();
      expect(referencesWithinRanges(db)).toBe(false);
      expect(orphans(db)).toBe(1);
    });
    withJournal((db) => {
      fill(db, 5, 12);
      db.prepare('DELETE FROM interactions WHERE id = 7').run();
      // Inside the ends, but named by rows whose interaction is gone.
      expect(referencesWithinRanges(db)).toBe(false);
      expect(orphans(db)).toBe(2);
    });
    withJournal((db) => {
      fill(db, 5, 12);
      db.prepare('DELETE FROM contact_items WHERE contact_id = 3').run();
      db.prepare('DELETE FROM stage_changes WHERE contact_id = 3').run();
      db.prepare('DELETE FROM promises WHERE contact_id = 3').run();
      db.prepare('DELETE FROM interaction_contacts WHERE contact_id = 3').run();
      db.prepare('DELETE FROM contacts WHERE id = 3').run();
      // A gap named by nothing: not settled here (a visit says so), never a false "all there".
      expect(referencesWithinRanges(db)).toBe(false);
      expect(orphans(db)).toBe(0);
    });
    withJournal((db) => {
      db.prepare("INSERT INTO contact_items (contact_id, kind, position, value, value_key) VALUES (42, 'tag', 0, 'x', 'x')").run();
      expect(referencesWithinRanges(db)).toBe(false);
    });
  });

  it('never says "all there" where SQLite finds a row without its parent (60 random journals)', () => {
    let settled = 0;
    let refused = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(seed * 7919);
      withJournal((db) => {
        fill(db, 2 + Math.floor(r() * 6), 1 + Math.floor(r() * 20));
        // A few parents deleted, and references moved to random ids, some past the ends.
        for (let k = Math.floor(r() * 3); k > 0; k--) db.prepare('DELETE FROM contacts WHERE id = ?').run(1 + Math.floor(r() * 8));
        for (let k = Math.floor(r() * 3); k > 0; k--) db.prepare('DELETE FROM interactions WHERE id = ?').run(1 + Math.floor(r() * 22));
        for (let k = Math.floor(r() * 3); k > 0; k--) {
          db.prepare('UPDATE OR IGNORE exchanges SET interaction_id = ? WHERE interaction_id = ?').run(Math.floor(r() * 25), 1 + Math.floor(r() * 20));
        }
        const missing = orphans(db);
        if (referencesWithinRanges(db)) {
          expect(missing, `seed ${seed}`).toBe(0);
          settled++;
        } else if (missing > 0) {
          refused++;
        }
      });
    }
    // Both answers came up: the property was tried both ways.
    expect(settled).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
