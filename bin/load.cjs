'use strict';
/**
 * Loads dist/rel.cjs, the whole CLI in one CommonJS bundle, with V8's code cache.
 *
 * Why: most of what a report costs above the bare Node + SQLite floor is V8 meeting rel's code
 * for the first time: parsing it and compiling each function to bytecode as it is first called.
 * Node 20 has no compile cache for ES modules, but `vm.Script` takes V8's `cachedData`. The build
 * (scripts/build.mjs) runs every command once over a small journal and saves the bytecode of all
 * that ran into dist/rel.cjs.cache; a command then starts from that bytecode instead of the
 * source (`rel review` on the mid journal: ~30 ms less; see bench/README.md).
 *
 * The cache is only an accelerator, never a source of truth:
 * - it starts with a copy of the bundle it was made from, and is ignored unless the bundle on
 *   disk is byte for byte the same (V8's own check compares only the source's length, so a
 *   hand-patched bundle of the same length would otherwise run stale bytecode). A copy, not a
 *   hash: comparing costs microseconds, where loading node:crypto cost ~2 ms of every command;
 * - V8's data follows with its CRC-32: V8 checks no checksum of a code cache in a release build,
 *   and one damaged byte made every command die in V8 with no message (~0.9 ms to check);
 * - V8 rejects it when Node or its flags differ from the build's, and then compiles from source;
 * - REL_CODE_CACHE=0 ignores it (the benchmark's A/B, and a way out of any doubt), and so does
 *   REL_DEBUG: V8 keeps the file name a cache was made under, so a stack trace from the cache
 *   names the folder the build ran in, not where rel is installed.
 * Nothing is written at run time: the install folder may be read-only, and a cache made by one
 * command would hold only that command's code.
 */
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script, constants } = require('node:vm');
const { crc32 } = require('node:zlib');

const CRC_BYTES = 4;
// zlib.crc32 is Node 20.15+ and 22.2+ (package.json's engines); without it the cache is not used.
const CHECKABLE = typeof crc32 === 'function';

/** The bundle's path and its cache's, in a built dist/ folder. */
function bundleFiles(distDir) {
  const bundle = join(distDir, 'rel.cjs');
  return { bundle, cache: `${bundle}.cache` };
}

/**
 * Compiles and runs the bundle; returns its exports (`main`, `run`), the Script (the build asks
 * it for the cache after training) and what became of the cache: 'used', 'rejected' (V8 refused
 * it), 'stale' (made from another bundle), 'damaged' (its CRC does not match), 'missing' or 'off'.
 *
 * `scriptName` is the name stack traces give the bundle. The build trains in a folder it then
 * renames to dist/, and passes dist/'s path: V8 keeps the name the cache was made under.
 */
function loadRel(distDir = join(__dirname, '..', 'dist'), { useCache = CHECKABLE && process.env.REL_CODE_CACHE !== '0' && !process.env.REL_DEBUG, scriptName } = {}) {
  const files = bundleFiles(distDir);
  const bytes = readFileSync(files.bundle);
  let cachedData;
  let cache = useCache ? 'missing' : 'off';
  if (useCache) {
    let saved = null;
    try {
      saved = readFileSync(files.cache);
    } catch {
      // No cache (a build without one, or removed): compile from source.
    }
    if (saved !== null) {
      if (saved.length > bytes.length + CRC_BYTES && bytes.equals(saved.subarray(0, bytes.length))) {
        const data = saved.subarray(bytes.length + CRC_BYTES);
        if (saved.readUInt32BE(bytes.length) === crc32(data)) cachedData = data;
        else cache = 'damaged';
      } else {
        cache = 'stale';
      }
    }
  }
  // The same wrapper Node gives a CommonJS module, so the bundle sees its usual five names.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, {
    filename: scriptName ?? files.bundle,
    cachedData,
    // The bundle has no import() of its own; anything that ever adds one resolves as in a module.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData !== undefined) cache = script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(files.bundle), module, files.bundle, distDir);
  return { exports: module.exports, script, cache };
}

/** The cache file's bytes for a trained script: the bundle it was made from, V8's data's CRC-32, V8's data. */
function cacheBytes(distDir, script) {
  const data = script.createCachedData();
  const crc = Buffer.alloc(CRC_BYTES);
  crc.writeUInt32BE(crc32(data));
  return Buffer.concat([readFileSync(bundleFiles(distDir).bundle), crc, data]);
}

module.exports = { loadRel, cacheBytes, bundleFiles };
