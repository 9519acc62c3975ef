/**
 * rel loads better-sqlite3's native addon itself (src/store/journal.ts): from build/Release,
 * where better-sqlite3's install puts it, and through `bindings` when a build put it elsewhere.
 * These run the built bin in a copy of the package whose node_modules holds only what the bundle
 * loads at run time: better-sqlite3's addon (no JavaScript of its own: that is in the bundle),
 * `bindings` and its one dependency.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.js';
import { childEnv, ensureBuilt, ROOT } from './support.js';

beforeAll(ensureBuilt, 300_000);

function packageWithAddonIn(folder: 'Release' | 'Debug'): string {
  const root = tempDir();
  for (const dir of ['bin', 'dist', 'migrations']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  const modules = join(root, 'node_modules');
  const sqlite = join(modules, 'better-sqlite3');
  mkdirSync(join(sqlite, 'build', folder), { recursive: true });
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), join(sqlite, 'package.json'));
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(sqlite, 'build', folder, 'better_sqlite3.node'));
  for (const dep of ['bindings', 'file-uri-to-path']) symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep));
  return root;
}

function rel(root: string, args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin', 'rel.cjs'), ...args], { encoding: 'utf8', env: childEnv() });
}

describe('the native addon', () => {
  for (const folder of ['Release', 'Debug'] as const) {
    it(`is found in build/${folder}, with only the addon of better-sqlite3 installed`, () => {
      const root = packageWithAddonIn(folder);
      expect(existsSync(join(root, 'node_modules', 'better-sqlite3', 'lib'))).toBe(false);
      const db = join(tempDir(), 'j.db');
      const added = rel(root, ['--db', db, 'add', 'Ada Lovelace']);
      expect(added.stderr).toBe('');
      expect(added.status).toBe(0);
      const listed = rel(root, ['--db', db, 'list', '--json']);
      expect(listed.status).toBe(0);
      expect((JSON.parse(listed.stdout) as { contacts: Array<{ name: string }> }).contacts.map((c) => c.name)).toEqual(['Ada Lovelace']);
    });
  }
});
