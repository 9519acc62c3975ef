/**
 * buildProgram declares only the command that runs (a start-up saving): each declaration is
 * filed under a name, which must be the command's own, or the command would be declared alone
 * under the wrong word, or never alone at all; and alone it must have every option it has in
 * the full program.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import type { Io } from '../../src/cli/context.js';

const io: Io = {
  stdout: { write() {}, isTTY: false }, stderr: { write() {}, isTTY: false }, stdinIsTTY: false, env: {},
  now: () => new Date(2026, 10, 20), prompter: async () => { throw new Error('no prompts here'); },
} as unknown as Io;

const names = (argv: string[]) => buildProgram(io, argv, { version: '0' }).commands.map((c) => c.name());

describe('buildProgram', () => {
  const all = names([]);

  it('declares every command for help, version and words it does not know', () => {
    expect(all.length).toBeGreaterThan(10);
    for (const argv of [['--help'], ['-V'], ['reveiw'], ['help', 'review'], ['--db', 'x.db']]) expect(names(argv)).toEqual(all);
  });

  it.each(all.map((n) => [n]))('declares %s alone when it is the command that runs', (name) => {
    expect(names([name, '--json'])).toEqual([name]);
    expect(names(['--db', 'x.db', name])).toEqual([name]);
    expect(names([`--db=x.db`, name])).toEqual([name]);
  });

  it('declares the running command with every option it has in the full program', () => {
    for (const name of all) {
      const full = buildProgram(io, [], { version: '0' }).commands.find((c) => c.name() === name)!;
      const alone = buildProgram(io, [name], { version: '0' }).commands[0]!;
      expect(alone.options.map((o) => o.flags)).toEqual(full.options.map((o) => o.flags));
    }
  });
});
