#!/usr/bin/env node
/**
 * `npm run build`: bundles src/ into dist/ with esbuild.
 *
 * Why a bundle: on Node 20 every ES module costs a resolve, a read and a compile, and rel's
 * commands each pull in 30 to 60 of them (rel's own plus commander, chalk and date-fns). One
 * file drops that loading cost. It is CommonJS because Node 20 caches no compiled ES module,
 * while a CommonJS file run through `vm.Script` can start from V8's code cache: the build ends
 * by running every command once (scripts/train-code-cache.mjs) and saving the bytecode, which
 * bin/load.cjs hands back to V8 on every run. See bench/README.md for what each step measured.
 *
 * Type checking is `npm run typecheck` (part of `npm test`); esbuild only strips types.
 * better-sqlite3 stays external: it is a native addon, loaded from node_modules.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
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
    entryPoints: { rel: 'src/main.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    // CommonJS, so that bin/load.cjs can run it through vm.Script with V8's code cache (Node 20
    // caches no ES module). Commands stay lazy: esbuild runs a dynamically imported module's
    // body only on its first import, so `rel log` never runs the report rules' set-up.
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // The prompts (~0.8 MB of @inquirer) are a bundle of their own, read only when a prompt is
    // shown: every command reads, hashes and decodes the main bundle, so it stays small.
    plugins: [externalAs('@inquirer/prompts', './prompts.cjs'), commanderSpawnOnDemand()],
    // better-sqlite3's JavaScript is bundled (and cached) with rel's; its native addon is loaded
    // by src/store/journal.ts, so `bindings`, its finder, is never called from the bundle.
    external: ['bindings'],
    // What `import.meta.url` means in an ES module: this file's URL (src/package-files.ts and
    // the import worker find their files beside it).
    define: { REL_BUILD_VERSION: JSON.stringify(version), 'import.meta.url': '__relModuleUrl' },
    banner: { js: "const __relModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // No import() left in the output: a vm.Script resolves one only through Node's ES loader.
    supported: { 'dynamic-import': false },
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  await build({
    absWorkingDir: root,
    stdin: { contents: "export * from '@inquirer/prompts';", resolveDir: root, sourcefile: 'prompts.js' },
    outfile: join(outdir, 'prompts.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // journal.js: openJournal on its own, for the reliability tests that open a journal from a child process.
  await build({
    absWorkingDir: root,
    entryPoints: { journal: 'src/store/journal.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __relCreateRequire } from 'node:module'; const require = __relCreateRequire(import.meta.url);" },
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
  // The code cache, made by running the new bundle: a bundle that cannot run every command
  // fails the build here. A clean environment, so that V8's flags match a plain `node` run.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  execFileSync(process.execPath, [join(root, 'scripts', 'train-code-cache.mjs'), outdir], { stdio: 'inherit', env });
  rmSync(dist, { recursive: true, force: true });
  renameSync(outdir, dist);
} catch (e) {
  rmSync(outdir, { recursive: true, force: true });
  // esbuild has printed its own errors (they come with an `errors` list); say anything else.
  if (!Array.isArray(e?.errors)) console.error(`build failed: ${e?.message ?? e}`);
  process.exitCode = 1;
}

/** Leaves `name` out of the bundle and requires `path` (beside the bundle) in its place. */
function externalAs(name, path) {
  return {
    name: `external-${name}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`) }, () => ({ path, external: true }));
    },
  };
}

/**
 * commander requires node:child_process when it loads, for subcommands that are programs of
 * their own, which rel has none of; loading it (and the socket modules it brings) was ~0.6 ms
 * of every command. commander gets `spawn`, its one use of the module, loaded on first call.
 */
function commanderSpawnOnDemand() {
  return {
    name: 'commander-spawn-on-demand',
    setup(b) {
      b.onResolve({ filter: /^node:child_process$/ }, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'spawn-on-demand' } : undefined);
      b.onLoad({ filter: /.*/, namespace: 'spawn-on-demand' }, () => ({
        contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
        loader: 'js',
      }));
    },
  };
}
