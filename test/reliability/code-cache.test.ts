/**
 * bin/load.cjs runs dist/rel.cjs from V8's code cache (dist/rel.cjs.cache, made by the build).
 * The cache may only ever make rel faster: these tests run copies of the build whose cache is
 * missing, refused by V8, or made from another bundle, and expect the same behaviour each time,
 * with the loader saying which case it met.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.js';
import { childEnv, ensureBuilt, ROOT } from './support.js';

beforeAll(ensureBuilt, 300_000);

/** A copy of the built package (bin, dist, migrations) that a test may damage. */
function copyOfBuild(): string {
  const root = tempDir();
  for (const dir of ['bin', 'dist', 'migrations']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** What the loader did with the cache, and what `rel --version` printed, in a fresh process. */
function load(root: string, env: Record<string, string> = {}): { cache: string; version: string } {
  const probe = `const { loadRel } = require(${JSON.stringify(join(root, 'bin', 'load.cjs'))}); process.stdout.write(loadRel().cache);`;
  const cache = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: childEnv(env) });
  const version = spawnSync(process.execPath, [join(root, 'bin', 'rel.cjs'), '--version'], { encoding: 'utf8', env: childEnv(env) });
  expect(cache.stderr).toBe('');
  expect(version.stderr).toBe('');
  expect(version.status).toBe(0);
  return { cache: cache.stdout, version: version.stdout.trim() };
}

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the code cache', () => {
  it('is used by a fresh build, run by a plain node', () => {
    expect(load(ROOT)).toEqual({ cache: 'used', version: VERSION });
  });

  it('names the bundle where it is in stack traces, not the folder the build trained in', () => {
    const probe = `const r = require(${JSON.stringify(join(ROOT, 'bin', 'load.cjs'))}).loadRel();
      const io = { stdout: { write() { throw new Error('probe'); }, isTTY: false }, stderr: { write: (s) => process.stderr.write(s), isTTY: false },
        stdinIsTTY: false, env: { REL_DEBUG: '1' }, now: () => new Date(), prompter: null };
      r.exports.run(['completion', 'bash'], io).then(() => process.stdout.write(r.cache));`;
    const out = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: childEnv() });
    expect(out.stdout).toBe('used');
    const frames = out.stderr.split('\n').filter((l) => /rel\.cjs:\d+/.test(l));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toContain(`(${join(ROOT, 'dist', 'rel.cjs')}:`);
  });

  it('start-up loads neither node:crypto nor node:child_process (each cost every command a few ms)', () => {
    const probe = `const { loadRel } = require(${JSON.stringify(join(ROOT, 'bin', 'load.cjs'))}); loadRel();
      process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (crypto|child_process)$/.test(m))));`;
    // A file, not -e: \`node -e\` loads node:crypto itself.
    const file = join(tempDir(), 'probe.cjs');
    writeFileSync(file, probe);
    const out = spawnSync(process.execPath, [file], { encoding: 'utf8', env: childEnv() });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual([]);
  });

  it('is ignored with REL_CODE_CACHE=0', () => {
    expect(load(ROOT, { REL_CODE_CACHE: '0' })).toEqual({ cache: 'off', version: VERSION });
  });

  it('missing: rel compiles from source', () => {
    const root = copyOfBuild();
    rmSync(join(root, 'dist', 'rel.cjs.cache'));
    expect(load(root)).toEqual({ cache: 'missing', version: VERSION });
  });

  it('refused by V8 (not its data, with a CRC that matches): rel compiles from source', () => {
    const root = copyOfBuild();
    const file = join(root, 'dist', 'rel.cjs.cache');
    const saved = readFileSync(file);
    const bundle = readFileSync(join(root, 'dist', 'rel.cjs')).length;
    const garbage = Buffer.alloc(saved.length - bundle - 4, 7);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(garbage));
    writeFileSync(file, Buffer.concat([saved.subarray(0, bundle), crc, garbage]));
    expect(load(root)).toEqual({ cache: 'rejected', version: VERSION });
  });

  it('one damaged byte of V8\'s data: ignored (V8 itself would die on it), and rel compiles from source', () => {
    const root = copyOfBuild();
    const file = join(root, 'dist', 'rel.cjs.cache');
    const saved = readFileSync(file);
    const bundle = readFileSync(join(root, 'dist', 'rel.cjs')).length;
    for (const at of [bundle + 4 + 1000, saved.length - 5000]) {
      const damaged = Buffer.from(saved);
      damaged[at] = damaged[at]! ^ 0x5a;
      writeFileSync(file, damaged);
      expect(load(root)).toEqual({ cache: 'damaged', version: VERSION });
    }
  });

  it('is ignored under REL_DEBUG, so that stack traces name the files where they are', () => {
    expect(load(ROOT, { REL_DEBUG: '1' })).toEqual({ cache: 'off', version: VERSION });
  });

  it('made from another bundle of the same length: ignored, and the edited bundle is what runs', () => {
    // V8 checks only the source's length: without the loader's comparison, the old bytecode would run.
    const root = copyOfBuild();
    const file = join(root, 'dist', 'rel.cjs');
    const source = readFileSync(file, 'utf8');
    const edited = source.replace(JSON.stringify(VERSION), JSON.stringify(VERSION.replace(/^\d/, (d) => String((Number(d) + 1) % 10))));
    expect(edited).not.toBe(source);
    expect(edited.length).toBe(source.length);
    writeFileSync(file, edited);
    const { cache, version } = load(root);
    expect(cache).toBe('stale');
    expect(version).not.toBe(VERSION);
  });
});
