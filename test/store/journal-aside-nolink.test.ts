/**
 * A journal built aside where hard links are not supported (FAT, some network shares: link()
 * fails with EPERM or ENOTSUP) is renamed into place instead; and still never over a journal
 * that appeared meanwhile. node:fs is wrapped so that link() fails as it does there.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createJournalAside, openJournal } from '../../src/store/journal.js';
import { tempDir } from '../helpers/harness.js';

const linkFails = vi.hoisted(() => ({ code: 'EPERM' }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const linkSync = (): never => {
    throw Object.assign(new Error(`${linkFails.code}: operation not permitted, link`), { code: linkFails.code });
  };
  return { ...real, default: { ...real, linkSync }, linkSync };
});

describe('a journal built aside, where link() is not supported', () => {
  for (const code of ['EPERM', 'ENOTSUP']) {
    it(`${code}: renamed into place`, () => {
      linkFails.code = code;
      const dir = tempDir();
      const path = join(dir, 'rel.db');
      const aside = createJournalAside(path)!;
      aside.journal.db.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES ('Ada', 'ada', 0)").run();
      aside.publish();
      expect(readdirSync(dir)).toEqual(['rel.db']);
      const j = openJournal(path, { write: false });
      expect(j.db.prepare('SELECT name FROM contacts').pluck().all()).toEqual(['Ada']);
      j.close();
    });
  }

  it('still not over a journal another rel created meanwhile', () => {
    linkFails.code = 'EPERM';
    const dir = tempDir();
    const path = join(dir, 'rel.db');
    const aside = createJournalAside(path)!;
    const other = openJournal(path, { write: true });
    other.db.prepare("INSERT INTO contacts (name, name_key, added_on) VALUES ('Theirs', 'theirs', 0)").run();
    other.close();
    expect(() => aside.publish()).toThrow(/another rel created the journal/);
    const j = openJournal(path, { write: false });
    expect(j.db.prepare('SELECT name FROM contacts').pluck().all()).toEqual(['Theirs']);
    j.close();
    expect(readdirSync(dir).filter((f) => f.includes('importing'))).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });
});
