/**
 * Colour, only when a person is looking: stdout is a TTY and NO_COLOR is unset. Piped output
 * stays plain and stable for scripts. chalk is loaded only when colour is on: setting it up
 * (it probes the terminal at load) was a tenth of `rel log`'s own start-up, for output that
 * is usually piped or plain.
 */
import type { ChalkInstance } from 'chalk';
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

/** Whether to colour: a terminal, and no NO_COLOR (no-color.org: present and not empty) or dumb TERM. */
export function colourWanted(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}

const same = (s: string): string => s;

/** No colour: every style returns its text unchanged. */
export const PLAIN_STYLE: Style = {
  enabled: false, bold: same, dim: same, accent: same, good: same, warn: same, bad: same, severity: (_level, s) => s,
};

/** The style for this output: plain, or coloured with chalk (loaded only then). */
export async function loadStyle(isTTY: boolean, env: Record<string, string | undefined>): Promise<Style> {
  if (!colourWanted(isTTY, env)) return PLAIN_STYLE;
  const { Chalk } = await import('chalk');
  return colourStyle(new Chalk({ level: 1 }));
}

function colourStyle(c: ChalkInstance): Style {
  return {
    enabled: true,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    accent: (s) => c.cyan(s),
    good: (s) => c.green(s),
    warn: (s) => c.yellow(s),
    bad: (s) => c.red(s),
    severity: (level, s) => (level === 'high' ? c.red.bold(s) : level === 'medium' ? c.yellow(s) : c.dim(s)),
  };
}
