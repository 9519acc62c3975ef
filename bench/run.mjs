#!/usr/bin/env node
/**
 * rel's benchmark: every command as a ratio to the floor.
 *
 *   npm run bench [-- --runs 7] [-- --only review-mid,show-large] [-- --sizes mid]
 *   node bench/run.mjs --profile review-large      # one --cpu-prof run, summarised
 *
 * The floor (bench/floor.mjs) is the cost of any Node CLI over SQLite: start Node, load
 * better-sqlite3, open the journal, run one trivial query. Each measured rel command is timed
 * alternately with the floor on the same journal (floor/rel, then rel/floor, ...), warm-up pairs
 * discarded, and reported as the median of the per-pair ratios rel/floor, so machine speed and
 * background noise cancel out. Journals come from bench/generate.mjs (deterministic, cached in
 * bench/data/) and are loaded with rel's own `import`. Prints a markdown table and writes
 * bench/results.json (and bench/results.md, the table for the README).
 *
 * Not a test: nothing here runs under `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, DEFAULT_SEED, ensureJournal, TODAY } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
// REL_BENCH_BIN: benchmark another build of rel (e.g. a checkout of an older commit) against the same floor.
const REL = process.env.REL_BENCH_BIN ? resolve(process.env.REL_BENCH_BIN) : join(ROOT, 'bin', 'rel.cjs');
const FLOOR = join(HERE, 'floor.mjs');
const MAXRSS = join(HERE, 'maxrss.mjs');

// ---- options ----------------------------------------------------------------------------------
const USAGE = `usage: node bench/run.mjs [--runs N] [--warmup N] [--only ID,...] [--sizes mid,large]
                         [--seed N] [--reuse-db] [--no-write] [--profile ID] [--list]`;
const opts = { runs: 7, warmup: 2, only: null, sizes: ['mid', 'large'], seed: DEFAULT_SEED, reuseDb: false,
  write: true, profile: null, list: false };
{
  const a = process.argv.slice(2);
  const val = (i) => { if (a[i + 1] === undefined) fail(USAGE, 2); return a[i + 1]; };
  for (let i = 0; i < a.length; i++) {
    switch (a[i]) {
      case '--runs': opts.runs = Number(val(i)); i++; break;
      case '--warmup': opts.warmup = Number(val(i)); i++; break;
      case '--only': opts.only = val(i).split(','); i++; break;
      case '--sizes': opts.sizes = val(i).split(','); i++; break;
      case '--seed': opts.seed = Number(val(i)); i++; break;
      case '--reuse-db': opts.reuseDb = true; break;
      case '--no-write': opts.write = false; break;
      case '--profile': opts.profile = val(i); i++; break;
      case '--list': opts.list = true; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: fail(`unknown option ${a[i]}\n${USAGE}`, 2);
    }
  }
  if (!(opts.runs >= 5) || !Number.isInteger(opts.runs)) fail('--runs must be an integer >= 5 (the median needs them)', 2);
  if (!(opts.warmup >= 0) || !Number.isInteger(opts.warmup)) fail('--warmup must be an integer >= 0', 2);
  if (opts.sizes.some((s) => !['mid', 'large'].includes(s))) fail('--sizes takes mid and/or large', 2);
}

function fail(msg, code = 1) {
  console.error(msg);
  process.exit(code);
}

// ---- running things ---------------------------------------------------------------------------
const ENV = {
  ...process.env,
  NO_COLOR: '1',
  // Nothing rel does here may touch the real journal of whoever runs the benchmark.
  XDG_DATA_HOME: join(DATA_DIR, 'xdg'),
  REL_DB: join(DATA_DIR, 'xdg', 'unused.db'),
};
delete ENV.FORCE_COLOR;
delete ENV.NODE_OPTIONS;

/** Runs `node ...args` to completion; returns { ms, status, stdout, stderr }. */
function run(args, extraEnv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT, env: extraEnv ? { ...ENV, ...extraEnv } : ENV, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function check(r, what) {
  if (r.status !== 0) {
    const err = r.stderr.toString().trim().split('\n').slice(0, 5).join('\n');
    throw new Error(`${what} exited ${r.status ?? r.signal}: ${err}`);
  }
  return r;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Times `relArgs` alternately with the floor on `floorDb`. `before(i)` runs untimed before each rel
 * run (e.g. to remove the previous import's journal). Returns medians and the per-pair ratios.
 */
function measure({ relArgs, floorDb, before, validate }) {
  const floor = [];
  const rel = [];
  let sample;
  const total = opts.warmup + opts.runs;
  for (let i = 0; i < total; i++) {
    const runFloor = () => check(run([FLOOR, floorDb]), 'floor').ms;
    const runRel = () => {
      before?.(i);
      const r = check(run([REL, ...relArgs]), `rel ${relArgs.join(' ')}`);
      sample = r;
      return r.ms;
    };
    let f;
    let t;
    if (i % 2 === 0) { f = runFloor(); t = runRel(); } else { t = runRel(); f = runFloor(); }
    if (i >= opts.warmup) { floor.push(f); rel.push(t); }
  }
  const ratios = rel.map((t, i) => t / floor[i]);
  const out = {
    floorMs: round(median(floor)), relMs: round(median(rel)), ratio: round(median(ratios), 2),
    samples: { floorMs: floor.map((x) => round(x)), relMs: rel.map((x) => round(x)) },
  };
  if (validate) out.output = validate(sample.stdout.toString());
  return out;
}

// ---- the journals -----------------------------------------------------------------------------
function dbFiles(db) { return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]; }
function removeDb(db) { for (const f of dbFiles(db)) rmSync(f, { force: true }); }
function copyDb(from, to) {
  removeDb(to);
  for (const [i, f] of dbFiles(from).entries()) if (existsSync(f)) copyFileSync(f, dbFiles(to)[i]);
}

function relVersion() {
  const r = run([REL, '--version']);
  return r.status === 0 ? r.stdout.toString().trim() : null;
}

/** Imports the cached JSONL of `size` into bench/data/<size>.db with rel itself. */
function buildDb(size, meta) {
  const db = join(DATA_DIR, `${size}.db`);
  const stamp = join(DATA_DIR, `${size}.db.stamp.json`);
  const want = { jsonlBytes: meta.bytes, seed: meta.seed, generatorVersion: meta.generatorVersion, bin: REL, rel: buildId(), version: relVersion() };
  if (opts.reuseDb && existsSync(db) && existsSync(stamp)) {
    try {
      const have = JSON.parse(readFileSync(stamp, 'utf8'));
      if (JSON.stringify(have.want) === JSON.stringify(want)) return { db, importMs: have.importMs, reused: true };
    } catch { /* rebuild */ }
  }
  removeDb(db);
  const r = check(run([REL, '--db', db, 'import', meta.file]), `rel import ${relative(ROOT, meta.file)}`);
  verifyDb(db, meta);
  writeFileSync(stamp, JSON.stringify({ want, importMs: r.ms }) + '\n');
  return { db, importMs: r.ms, reused: false };
}

/** The imported journal holds what the generator wrote (read with better-sqlite3 directly). */
function verifyDb(db, meta) {
  const code = `
    import Database from 'better-sqlite3';
    const db = new Database(process.argv[1], { readonly: true });
    const n = (t) => db.prepare('SELECT count(*) AS n FROM ' + t).get().n;
    console.log(JSON.stringify({ contacts: n('contacts'), interactions: n('interactions'), promises: n('promises') }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, db], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) { console.warn(`  (could not count rows in ${relative(ROOT, db)}: ${r.stderr.trim().split('\n')[0]})`); return; }
  const got = JSON.parse(r.stdout);
  for (const k of ['contacts', 'interactions', 'promises']) {
    if (got[k] < meta[k]) throw new Error(`${relative(ROOT, db)} holds ${got[k]} ${k} after import, expected ${meta[k]}`);
  }
}

/** Identifies the build of rel under test, so cached journals are rebuilt when it changes. */
function buildId() {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'bin', 'migrations'], { cwd: ROOT, encoding: 'utf8' });
  return { commit: git.stdout?.trim() || null, dirty: Boolean(dirty.stdout?.trim()) };
}

// ---- machine ----------------------------------------------------------------------------------
function machine() {
  const cpus = os.cpus();
  let sqlite = null;
  let bsqlite = null;
  try {
    bsqlite = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      "import D from 'better-sqlite3'; console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"], { cwd: ROOT, encoding: 'utf8' });
    sqlite = r.stdout.trim() || null;
  } catch { /* leave null */ }
  return {
    node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`, cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length, memoryGB: round(os.totalmem() / 2 ** 30, 1), betterSqlite3: bsqlite, sqlite,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

// ---- peak memory ------------------------------------------------------------------------------
function hasGnuTime() {
  return existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
}

/** Peak RSS (MB) of `node args`, as the median over `n` runs: the preload probe, and GNU time when present. */
function peakMemory(args, n = 3) {
  const probe = join(DATA_DIR, 'maxrss.txt');
  const viaProbe = [];
  const viaTime = [];
  const gnu = hasGnuTime();
  for (let i = 0; i < n; i++) {
    rmSync(probe, { force: true });
    check(run(['--import', MAXRSS, ...args], { BENCH_MAXRSS_FILE: probe }), `node ${args.join(' ')}`);
    const kb = readFileSync(probe, 'utf8').trim().split('\n').map(Number);
    viaProbe.push(Math.max(...kb) / 1024);
    if (gnu) {
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
      const lines = r.stderr.trim().split('\n');
      viaTime.push(Number(lines[lines.length - 1]) / 1024);
    }
  }
  return { mb: round(median(viaProbe)), gnuTimeMb: gnu ? round(median(viaTime)) : null };
}

// ---- CPU profile summary ----------------------------------------------------------------------
/** Runs `node --cpu-prof` on a command and summarises where the self time goes. */
function profile(args, label) {
  const dir = join(DATA_DIR, 'prof');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = check(run(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', REL, ...args]), label);
  const file = spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.trim().split('\n').filter((f) => f.endsWith('.cpuprofile'))[0];
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i];
    self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const loaderRe = /^(node:internal\/modules|node:internal\/vm|node:internal\/process\/esm_loader)/;
  const where = (cf) => {
    const u = cf.url || '';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (m) return `node_modules/${m[1]}`;
    if (u.includes('/dist/') || u.includes('/bin/')) return `rel: ${u.replace(/^.*\/(dist|bin)\//, '$1/')}`;
    if (u.startsWith('node:')) return u;
    if (u) return `other: ${u.replace(/^file:\/\//, '')}`;
    return cf.functionName ? `(native) ${cf.functionName}` : '(native)';
  };
  // Is a node (or an ancestor) a module-loading frame? Then its self time counts as loading.
  const loading = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur).callFrame;
      if (loaderRe.test(cf.url) && /compile|load|link|instantiate|import|require|evaluate|moduleEvaluation/i.test(cf.functionName)) return true;
    }
    return false;
  };
  const buckets = new Map();
  const fns = new Map();
  let loadUs = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const b = where(cf);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const fk = `${cf.functionName || '(anonymous)'} ${cf.url ? `${cf.url.replace(/^.*\/(dist|bin|node_modules)\//, '$1/')}:${cf.lineNumber + 1}` : ''}`.trim();
    fns.set(fk, (fns.get(fk) ?? 0) + us);
    if (loading(id)) loadUs += us;
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ where: k, ms: round(us / 1000), pct: round((100 * us) / totalUs) }));
  return {
    command: `rel ${args.join(' ')}`, wallMs: round(r.ms), sampledMs: round(totalUs / 1000),
    underModuleLoadingMs: round(loadUs / 1000), byPlace: top(buckets, 12), topFunctions: top(fns, 15), file: join(dir, file),
  };
}

