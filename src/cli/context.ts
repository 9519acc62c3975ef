/**
 * What every command receives: its IO, the clock, the journal path and a prompter. Commands never
 * touch `process`; main builds the real context and tests build fakes.
 */
import { UserError } from './errors.js';
import { dayOfInstant } from '../domain/dates.js';
import type { Day } from '../domain/types.js';
import type { Prompter } from '../ui/prompter.js';
import { PLAIN_STYLE, type Style } from '../ui/style.js';

export interface Out {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

export interface Io {
  stdout: Out;
  stderr: Out;
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  now(): Date;
  /** Supplies the prompter; the real one loads inquirer lazily. */
  prompter(): Promise<Prompter>;
  /** Reads a file the user named (import); injectable for tests. */
  readText?(path: string): string;
}

export class Context {
  readonly io: Io;
  readonly journalPath: string;
  /** Colour or plain, decided before the command runs (ui/style.ts `loadStyle`). */
  readonly style: Style;

  constructor(io: Io, journalPath: string, style: Style = PLAIN_STYLE) {
    this.io = io;
    this.journalPath = journalPath;
    this.style = style;
  }

  /** The user's calendar day now. Reports take `--as-of` instead where given. */
  get today(): Day {
    return dayOfInstant(this.io.now());
  }

  get interactive(): boolean {
    return this.io.stdinIsTTY && this.io.stdout.isTTY;
  }

  /** A prompter, or a user error naming what was missing when there is no TTY to ask on. */
  async prompter(missing: string): Promise<Prompter> {
    if (!this.interactive) throw new UserError(`${missing} (no terminal to ask on)`);
    return this.io.prompter();
  }

  print(text = ''): void {
    this.io.stdout.write(text + '\n');
  }

  /** A note for the user that is not the command's output (stays off stdout, so JSON stays clean). */
  notice(text: string): void {
    this.io.stderr.write(text + '\n');
  }

  printJson(value: unknown): void {
    this.io.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }
}
