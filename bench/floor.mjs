#!/usr/bin/env node
/**
 * The floor: what any Node CLI over SQLite pays before doing real work. Start Node, load
 * better-sqlite3, open the journal, run one trivial query, print it, exit.
 *
 *   node bench/floor.mjs JOURNAL
 *
 * bench/run.mjs times every rel command alternately with this, on the same journal, and reports
 * rel's time as a ratio to it, so machine speed and noise cancel out.
 */
import Database from 'better-sqlite3';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/floor.mjs JOURNAL');
  process.exit(2);
}
const db = new Database(file, { fileMustExist: true });
const row = db.prepare('SELECT count(*) AS n FROM contacts').get();
db.close();
process.stdout.write(`${row.n}\n`);