// ---- the measurements -------------------------------------------------------------------------
function parseJson(key) {
  return (text) => {
    const d = JSON.parse(text);
    return { [key]: Array.isArray(d[key]) ? d[key].length : null, bytes: text.length };
  };
}

function main() {
  mkdirSync(join(DATA_DIR, 'xdg'), { recursive: true });
  if (!existsSync(REL)) fail(`bin/rel.cjs not found: build rel first (npm run build)`);
  const version = relVersion();
  if (!version) fail('`node bin/rel.cjs --version` fails: is rel built (npm run build)?');

  const rows = [];
  const want = (id) => !opts.only || opts.only.includes(id);

  const def = [];
  def.push({ id: 'help', label: '`rel --help`', journal: '–', target: { max: 1.2 }, needs: 'mid', args: () => ['--help'] });
  def.push({ id: 'log-large', label: '`rel log NAME --note … --channel call`', journal: 'large', target: { max: 1.3 }, needs: 'large', log: true });
  for (const size of ['mid', 'large']) {
    if (!opts.sizes.includes(size)) continue;
    def.push({ id: `review-${size}`, label: '`rel review --as-of … --json`', journal: size, target: { max: size === 'mid' ? 2 : 5 }, needs: size,
      args: (db) => ['--db', db, 'review', '--as-of', TODAY, '--json'], validate: parseJson('flags') });
    def.push({ id: `suggest-${size}`, label: '`rel suggest --as-of … --json`', journal: size, target: size === 'mid' ? { max: 2 } : null, needs: size,
      args: (db) => ['--db', db, 'suggest', '--as-of', TODAY, '--json'], validate: parseJson('suggestions') });
  }
  def.push({ id: 'show-large', label: '`rel show BUSIEST`', journal: 'large', target: { max: 1.5 }, needs: 'large', show: 'text' });
  def.push({ id: 'show-json-large', label: '`rel show BUSIEST --json`', journal: 'large', target: null, needs: 'large', show: 'json' });
  def.push({ id: 'import-mid', label: '`rel import mid.jsonl` (empty journal)', journal: 'mid', target: { minRate: 100_000 }, needs: 'mid', import: true });
  const ids = def.map((d) => d.id).concat(['growth', 'memory-review-large']);
  if (opts.list) { console.log(ids.join('\n')); return; }
  if (opts.only) for (const o of opts.only) if (!ids.includes(o)) fail(`unknown measurement ${o}; one of: ${ids.join(', ')}`, 2);
  if (opts.profile && !def.some((d) => d.id === opts.profile)) fail(`unknown measurement ${opts.profile}; one of: ${ids.join(', ')}`, 2);

  // journals: generate (cached) and import with rel
  const meta = {};
  const dbs = {};
  const neededSizes = new Set(def.filter((d) => want(d.id) || opts.profile === d.id).map((d) => d.needs));
  if (!opts.profile && want('growth')) { neededSizes.add('mid'); neededSizes.add('large'); }
  if (!opts.profile && want('memory-review-large')) neededSizes.add('large');
  for (const size of ['mid', 'large']) {
    if (!neededSizes.has(size)) continue;
    const t0 = process.hrtime.bigint();
    meta[size] = ensureJournal(size, { seed: opts.seed });
    const genMs = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stderr.write(`journal ${size}: ${meta[size].contacts} contacts, ${meta[size].interactions} interactions (${genMs > 50 ? `generated in ${round(genMs / 1000, 1)} s` : 'cached'}); importing with rel… `);
    dbs[size] = buildDb(size, meta[size]);
    process.stderr.write(dbs[size].reused ? 'reused\n' : `${round(dbs[size].importMs / 1000, 1)} s\n`);
  }
  const logDb = join(DATA_DIR, 'large-log.db');
  const argsFor = (d) => {
    const db = dbs[d.needs]?.db;
    if (d.args) return d.args(db);
    if (d.log) return ['--db', logDb, 'log', meta.large.logTarget, '--note', 'bench', '--channel', 'call'];
    if (d.show === 'text') return ['--db', db, 'show', meta.large.busiest];
    if (d.show === 'json') return ['--db', db, 'show', meta.large.busiest, '--json'];
    return null;
  };

  if (opts.profile) {
    const d = def.find((x) => x.id === opts.profile);
    if (d.log) copyDb(dbs.large.db, logDb);
    let args = argsFor(d);
    if (d.import) { removeDb(join(DATA_DIR, 'import-prof.db')); args = ['--db', join(DATA_DIR, 'import-prof.db'), 'import', meta.mid.file]; }
    const p = profile(args, d.id);
    console.log(JSON.stringify(p, null, 2));
    return;
  }

  const m = machine();
  process.stderr.write(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.os}; load ${m.loadAverageAtStart.join(' ')}\n`);
  process.stderr.write(`timing: ${opts.warmup} warm-up + ${opts.runs} measured pairs per row, alternating with the floor\n`);

  for (const d of def) {
    if (!want(d.id) || !dbs[d.needs]) continue;
    process.stderr.write(`  ${d.id.padEnd(16)} `);
    const floorDb = d.log ? logDb : dbs[d.needs].db;
    let res;
    if (d.import) {
      const target = join(DATA_DIR, 'import-bench.db');
      res = measure({ relArgs: ['--db', target, 'import', meta.mid.file], floorDb, before: () => removeDb(target) });
      removeDb(target);
      const rate = meta.mid.interactions / (res.relMs / 1000);
      res.rate = Math.round(rate);
      res.pass = rate >= d.target.minRate;
    } else {
      if (d.log) copyDb(dbs.large.db, logDb); // a fresh copy: the logged rows never pile up in the real one
      res = measure({ relArgs: argsFor(d), floorDb, validate: d.validate ?? ((t) => ({ bytes: t.length })) });
      res.pass = d.target ? res.ratio <= d.target.max : null;
      if (d.log) removeDb(logDb);
    }
    const row = { id: d.id, label: d.label, journal: d.journal, command: `rel ${(d.import ? ['--db', 'EMPTY.db', 'import', meta.mid.file] : argsFor(d)).map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a)).join(' ')}`,
      target: d.target, ...res };
    rows.push(row);
    process.stderr.write(`floor ${res.floorMs} ms, rel ${res.relMs} ms, ratio ${res.ratio}${res.rate ? `, ${res.rate.toLocaleString('en-US')} interactions/s` : ''}${res.pass === false ? '  FAIL' : ''}\n`);
  }

  // growth: review's cost above the floor, large over mid (large has 5x the contacts and interactions)
  let growth = null;
  const rm = rows.find((r) => r.id === 'review-mid');
  const rl = rows.find((r) => r.id === 'review-large');
  if (want('growth') && rm && rl) {
    const excessMid = Math.max(0.1, rm.relMs - rm.floorMs);
    const excessLarge = Math.max(0.1, rl.relMs - rl.floorMs);
    growth = { id: 'growth', excessMidMs: round(excessMid), excessLargeMs: round(excessLarge), ratio: round(excessLarge / excessMid, 2),
      rawRatio: round(rl.relMs / rm.relMs, 2), target: { max: 5 }, pass: excessLarge / excessMid <= 5 };
  }

  let memory = null;
  if (want('memory-review-large') && dbs.large) {
    process.stderr.write('  memory           ');
    const rel = peakMemory([REL, '--db', dbs.large.db, 'review', '--as-of', TODAY, '--json']);
    const floor = peakMemory([FLOOR, dbs.large.db]);
    memory = { id: 'memory-review-large', command: `rel review --as-of ${TODAY} --json (large)`, relMb: rel.mb, floorMb: floor.mb,
      relGnuTimeMb: rel.gnuTimeMb, floorGnuTimeMb: floor.gnuTimeMb };
    process.stderr.write(`rel ${rel.mb} MB, floor ${floor.mb} MB\n`);
  }

  const results = {
    date: new Date().toISOString(), rel: version, build: buildId(), machine: m,
    method: { runs: opts.runs, warmup: opts.warmup, alternating: true, statistic: 'median of per-pair ratios rel/floor; ms columns are medians',
      floor: 'node bench/floor.mjs JOURNAL: start Node, import better-sqlite3, open the journal, SELECT count(*) FROM contacts' },
    journals: Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, { contacts: v.contacts, interactions: v.interactions, promises: v.promises,
      bytes: v.bytes, seed: v.seed, busiest: v.busiest, busiestInteractions: v.busiestInteractions, importMs: dbs[k] ? round(dbs[k].importMs) : null }])),
    rows, growth, memory,
  };
  const table = renderTable(results);
  console.log(table);
  const failed = rows.filter((r) => r.pass === false).map((r) => r.id).concat(growth?.pass === false ? ['growth'] : []);
  console.log(failed.length ? `\n${failed.length} target(s) missed: ${failed.join(', ')}` : '\nall targets met');
  if (opts.write) {
    if (opts.only || opts.sizes.length < 2) {
      writeFileSync(join(DATA_DIR, 'results.partial.json'), JSON.stringify(results, null, 2) + '\n');
      console.log(`(partial run: written to ${relative(ROOT, join(DATA_DIR, 'results.partial.json'))}, bench/results.json left alone)`);
    } else {
      writeFileSync(join(HERE, 'results.json'), JSON.stringify(results, null, 2) + '\n');
      writeFileSync(join(HERE, 'results.md'), `${table}\n`);
      console.log('wrote bench/results.json and bench/results.md');
    }
  }
}

function renderTable(res) {
  const fmtTarget = (t) => (!t ? '–' : t.max !== undefined ? `≤ ${t.max}` : `≥ ${t.minRate.toLocaleString('en-US')}/s`);
  const verdict = (p) => (p === null || p === undefined ? 'info' : p ? 'pass' : '**FAIL**');
  const lines = [
    '| Measurement | Journal | Floor ms | rel ms | Ratio | Target | Result |',
    '|---|---|--:|--:|--:|--:|---|',
  ];
  for (const r of res.rows) {
    const ratio = r.rate ? `${r.rate.toLocaleString('en-US')}/s (×${r.ratio})` : `×${r.ratio}`;
    lines.push(`| ${r.label} | ${r.journal} | ${r.floorMs} | ${r.relMs} | ${ratio} | ${fmtTarget(r.target)} | ${verdict(r.pass)} |`);
  }
  if (res.growth) {
    const g = res.growth;
    lines.push(`| review growth, large/mid (time above the floor) | mid → large | ${g.excessMidMs} | ${g.excessLargeMs} | ×${g.ratio} | ≤ 5 | ${verdict(g.pass)} |`);
  }
  if (res.memory) {
    const mm = res.memory;
    lines.push(`| peak memory (RSS) of \`rel review\` | large | ${mm.floorMb} MB | ${mm.relMb} MB | ×${round(mm.relMb / mm.floorMb, 2)} | – | info |`);
  }
  const m = res.machine;
  lines.push('');
  lines.push(`${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB; ${m.os}; Node ${m.node}, better-sqlite3 ${m.betterSqlite3} (SQLite ${m.sqlite}); `
    + `${res.method.warmup} warm-up + ${res.method.runs} alternating runs per row; ${res.date.slice(0, 10)}, rel ${res.rel}`
    + `${res.build.commit ? ` @ ${res.build.commit}${res.build.dirty ? '+dirty' : ''}` : ''}.`);
  lines.push('Journals: mid = 2,000 contacts / 100,000 interactions, large = 10,000 / 500,000 (bench/generate.mjs). '
    + 'Ratio = median over runs of rel time / floor time (node + better-sqlite3 + open + one query).');
  return lines.join('\n');
}

try {
  main();
} catch (e) {
  console.error(`\nbench: ${e.message}`);
  process.exit(1);
}
