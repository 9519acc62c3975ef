/**
 * A released migration is never edited: journals out there were migrated by the file as it was.
 * Changing a schema means adding the next numbered file. When you add one, release it by adding
 * its sha256 here (`sha256sum migrations/NNN_name.sql`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './support.js';

const RELEASED: Record<string, string> = {
  '001_initial.sql': '769efbd3043da523797f1cfe51ed6fe39eb813b60f2c96174da27db9596d697b',
  '002_review_history.sql': '81eb8df2364587987adbf6d4864b30dafd44b024c3c6955b05356ac060a859ad',
  '003_contact_days.sql': '6b72c591e3c87f26ef2d8675d977485382965b455c24ac72b63deb5c805ce498',
  '004_touch_facts.sql': '2011082babdaa4a561155016e5be288d115081bdf1adcd4bfe1b3c77cb7b8324',
  '005_cheap_checks.sql': 'e75d4dedc65eefd25740372e5b48a1e49f9054fb5a5adec466e84737f7287cfa',
  '006_contact_summary.sql': '59eafc59aa8f41d2679c00116114516785b402d6aec9dee09e7bb5a79cbcd315',
};

const hash = (file: string) => createHash('sha256').update(readFileSync(join(MIGRATIONS, file))).digest('hex');

describe('released migrations', () => {
  it.each(Object.keys(RELEASED))('%s is byte for byte as released', (file) => {
    expect(hash(file), `${file} was edited after release; add a new migration instead`).toBe(RELEASED[file]);
  });

  it('every migration file is listed here', () => {
    const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort();
    expect(files, 'a migration file was added or removed: list its sha256 in RELEASED').toEqual(Object.keys(RELEASED).sort());
  });
});
