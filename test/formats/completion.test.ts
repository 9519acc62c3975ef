import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOCABULARY_COMPLETIONS, completionScript, type CompletionSpec } from '../../src/formats/completion.js';

/** The CLI of ../shared/spec/cli.md, as the command layer would describe it. */
const FREE = ['--alias', '--org', '--role', '--cadence', '--email', '--tag', '--need', '--offer', '--interest', '--met-on',
  '--how-met', '--name', '--on', '--note', '--due', '--promise', '--their-promise', '--as-of', '--limit'];
const CONTACT_FLAGS = ['--alias', '--org', '--role', '--circle', '--cadence', '--stage', '--email', '--tag', '--need', '--offer',
  '--interest', '--met-on', '--how-met'];
const spec: CompletionSpec = {
  globalFlags: ['--db', '--help', '--version'],
  words: { ...VOCABULARY_COMPLETIONS, ...Object.fromEntries(FREE.map((f) => [f, []])), '--db': 'files', '--out': 'files' },
  commands: [
    { name: 'add', flags: CONTACT_FLAGS, positional: 'none' },
    { name: 'edit', flags: [...CONTACT_FLAGS, '--name'] },
    { name: 'stage', flags: ['--on', '--note'] },
    { name: 'end', flags: ['--on', '--note'] },
    { name: 'list', flags: ['--circle', '--tag', '--json'], positional: 'none' },
    { name: 'show', flags: ['--json'] },
    { name: 'log', flags: ['--on', '--channel', '--by', '--outside-work', '--gave', '--got', '--tone', '--push-away', '--no-reply',
      '--note', '--promise', '--their-promise', '--due', '--learned', '--edit'] },
    { name: 'promises', flags: ['--all', '--json'], positional: 'none' },
    { name: 'done', flags: ['--on'], positional: 'none' },
    { name: 'review', flags: ['--as-of', '--json', '--circle'], positional: 'none' },
    { name: 'suggest', flags: ['--as-of', '--json', '--limit'] },
    { name: 'export', flags: ['--format', '--out'], positional: 'none' },
    { name: 'import', flags: ['--format', '--dry-run', '-y'], positional: 'files' },
    { name: 'backup', flags: [], positional: 'files' },
    { name: 'completion', flags: ['--names'], positional: ['bash', 'zsh', 'fish'] },
  ],
};

const has = (shell: string): boolean => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

