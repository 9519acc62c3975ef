/**
 * `rel completion bash|zsh|fish`: a completion script generated from the commander program
 * itself, so every command and flag the CLI has is offered and none it lacks. The hidden
 * `rel completion --names` prints contact names one per line for the scripts to call.
 */
import type { Command } from 'commander';
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import {
  VOCABULARY_COMPLETIONS, completionScript, type CompletionCommand, type CompletionShell, type CompletionSpec, type CompletionValues,
} from '../formats/completion.js';
import { nameCandidates } from '../store/contacts.js';
import { visible } from '../ui/text.js';
import { withJournal } from './journal-access.js';

const SHELLS: readonly CompletionShell[] = ['bash', 'zsh', 'fish'];

/** Positional arguments that are not contact names. */
const POSITIONALS: Readonly<Record<string, CompletionValues | 'none'>> = {
  import: 'files',
  backup: 'files',
  done: 'none',
  completion: SHELLS,
};

/** Value flags whose value is a path; every other value flag not in the vocabulary is free text. */
const FILE_FLAGS = new Set(['--db', '--out', '--note-file']);

export async function run(ctx: Context, [shell]: [string | undefined], opts: { names?: boolean }): Promise<void> {
  if (opts.names) {
    const names = await withJournal(ctx, 'read', ({ db }) => nameCandidates(db).map((c) => c.name));
    if (names.length > 0) ctx.io.stdout.write(names.map(visible).join('\n') + '\n');
    return;
  }
  const wanted = shell?.trim().toLowerCase();
  if (!wanted || !(SHELLS as readonly string[]).includes(wanted)) {
    throw new UserError(shell === undefined
      ? `name a shell: rel completion ${SHELLS.join('|')}`
      : `"${visible(shell)}" is not a shell rel completes; choose one of ${SHELLS.join(', ')}`);
  }
  const { buildProgram } = await import('../cli/program.js');
  const program = buildProgram(ctx.io, [], { version: '0' });
  ctx.io.stdout.write(completionScript(wanted as CompletionShell, specOf(program)));
}

/** Commands, their flags and which flags take a value, read off commander's program object. */
export function specOf(program: Command): CompletionSpec {
  const words: Record<string, CompletionValues> = {};
  const flagsOf = (cmd: Command): string[] => {
    const flags: string[] = [];
    for (const o of cmd.options) {
      if (o.hidden) continue;
      for (const f of [o.long, o.short]) {
        if (!f) continue;
        flags.push(f);
        if (o.required || o.optional) {
          words[f] ??= VOCABULARY_COMPLETIONS[f] ?? (FILE_FLAGS.has(f) ? 'files' : []);
        }
      }
    }
    return flags;
  };
  const commands: CompletionCommand[] = program.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
    .map((c) => ({
      name: c.name(),
      flags: [...flagsOf(c), '--help', '-h'].filter((f, i, all) => all.indexOf(f) === i),
      positional: POSITIONALS[c.name()] ?? (c.registeredArguments.length > 0 ? 'names' : 'none'),
    }));
  // `export --format` also takes formats only export writes.
  words['--format'] = ['jsonl', 'csv', 'csv-interactions', 'vcard', 'ics'];
  const globalFlags = flagsOf(program);
  return { commands, words, globalFlags: [...globalFlags, '--help', '-h'].filter((f, i, all) => all.indexOf(f) === i) };
}
