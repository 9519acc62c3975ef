/**
 * The command line: every command and flag of ../shared/spec/cli.md, declared here and nothing
 * more. The commands themselves load only when one runs (./actions.ts), so `rel --help` pays
 * for commander alone.
 */
import { Command, Option } from 'commander';
import type { Context, Io } from './context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

// Commander hands over untyped positional arguments and options; each command declares the shape
// it was registered with, so the boundary is typed loosely here and strictly in the command.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (ctx: Context, args: any, opts: any, argv: readonly string[]) => Promise<void>;
type Actions = typeof import('./actions.js');

export interface ProgramOptions { version: string }

export function buildProgram(io: Io, argv: readonly string[], options: ProgramOptions): Command {
  const program = new Command('rel');
  program
    .description('A relationship journal: log people and meetings, review what is stalling, get the next trust-building step.')
    .version(options.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--db <path>', 'journal file (default: $REL_DB, else $XDG_DATA_HOME/rel/rel.db)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`rel: ${s.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText('after', `
Dates: YYYY-MM-DD, today, yesterday, tomorrow, 3d ago, 2w ago, 1m ago, in 5d, in 2w, monday (the last one).
Journal: --db PATH, else $REL_DB, else $XDG_DATA_HOME/rel/rel.db (~/.local/share/rel/rel.db).

A week with rel:
  rel add "Dana Whitfield" --circle client --org Northwind --need "hiring a security lead"
  rel log Dana --channel call --gave "intro:to Hugo" --learned "interest:sailing" --promise "send the deck" --due "in 1w"
  rel review                 what is stalling, most urgent first
  rel suggest                the next trust-building steps`);

  const command = (name: string, description: string): Command => {
    const c = program.command(name).description(description).option('--db <path>', 'journal file');
    c.helpOption('-h, --help', 'show help');
    return c;
  };
  const wire = (cmd: Command, pick: (actions: Actions) => Action): Command =>
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const opts = self.opts<Record<string, unknown>>();
      const args = params.slice(0, -2);
      const db = (opts.db as string | undefined) ?? program.opts<{ db?: string }>().db;
      // Loaded here, not at the top: `rel --help` needs none of it (chalk, dates, the store).
      const actions = await import('./actions.js');
      const style = await actions.loadStyle(io.stdout.isTTY, io.env);
      const ctx = new actions.Context(io, actions.resolveJournalPath(db, io.env), style);
      await pick(actions)(ctx, args, opts, argv);
    });
  // Only the command that runs is declared (commander spends about a tenth of a millisecond per
  // option, and rel has over a hundred); help, version and unknown words declare them all.
  const declarations = new Map<string, () => void>();
  const def = (name: string, declare: () => void): void => {
    declarations.set(name, declare);
  };
  const profileFlags = (c: Command): Command => c
    .option('--alias <alias>', 'another name they go by (repeatable)', collect)
    .option('--org <org>', 'organisation')
    .option('--role <role>', 'role or title')
    .option('--circle <circle>', 'client, prospect, partner, colleague, mentor, mentee, friend, family, other')
    .option('--cadence <duration>', 'how often you mean to be in touch: 30d, 2w, 3m')
    .option('--stage <n>', 'ladder stage: 0 new, 1 liked, 2 respected, 3 whole-person, 4 mingled, 5 enduring')
    .option('--email <email>', 'e-mail address (repeatable)', collect)
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .option('--need <text>', 'a goal, need or pressing problem of theirs (repeatable)', collect)
    .option('--offer <text>', 'something they are good at or can offer others (repeatable)', collect)
    .option('--interest <text>', 'an interest of theirs (repeatable)', collect)
    .option('--met-on <date>', 'when you met')
    .option('--how-met <text>', 'how you met')
    .option('--notes <text>', 'free-form notes about them');

  // ---- contacts
  def('add', () => wire(profileFlags(command('add', 'add a contact').argument('<name>', 'full name')),
    (a) => a.add));
  def('edit', () => wire(profileFlags(command('edit', 'change a contact: values replace, list flags add items').argument('<name>', 'name, alias or unique prefix'))
    .option('--name <new>', 'rename')
    .option('--remove <kind:text>', 'remove an alias, email, tag, need, offer or interest, e.g. need:hiring (repeatable)', collect),
  (a) => a.edit));
  def('stage', () => wire(command('stage', 'record a move on the ladder (0-5)').argument('<name>').argument('<n>', 'stage 0-5')
    .option('--on <date>', 'when (default today)').option('--note <text>', 'what happened'),
  (a) => a.stage));
  def('end', () => wire(command('end', 'end a relationship with integrity; history is kept').argument('<name>')
    .option('--on <date>', 'when (default today)').option('--note <text>', 'why, and what door stays open (required)'),
  (a) => a.end));
  def('list', () => wire(command('list', 'list contacts').option('--circle <circle>', 'only this circle').option('--tag <tag>', 'only this tag')
    .option('--all', 'include ended relationships').option('--json', 'print JSON'),
  (a) => a.list));
  def('show', () => wire(command('show', 'one relationship at a glance').argument('<name>').option('--json', 'print JSON')
    .option('--limit <n>', 'how many recent interactions (default 10)'),
  (a) => a.show));

  // ---- logging
  def('log', () => wire(command('log', 'log an interaction (no NAME on a terminal: prompts)').argument('[names...]', 'who took part')
    .option('--on <date>', 'when (default today)')
    .option('--channel <channel>', 'in-person (default), call, video, email, message, social, event')
    .option('--by <who>', 'who reached out: me (default), them, mutual')
    .option('--outside-work', 'it was outside work (a meal, a game, family)')
    .option('--gave <kind[:note]>', 'what you gave: intro, referral, resource, review, advice, favor, gift, business, support, other (repeatable)', collect)
    .option('--got <kind[:note]>', 'what you got, same kinds (repeatable)', collect)
    .option('--tone <tone>', 'warm, neutral (default), cool')
    .option('--push-away <kind[:note]>', 'snide, hostile, distancing, late, cancelled, cut-off')
    .addOption(new Option('--no-reply', 'you reached out and got no answer'))
    .option('--note <text>', 'what happened')
    .option('--note-file <file>', 'the note from a file, or - for standard input (up to 1 MiB)')
    .option('--edit', 'write the note in $EDITOR (starts from --note)')
    .option('--promise <text>', 'something you promised (repeatable)', collect)
    .option('--their-promise <text>', 'something they promised (repeatable)', collect)
    .option('--due <date>', 'due date of the promise just before it', collect)
    .option('--learned <kind:text>', 'need:TEXT, offer:TEXT or interest:TEXT learned about them (repeatable)', collect),
  (a) => a.log));
  def('promises', () => wire(command('promises', 'open promises, overdue first').option('--all', 'include kept promises').option('--json', 'print JSON'),
    (a) => a.promises));
  def('done', () => wire(command('done', 'mark a promise kept').argument('<promise-id>').option('--on <date>', 'when (default today)'),
    (a) => a.done));

  // ---- reports
  def('review', () => wire(command('review', 'the weekly review: which relationships are stalling, most urgent first')
    .option('--as-of <date>', 'review as if today were this date').option('--circle <circle>', 'only this circle')
    .option('--all', 'show every flagged contact, not one screen').option('--json', 'print JSON'),
  (a) => a.review));
  def('suggest', () => wire(command('suggest', 'the next trust-building steps, for everyone or one contact').argument('[name]')
    .option('--as-of <date>', 'as if today were this date').option('--limit <n>', 'how many steps').option('--json', 'print JSON'),
  (a) => a.suggest));

  // ---- data
  def('export', () => wire(command('export', 'export the journal (default: JSON Lines to stdout)')
    .option('--format <format>', 'jsonl (default), csv (contacts), csv-interactions, vcard, ics (follow-up reminders)').option('--out <file>', 'write to a file (0600) instead of stdout'),
  (a) => a.exportCommand));
  def('import', () => wire(command('import', 'import a file; all or nothing').argument('<file>')
    .option('--format <format>', 'jsonl, vcard, csv (contacts, merged), ics (meetings to log) (default: from the file name)').option('--dry-run', 'check and report; write nothing'),
  (a) => a.importCommand));
  def('backup', () => wire(command('backup', 'a consistent copy of the journal, safe while rel is in use').argument('[file]', 'where (default: backups/ beside the journal)')
    .option('--force', 'overwrite an existing file'),
  (a) => a.backupCommand));
  def('completion', () => wire(command('completion', 'print a shell completion script').argument('[shell]', 'bash, zsh or fish')
    .addOption(new Option('--names', 'print contact names, one per line (used by the scripts)').hideHelp()),
  (a) => a.completion));
  def('check', () => wire(command('check', 'check the journal: integrity, references, counts (exit 1 when damaged)').option('--json', 'print JSON'),
    (a) => a.check));

  const only = declarations.get(commandWord(argv) ?? '');
  if (only) only();
  else for (const declare of declarations.values()) declare();
  return program;
}

/** The first word of `argv` after any `--db PATH`: the command it runs, if it names one. */
function commandWord(argv: readonly string[]): string | undefined {
  let i = 0;
  while (argv[i] === '--db' || argv[i]?.startsWith('--db=')) i += argv[i] === '--db' ? 2 : 1;
  return argv[i];
}
