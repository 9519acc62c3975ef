/**
 * Colour, only when a person is looking: stdout is a TTY and NO_COLOR is unset. Piped output
 * stays plain and stable for scripts. chalk is loaded by the commands that print, not at start-up.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../domain/vocab.js';

export interface Style {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
  good(s: string): string;
  warn(s: string): string;
  bad(s: string): string;
  severity(level: Severity, s: string): string;
}

export function makeStyle(isTTY: boolean, env: Record<string, string | undefined>): Style {
  // no-color.org: NO_COLOR present and not empty disables colour.
  const enabled = isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
  const c: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    accent: (s) => c.cyan(s),
    good: (s) => c.green(s),
    warn: (s) => c.yellow(s),
    bad: (s) => c.red(s),
    severity: (level, s) => (level === 'high' ? c.red.bold(s) : level === 'medium' ? c.yellow(s) : c.dim(s)),
  };
}
