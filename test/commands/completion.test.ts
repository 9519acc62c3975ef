import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, rel, tempDir, tempJournal } from '../helpers/harness.js';

const COMMANDS = ['add', 'edit', 'stage', 'end', 'list', 'show', 'log', 'promises', 'done', 'review', 'suggest', 'export', 'import', 'backup', 'completion'];

function shellAvailable(shell: string): boolean {
  try {
    execFileSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('rel completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: names every command and their flags, and parses', async (shell) => {
    const script = await ok(tempJournal(), ['completion', shell]);
    for (const c of COMMANDS) expect(script).toMatch(new RegExp(`\\b${c}\\b`));
    for (const flag of ['--circle', '--channel', '--dry-run', '--format', '--as-of', '--out']) expect(script).toContain(shell === 'fish' ? flag.slice(2) : flag);
    expect(script).toContain('client prospect partner');
    expect(script).toContain('rel completion --names');
    expect(script).not.toContain('--names)');
    if (shellAvailable(shell)) {
      const dir = tempDir();
      const file = join(dir, `rel.${shell}`);
      writeFileSync(file, script);
      execFileSync(shell, ['-n', file]);
    }
  });

  it('bash: completes vocabulary and commands when run', async () => {
    if (!shellAvailable('bash')) return;
    const dir = tempDir();
    const file = join(dir, 'rel.bash');
    writeFileSync(file, await ok(tempJournal(), ['completion', 'bash']));
    const complete = (words: string[]) => execFileSync('bash', ['-c',
      `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _rel; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { encoding: 'utf8' }).trim().split('\n');
    expect(complete(['rel', 'log', 'Ada', '--channel', 'v'])).toEqual(['video']);
    expect(complete(['rel', 'rev'])).toEqual(['review']);
    expect(complete(['rel', 'import', 'x.ics', '--dr'])).toEqual(['--dry-run']);
  });

  it('an unknown shell is a user error listing the shells', async () => {
    const r = await rel(tempJournal(), ['completion', 'tcsh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rel: "tcsh" is not a shell rel completes; choose one of bash, zsh, fish\n');
    const none = await rel(tempJournal(), ['completion']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/bash\|zsh\|fish/);
  });

  it('--names lists contact names one per line, and nothing for a missing journal', async () => {
    const db = tempJournal();
    await ok(db, ['add', 'Ada Lovelace', '--alias', 'Ada']);
    await ok(db, ['add', 'José García']);
    await ok(db, ['add', 'Charles Babbage']);
    await ok(db, ['end', 'Charles', '--note', 'moved on']);
    expect(await ok(db, ['completion', '--names'])).toBe('Ada Lovelace\nCharles Babbage\nJosé García\n');
    const missing = tempJournal();
    expect(await ok(missing, ['completion', '--names'])).toBe('');
    expect(existsSync(missing)).toBe(false);
  });

  it('--names stays out of the help', async () => {
    const r = await rel(tempJournal(), ['completion', '--help']);
    expect(r.stdout).toContain('bash, zsh or fish');
    expect(r.stdout).not.toContain('--names');
  });
});
