/**
 * Making stored text safe for a terminal. A note pasted from anywhere may hold ESC sequences,
 * carriage returns, backspaces or bidi overrides that would rewrite what the user sees; Node's
 * stripVTControlCharacters lets several of those through, so rel escapes them itself.
 * Raw text only ever leaves rel inside JSON (where JSON.stringify escapes it) or an export file.
 */

// C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates and marks, line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_KEEP_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\u0000': '\\0', '\u001b': '\\e', '\u0007': '\\a' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of user text, every control character shown as an escape (`\e`, `\r`, `\u202e`...). */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** A block of user text: newlines kept as line breaks, every other control character escaped. */
export function visibleBlock(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_KEEP_NEWLINE, escapeChar);
}

/** Terminal columns a string takes, roughly: wide East Asian characters and emoji count 2. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/** Pads (or cuts with an ellipsis) to exactly `width` columns. */
export function fit(text: string, width: number): string {
  const w = displayWidth(text);
  if (w <= width) return text + ' '.repeat(width - w);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cw = displayWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - used - 1));
}
