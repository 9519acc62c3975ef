import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, ok, rel, tempDir, tempJournal } from '../helpers/harness.js';

async function withAda(): Promise<string> {
  const db = tempJournal();
  await ok(db, ['add', 'Ada Lovelace']);
  return db;
}
const noteOf = async (db: string) => (await json(db, ['show', 'Ada'])).timeline[0]?.note;

/** An $EDITOR that runs `body` with the draft's path in $1. */
function editor(body: string): string {
  const path = join(tempDir(), 'editor.sh');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o700);
  return path;
}

describe('long notes', () => {
  it('--note-file takes a note of exactly 1 MiB intact, and refuses one byte more naming the size', async () => {
    const db = await withAda();
    const dir = tempDir();
    const note = 'é'.repeat(524_287) + 'ab'; // 1,048,576 bytes
    writeFileSync(join(dir, 'n.txt'), note);
    await ok(db, ['log', 'Ada', '--note-file', join(dir, 'n.txt')]);
    expect(await noteOf(db)).toBe(note);
    writeFileSync(join(dir, 'big.txt'), note + 'c');
    const r = await rel(db, ['log', 'Ada', '--note-file', join(dir, 'big.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--note-file: 1048577 bytes is over the 1048576-byte limit/);
    expect((await rel(db, ['log', 'Ada', '--note', 'x', '--note-file', join(dir, 'n.txt')])).stderr).toMatch(/not both/);
  });

  it('--note-file - reads standard input (real binary)', () => {
    const db = join(tempDir(), 'j.db');
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'rel.cjs');
    spawnSync(process.execPath, [bin, '--db', db, 'add', 'Ada'], { encoding: 'utf8' });
    const r = spawnSync(process.execPath, [bin, '--db', db, 'log', 'Ada', '--note-file', '-'], { encoding: 'utf8', input: 'pasted\nthread\n' });
    expect(r.status).toBe(0);
    const out = spawnSync(process.execPath, [bin, '--db', db, 'export'], { encoding: 'utf8' }).stdout;
    expect(out).toContain('"note":"pasted\\nthread\\n"');
  });

  it('--edit takes the note from $EDITOR', async () => {
    const db = await withAda();
    const env = { EDITOR: editor('printf "from the editor\\n" >> "$1"'), PATH: process.env.PATH };
    await ok(db, ['log', 'Ada', '--edit', '--note', 'start: '], { tty: true, env });
    expect(await noteOf(db)).toBe('start: from the editor');
  });

  it.each([
    ['exits non-zero', 'printf "typed" > "$1"; exit 3', /exited with 3; nothing was written; your text is kept in (\S+)/],
    ['leaves it unchanged', 'true', /left unchanged; nothing was written; your text is kept in (\S+)/],
  ])('--edit writes nothing when the editor %s, and keeps the text', async (_what, body, message) => {
    const db = await withAda();
    const r = await rel(db, ['log', 'Ada', '--edit', '--note', 'draft'], { tty: true, env: { EDITOR: editor(body), PATH: process.env.PATH } });
    expect(r.code).toBe(1);
    const kept = message.exec(r.stderr)![1]!;
    expect(existsSync(kept)).toBe(true);
    expect(readFileSync(kept, 'utf8')).toMatch(/typed|draft/);
    expect(await noteOf(db)).toBeUndefined();
  });

  it('--edit writes nothing for an empty note, and needs a terminal', async () => {
    const db = await withAda();
    const empty = await rel(db, ['log', 'Ada', '--edit'], { tty: true, env: { EDITOR: editor('true'), PATH: process.env.PATH } });
    expect(empty.stderr).toMatch(/left empty; nothing was written/);
    const noTty = await rel(db, ['log', 'Ada', '--edit']);
    expect(noTty.stderr).toMatch(/needs a terminal/);
    expect(await noteOf(db)).toBeUndefined();
  });
});