let dir = '';
let env: NodeJS.ProcessEnv = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rel-completion-'));
  // A stand-in `rel` that answers `rel completion --names` the way the real one will.
  const fake = join(dir, 'rel');
  writeFileSync(fake, "#!/bin/sh\n[ \"$1 $2\" = 'completion --names' ] && printf '%s\\n' 'Dana Whitfield' \"Daniel O'Neil\" 'José Müller'\n");
  chmodSync(fake, 0o755);
  for (const shell of ['bash', 'zsh', 'fish'] as const) writeFileSync(join(dir, `rel.${shell}`), completionScript(shell, spec));
  env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, LC_ALL: 'C.UTF-8', HOME: dir, XDG_CONFIG_HOME: dir };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('completionScript', () => {
  it.each(['bash', 'zsh', 'fish'] as const)('writes %s syntax the shell accepts', (shell) => {
    if (!has(shell)) return; // checked where the shell is installed (bash always is)
    const r = spawnSync(shell, ['-n', join(dir, `rel.${shell}`)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('refuses words that are not plain (they are pasted into shell code)', () => {
    expect(() => completionScript('bash', { commands: [{ name: 'x; rm -rf ~', flags: [] }], words: {} })).toThrow('not a plain word');
    expect(() => completionScript('fish', { commands: [], words: { '--circle': ["a'b"] } })).toThrow('not a plain word');
  });

  it('asks `rel completion --names` for contact names in every shell', () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) expect(completionScript(shell, spec)).toContain('rel completion --names');
  });
});

describe('bash completion behaviour', () => {
  /** Runs _rel for the words typed (the last one is being completed); returns COMPREPLY. */
  function complete(...words: string[]): string[] {
    const script = `source ${JSON.stringify(join(dir, 'rel.bash'))}
COMP_WORDS=(${words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ')})
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_rel
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '');
  }

  it('completes commands, then flags of that command', () => {
    expect(complete('rel', 'l')).toEqual(['list', 'log']);
    expect(complete('rel', 'log', '--p')).toEqual(['--push-away', '--promise']);
    expect(complete('rel', '--')).toEqual(['--db', '--help', '--version']);
  });

  it('completes vocabulary words after a flag, also in --flag=value form', () => {
    expect(complete('rel', 'list', '--circle', 'c')).toEqual(['client', 'colleague']);
    expect(complete('rel', 'log', '--channel', '=', 'v')).toEqual(['video']);
    expect(complete('rel', 'log', '--tone', '')).toEqual(['warm', 'neutral', 'cool']);
    expect(complete('rel', 'log', '--learned', 'i')).toEqual(['interest:']);
    expect(complete('rel', 'export', '--format', '')).toEqual(['jsonl', 'csv', 'vcard', 'ics']);
  });

  it('completes contact names case-insensitively, escaped for the command line', () => {
    expect(complete('rel', 'show', 'da')).toEqual(['Dana\\ Whitfield', "Daniel\\ O\\'Neil"]);
    expect(complete('rel', 'log', '--on', 'today', 'JOS')).toEqual(['José\\ Müller']);
    expect(complete('rel', 'log', 'Dana\\ W')).toEqual(['Dana\\ Whitfield']);
  });

  it('skips global flag values when finding the command, and offers nothing after a free-text flag', () => {
    expect(complete('rel', '--db', '/tmp/x.db', 'sho')).toEqual(['show']);
    expect(complete('rel', 'log', '--note', '')).toEqual([]);
    expect(complete('rel', 'completion', 'z')).toEqual(['zsh']);
    expect(complete('rel', 'add', 'Da')).toEqual([]);
  });
});

describe('zsh completion behaviour', () => {
  /** Runs _rel with compadd and friends replaced by stand-ins that print what would be offered. */
  function offered(...words: string[]): string {
    const script = `compadd() { while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -[MS] ]] && shift; shift; done; [[ $1 == -- ]] && shift; print -r -- "$*"; }
_files() { print -r -- '<files>'; }
_message() { print -r -- '<free text>'; }
compset() { :; }
compdef() { :; }
source ${JSON.stringify(join(dir, 'rel.zsh'))}
words=(${words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ')})
CURRENT=${words.length}
_rel`;
    const r = spawnSync('zsh', ['-f', '-c', script], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    return r.stdout.trim();
  }

  it.runIf(has('zsh'))('offers commands, flags, words after a flag (also --flag=value), names and files', () => {
    // zsh filters by the typed prefix itself, so the whole list is offered.
    expect(offered('rel', 'l').split(' ')).toEqual(expect.arrayContaining(['list', 'log', 'show']));
    expect(offered('rel', 'log', '--p').split(' ')).toEqual(expect.arrayContaining(['--push-away', '--note', '--db']));
    expect(offered('rel', 'log', '--p').split(' ')).not.toContain('--circle');
    expect(offered('rel', 'list', '--circle', 'c')).toBe('client prospect partner colleague mentor mentee friend family other');
    expect(offered('rel', 'log', '--channel=v')).toBe('in-person call video email message social event');
    expect(offered('rel', '--db', 'x.db', 'show', 'Da')).toBe("Dana Whitfield Daniel O'Neil José Müller");
    expect(offered('rel', 'import', 'f')).toBe('<files>');
    expect(offered('rel', 'log', '--note', '')).toBe('<free text>');
  });
});

describe('fish completion behaviour', () => {
  function complete(line: string): string[] {
    const r = spawnSync('fish', ['--no-config', '-c', `source ${join(dir, 'rel.fish')}; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]!);
  }

  it.runIf(has('fish'))('completes commands, vocabulary words and names', () => {
    expect(complete('rel l')).toEqual(['list', 'log']);
    expect(complete('rel list --circle c')).toEqual(['client', 'colleague']);
    expect(complete('rel show Da')).toEqual(['Dana Whitfield', "Daniel O'Neil"]);
    expect(complete('rel log --no')).toEqual(['--note', '--no-reply']);
  });
});
