#!/usr/bin/env node
/**
 * `node scripts/train-code-cache.mjs DIST`: runs every rel command once, in this one process,
 * from the bundle DIST/rel.cjs, and writes V8's code cache of all that ran to DIST/rel.cjs.cache
 * (bin/load.cjs says how it is used). scripts/build.mjs calls it on each new build, in a clean
 * child process, so that V8's flags are those of a plain `node bin/rel.cjs`.
 *
 * The journal is the benchmark's small one (bench/generate.mjs: 200 contacts, 5,000 interactions,
 * every kind of record), in a temporary folder removed afterwards: training touches no real
 * journal. Every command must succeed: a bundle that cannot run them fails the build here.
 * The reports run last, so their code is the freshest when the cache is taken (V8 may drop the
 * bytecode of functions that have not run for a while).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJournal, TODAY } from '../bench/generate.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const { loadRel, cacheBytes, bundleFiles } = createRequire(import.meta.url)('../bin/load.cjs');
// Named as it will be once the build has moved it into dist/ (stack traces keep this name).
const scriptName = bundleFiles(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')).bundle;
const { exports: rel, script } = loadRel(dist, { useCache: false, scriptName });

const tmp = mkdtempSync(join(tmpdir(), 'rel-train-'));
try {
  const { lines, meta } = buildJournal('small');
  const all = [...lines()];
  const big = join(tmp, 'small.jsonl');
  writeFileSync(big, `${all.join('\n')}\n`);
  // Under 1 MiB, so the import is read in this thread as well as (above) in the import worker.
  const little = join(tmp, 'little.jsonl');
  writeFileSync(little, `${all.slice(0, meta.contacts + 800).join('\n')}\n`);
  const db = join(tmp, 'train.db');
  const other = join(tmp, 'other.db');
  const busy = meta.busiest;
  const someone = meta.logTarget;
  const on = ['--db', db];

  const runs = [
    ['--help'],
    ['--version'],
    ['review', '--help'],
    ['import', big, '--db', db],
    ['import', little, '--db', other, '--dry-run'],
    ['import', little, '--db', other],
    ['add', 'Training Contact', '--alias', 'TC', '--org', 'Acme', '--role', 'CTO', '--circle', 'client', '--cadence', '2w', '--stage', '2',
      '--email', 'tc@example.com', '--tag', 'vip', '--need', 'hiring', '--offer', 'intros', '--interest', 'sailing', '--met-on', '2026-01-05', '--how-met', 'a conference', ...on],
    ['edit', 'Training Contact', '--role', 'CEO', '--tag', 'board', ...on],
    ['stage', 'Training Contact', '3', '--on', '2026-02-01', '--note', 'first project', ...on],
    ['log', 'Training Contact', someone, '--on', '2026-03-01', '--channel', 'call', '--by', 'them', '--outside-work', '--gave', 'intro:to a recruiter',
      '--got', 'advice', '--tone', 'warm', '--note', 'a long talk', '--promise', 'send the deck', '--due', '2026-03-08',
      '--their-promise', 'review the plan', '--learned', 'need:a designer', ...on],
    ['log', 'Training Contact', '--on', '2026-03-20', '--push-away', 'late:said next quarter', '--no-reply', ...on],
    ['log', someone, '--note', 'training', '--channel', 'call', ...on],
    ['promises', ...on],
    ['promises', '--all', '--json', ...on],
    ['done', '1', '--on', '2026-03-09', ...on],
    ['end', 'Training Contact', '--on', '2026-04-01', '--note', 'moved on', ...on],
    ['list', ...on],
    ['list', '--all', '--json', ...on],
    ['show', busy, ...on],
    ['show', busy, '--json', ...on],
    ['export', '--out', join(tmp, 'out.jsonl'), ...on],
    ['export', '--format', 'csv', '--out', join(tmp, 'out.csv'), ...on],
    ['export', '--format', 'vcard', '--out', join(tmp, 'out.vcf'), ...on],
    ['export', '--format', 'ics', '--out', join(tmp, 'out.ics'), ...on],
    ['backup', join(tmp, 'backup.db'), ...on],
    ['completion', 'bash'],
    ['check', ...on],
    ['suggest', busy, '--as-of', TODAY, ...on],
    ['suggest', '--as-of', TODAY, ...on],
    ['suggest', '--as-of', TODAY, '--json', ...on],
    ['review', '--as-of', TODAY, '--all', ...on],
    ['review', '--as-of', TODAY, '--json', ...on],
  ];
  for (const argv of runs) {
    let err = '';
    const io = {
      stdout: { write() {}, isTTY: false, columns: 100 },
      stderr: { write: (s) => { err += s; }, isTTY: false },
      stdinIsTTY: false,
      env: { NO_COLOR: '1' },
      now: () => new Date(`${TODAY}T12:00:00Z`),
      prompter: () => Promise.reject(new Error('training runs no prompts')),
    };
    const code = await rel.run(argv, io);
    if (code !== 0) throw new Error(`rel ${argv.join(' ')} exited ${code}: ${err.trim()}`);
  }
  writeFileSync(bundleFiles(dist).cache, cacheBytes(dist, script), { mode: 0o644 });
} catch (e) {
  console.error(`code cache: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
