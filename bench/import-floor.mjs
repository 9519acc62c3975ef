#!/usr/bin/env node
/**
 * How fast can anything insert a journal's interactions on this machine? Bare better-sqlite3,
 * rel's own schema (every migration), the rows an import writes (interaction, one participant
 * row per contact, one row per item given or received), one IMMEDIATE transaction, WAL with
 * synchronous=FULL and foreign keys on as rel runs them, and none of rel's work around it (no
 * validation, no name folding, no CLI). The JSONL is parsed before the clock starts.
 *
 *   node bench/import-floor.mjs [FILE.jsonl] [--runs N] [--variant base|no-fk|no-day-index|bare-interactions]
 *
 * Variants take one cost away at a time, to show where an insert's time goes:
 *   no-fk              foreign keys off (rel keeps them on)
 *   no-day-index       without interactions_by_day (export's order)
 *   bare-interactions  only the interactions table: no participant or exchange rows
 *
 * It prints interactions per second, by wall clock and by CPU time. bench/README.md quotes it:
 * it is the ceiling for `rel import`.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const runs = Number(flag('--runs', '3'));
const variant = flag('--variant', 'base');
const file = args[0] ?? join(root, 'bench', 'data', 'mid.jsonl');

const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const dayOf = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 864e5);
const item = (g) => [g.kind, g.note ?? ''];

function once() {
  const path = join(tmpdir(), `rel-import-floor-${process.pid}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`foreign_keys = ${variant === 'no-fk' ? 'OFF' : 'ON'}`);
  const dir = join(root, 'migrations');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) db.exec(readFileSync(join(dir, f), 'utf8'));
  // rel's import suspends the triggers that keep contact_summary (migration 006) and sums the
  // summaries up itself (store/summary.ts): a trigger per participant row would double the time.
  for (const t of ['insert', 'delete', 'update']) db.exec(`DROP TRIGGER contact_summary_${t}`);
  if (variant === 'no-day-index') db.exec('DROP INDEX interactions_by_day');
  const contact = db.prepare('INSERT INTO contacts (name, name_key, added_on) VALUES (?, ?, 0)');
  const interaction = db.prepare(`INSERT INTO interactions (on_day, channel, initiated_by, outside_work, tone, push_kind, push_note,
    no_reply, note) VALUES (?,?,?,?,?,?,?,?,?)`);
  const member = db.prepare(`INSERT INTO interaction_contacts (contact_id, on_day, interaction_id, position, touch_bits, gave, got)
    VALUES (?,?,?,?,?,?,?)`);
  const exchange = db.prepare('INSERT INTO exchanges (interaction_id, direction, position, kind, note) VALUES (?,?,?,?,?)');
  const ids = new Map();
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  db.transaction(() => {
    for (const r of records) {
      if (r.type === 'contact') {
        ids.set(r.name, Number(contact.run(r.name, r.name.toLowerCase()).lastInsertRowid));
      } else if (r.type === 'interaction') {
        const on = dayOf(r.on);
        const id = Number(interaction.run(on, r.channel ?? 'in-person', r.by ?? 'me', r.outsideWork ? 1 : 0, r.tone ?? 'neutral',
          r.pushAway?.kind ?? null, r.pushAway?.note ?? null, r.noReply ? 1 : 0, r.note ?? '').lastInsertRowid);
        n++;
        if (variant === 'bare-interactions') continue;
        const gave = r.gave ?? [];
        const got = r.got ?? [];
        r.contacts.forEach((name, pos) => member.run(ids.get(name), on, id, pos, 0, gave.length, got.length));
        gave.forEach((g, pos) => exchange.run(id, 'gave', pos, ...item(g)));
        got.forEach((g, pos) => exchange.run(id, 'got', pos, ...item(g)));
      }
    }
  }).immediate();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  db.close();
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  return { n, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const results = Array.from({ length: runs }, once).sort((a, b) => a.wall - b.wall);
const best = results[0];
console.log(`${variant}: ${best.n} interactions; best of ${runs}: ${Math.round(best.n / (best.wall / 1000))}/s by wall clock `
  + `(${best.wall.toFixed(0)} ms), ${Math.round(best.n / (best.cpu / 1000))}/s by CPU time`);
