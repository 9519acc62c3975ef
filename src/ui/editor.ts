/**
 * Writing a long note in $EDITOR. The draft lives in a private folder (0700, file 0600); it is
 * deleted once the note is safely taken, and kept (with its path in the error) when anything
 * goes wrong, so typed text is never lost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../cli/errors.js';

export function editText(initial: string, env: Record<string, string | undefined>): string {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'rel-note-'));
  const file = join(dir, 'note.txt');
  writeFileSync(file, initial, { mode: 0o600 });
  // Through sh, so EDITOR may carry its own arguments ("code --wait").
  const r = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit', env: env as NodeJS.ProcessEnv });
  if (r.error || r.status !== 0) {
    throw new UserError(`the editor (${editor}) ${r.error ? 'could not start' : `exited with ${r.status ?? r.signal}`}; nothing was written; your text is kept in ${file}`);
  }
  const text = readFileSync(file, 'utf8').replace(/\s+$/u, '');
  if (text.trim() === '') {
    rmSync(dir, { recursive: true, force: true });
    throw new UserError('the note was left empty; nothing was written');
  }
  if (initial !== '' && text === initial.replace(/\s+$/u, '')) {
    throw new UserError(`the note was left unchanged; nothing was written; your text is kept in ${file}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return text;
}
