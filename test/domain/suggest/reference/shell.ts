/**
 * The ready-to-run `rel ...` line printed under a suggestion. It is pasted into a POSIX shell,
 * so every argument that is not plainly safe is single-quoted, and text taken from the journal
 * (needs, interests, promise texts) is flattened to one printable line first.
 */

/** Characters that need no quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One POSIX shell word: as is when safe, else single-quoted (`'` written as `'\''`). */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE_WORD.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Journal text made fit for one line of prose or a command: control and bidi-override
 * characters dropped, whitespace collapsed, cut at `max` characters with an ellipsis.
 */
export function oneLine(text: string, max = 80): string {
  // Fast path: plain printable ASCII words with single spaces need no cleaning.
  if (text.length <= max && /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(text)) return text;
  const flat = text
    .normalize('NFC')
    .replace(/[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export interface LogLine {
  names: string[];
  channel?: string;
  outsideWork?: boolean;
  /** `KIND:NOTE` items for `--gave`. */
  gave?: string[];
  note?: string;
}

/**
 * `rel log NAME... [--channel C] [--outside-work] [--gave K:NOTE]... [--note T]`. A name that
 * starts with `-` would read as a flag, so then the names go last, after `--`.
 */
export function formatLogCommand(line: LogLine): string {
  const options: string[] = [];
  if (line.channel) options.push('--channel', line.channel);
  if (line.outsideWork) options.push('--outside-work');
  for (const item of line.gave ?? []) options.push('--gave', oneLine(item, 120));
  if (line.note) options.push('--note', oneLine(line.note, 120));
  const names = line.names.map((n) => oneLine(n, Number.POSITIVE_INFINITY));
  const words = names.some((n) => n.startsWith('-'))
    ? ['rel', 'log', ...options, '--', ...names]
    : ['rel', 'log', ...names, ...options];
  return words.map(shellQuote).join(' ');
}
