#!/usr/bin/env node
/**
 * `npm run build`: bundles src/ into dist/ with esbuild.
 *
 * Why a bundle: on Node 20 every ES module costs a resolve, a read and a compile, and rel's
 * commands each pull in 30 to 60 of them (rel's own plus commander, chalk and date-fns). Node 20
 * has no module compile cache, so that start-up work dominated the short commands (`rel log`
 * spent more time loading code than writing to the journal; see bench/README.md). One entry
 * file plus one chunk per lazily loaded command keeps the laziness (prompts, formats and the
 * report rules still load only when a command needs them) and drops most of the loading cost.
 *
 * Type checking is `npm run typecheck` (part of `npm test`); esbuild only strips types.
 * better-sqlite3 stays external: it is a native addon, loaded from node_modules.
 */
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Built beside dist/ and swapped in whole: a failed build leaves the last good one in place.
const outdir = join(root, `.dist-${process.pid}`);
rmSync(outdir, { recursive: true, force: true });

// The version is written in rather than read from package.json on every run.
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

try {
  await build({
    absWorkingDir: root,
    // journal.js: openJournal on its own, for the reliability tests that open a journal from a child process.
    entryPoints: { main: 'src/main.ts', journal: 'src/store/journal.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3'],
    // commander is CommonJS and requires Node built-ins; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as __relCreateRequire } from 'node:module'; const require = __relCreateRequire(import.meta.url);" },
    // Every output file in dist/ itself: src/package-files.ts counts on sitting one folder below the root.
    chunkNames: '[name]-[hash]',
    entryNames: '[name]',
    define: { REL_BUILD_VERSION: JSON.stringify(version) },
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The thread that reads a big import while the main thread writes it, as one file of its own:
  // built with the rest, it shared modules with the commands' chunks and split them into four
  // more files that every command then loaded (`rel log` ×1.24 → ×1.27).
  await build({
    absWorkingDir: root,
    entryPoints: { 'import-worker': 'src/commands/import-worker.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3'],
    entryNames: '[name]',
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  rmSync(dist, { recursive: true, force: true });
  renameSync(outdir, dist);
} catch (e) {
  rmSync(outdir, { recursive: true, force: true });
  // esbuild has printed its own errors (they come with an `errors` list); say anything else.
  if (!Array.isArray(e?.errors)) console.error(`build failed: ${e?.message ?? e}`);
  process.exitCode = 1;
}
