/**
 * What commands need from interactive prompts. Commands depend on this interface; tests pass a
 * fake; the real one wraps @inquirer/prompts, loaded only when a prompt is actually shown.
 */
import { CancelledError } from '../cli/errors.js';

export interface Choice<T> { name: string; value: T; description?: string }

export interface Prompter {
  input(opts: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(opts: { message: string; choices: Array<Choice<T>>; default?: T }): Promise<T>;
  /** A filter-as-you-type picker; `source` is called with what the user typed so far. */
  search<T>(opts: { message: string; source: (term: string | undefined) => Array<Choice<T>> }): Promise<T>;
  confirm(opts: { message: string; default?: boolean }): Promise<boolean>;
  checkbox<T>(opts: { message: string; choices: Array<Choice<T>> }): Promise<T[]>;
}

/** The real prompter on the process's TTY. Ctrl-C or Esc becomes a CancelledError (nothing written). */
export async function inquirerPrompter(): Promise<Prompter> {
  const p = await import('@inquirer/prompts');
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw new CancelledError('cancelled; nothing was written');
      throw e;
    }
  };
  return {
    input: (o) => guard(() => p.input({ message: o.message, default: o.default, validate: o.validate })),
    select: <T>(o: { message: string; choices: Array<Choice<T>>; default?: T }) =>
      guard(() => p.select<T>({ message: o.message, choices: o.choices, default: o.default, pageSize: 12 })),
    search: <T>(o: { message: string; source: (term: string | undefined) => Array<Choice<T>> }) =>
      guard(() => p.search<T>({ message: o.message, source: async (term) => o.source(term), pageSize: 10 })),
    confirm: (o) => guard(() => p.confirm({ message: o.message, default: o.default })),
    checkbox: <T>(o: { message: string; choices: Array<Choice<T>> }) =>
      guard(() => p.checkbox<T>({ message: o.message, choices: o.choices, pageSize: 12 })),
  };
}
