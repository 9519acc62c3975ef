/**
 * The window query's rows must reach group_concat in primary-key order (contact, day,
 * interaction): the touch facts count runs and "since the latest push-away" from that order.
 * It comes from the plan, not from an ORDER BY (which costs 60% more), so the plan is pinned
 * here: a SQLite upgrade or a schema change that alters it turns this red.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WINDOW_SQL } from '../../src/store/facts.js';
import { interactionWriter } from '../../src/store/interactions.js';
import { openJournal } from '../../src/store/journal.js';
import { tempJournal } from '../helpers/harness.js';

describe('the touch facts window query', () => {
  it('scans contacts and searches each one\'s window by primary key, with no sorter in between', () => {
    const path = tempJournal();
    const journal = openJournal(path, { write: true });
    // Enough rows for ANALYZE to have opinions: 50 contacts, 3,000 interactions, some in groups.
    journal.db.transaction(() => {
      const add = journal.db.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 19000)");
      for (let i = 1; i <= 50; i++) add.run(`P ${i}`, `p ${i}`);
      const w = interactionWriter(journal.db);
      for (let i = 0; i < 3000; i++) {
        w.insert({ on: 19000 + (i % 900), contactIds: i % 20 === 0 ? [1 + (i % 50), 1 + ((i + 7) % 50)] : [1 + (i % 50)],
          channel: 'call', by: 'me', outsideWork: false, gave: [], got: [], tone: 'neutral', pushAway: null, noReply: false, note: '' });
      }
    })();
    journal.close();
    const db = new Database(path);
    try {
      for (const analyzed of [false, true]) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${WINDOW_SQL}`).all({ asOf: 20777, windowStart: 20300, givingStart: 20600 }) as Array<{ detail: string }>)
          .map((r) => r.detail);
        expect(plan[0], plan.join(' | ')).toMatch(/^SCAN c\b/);
        expect(plan.join(' | ')).toMatch(/SEARCH ic USING PRIMARY KEY \(contact_id=\? AND on_day>\? AND on_day<\?\)/);
        expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
        if (!analyzed) db.exec('ANALYZE');
      }
    } finally {
      db.close();
    }
  });
});
