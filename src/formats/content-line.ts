/**
 * The "content line" syntax shared by vCard (RFC 2425/2426/6350) and iCalendar (RFC 5545):
 * `group.NAME;PARAM=a,b;PARAM="q:v":value`, long lines folded with CRLF + one space, text values
 * with backslash escapes. Both formats are read and written through here so their quirks are
 * handled once.
 */
import { decodeWindows1252 } from './text.js';

export interface ContentLine {
  /** Apple and Google write `item1.EMAIL`; the group is kept but rarely matters. */
  group: string | null;
  /** Upper-cased property name without its group. */
  name: string;
  /** Upper-cased parameter names -> values (quotes removed, RFC 6868 `^` escapes decoded). */
  params: Map<string, string[]>;
  /** Raw value: still escaped, still quoted-printable if so encoded. */
  value: string;
  /** 1-based line in the source where this logical line starts. */
  line: number;
}

export interface LogicalLine { text: string; line: number }

/** Encodings a vCard 2.1 writer may name as a bare parameter (`NOTE;QUOTED-PRINTABLE:`). */
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits text into logical lines: CRLF, LF or CR line ends; a line starting with a space or tab
 * continues the previous one (that one whitespace character is dropped). With `quotedPrintable`,
 * a quoted-printable value ending in `=` (a soft line break, vCard 2.1 and Outlook) continues on
 * the next physical line whatever it starts with. Blank lines end the current line and are
 * dropped.
 */
export function unfoldLines(text: string, options: { quotedPrintable?: boolean } = {}): LogicalLine[] {
  const physical = stripBom(text).split(/\r\n|\r|\n/);
  const out: LogicalLine[] = [];
  let current: LogicalLine | null = null;
  for (let i = 0; i < physical.length; i++) {
    const p = physical[i]!;
    if (current && options.quotedPrintable && current.text.endsWith('=') && isQuotedPrintableHead(current.text)) {
      current.text = current.text.slice(0, -1) + p;
      continue;
    }
    if (current && (p.startsWith(' ') || p.startsWith('\t'))) {
      current.text += p.slice(1);
      continue;
    }
    if (current) out.push(current);
    current = p.trim() === '' ? null : { text: p, line: i + 1 };
  }
  if (current) out.push(current);
  return out;
}

/** True when the property's parameters (before the first unquoted `:`) say quoted-printable. */
function isQuotedPrintableHead(text: string): boolean {
  const colon = findValueColon(text);
  const head = colon < 0 ? text : text.slice(0, colon);
  return /;\s*(ENCODING\s*=\s*)?"?QUOTED-PRINTABLE"?\s*(;|$)/i.test(head);
}

/** Index of the colon that starts the value: the first one outside double quotes. */
function findValueColon(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

/** Parses one logical line; null when it has no `name:value` shape. */
export function parseContentLine(logical: LogicalLine): ContentLine | null {
  const text = logical.text;
  const colon = findValueColon(text);
  if (colon <= 0) return null;
  const head = text.slice(0, colon);
  const value = text.slice(colon + 1);
  const pieces = splitOutsideQuotes(head, ';');
  const fullName = pieces[0]!.trim();
  if (!/^[A-Za-z0-9_.-]+$/.test(fullName)) return null;
  const dot = fullName.lastIndexOf('.');
  const group = dot >= 0 ? fullName.slice(0, dot) : null;
  const name = (dot >= 0 ? fullName.slice(dot + 1) : fullName).toUpperCase();
  const params = new Map<string, string[]>();
  for (const piece of pieces.slice(1)) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    let key: string;
    let values: string[];
    if (eq < 0) {
      // vCard 2.1 bare parameter: `TEL;CELL;PREF` or `NOTE;QUOTED-PRINTABLE`.
      const upper = trimmed.toUpperCase();
      key = BARE_ENCODINGS.has(upper) ? 'ENCODING' : 'TYPE';
      values = [trimmed];
    } else {
      key = trimmed.slice(0, eq).trim().toUpperCase();
      values = splitOutsideQuotes(trimmed.slice(eq + 1), ',').map((v) => decodeParamValue(v.trim()));
    }
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { group, name, params, value, line: logical.line };
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Removes surrounding quotes and decodes RFC 6868 (`^n` newline, `^'` quote, `^^` caret). */
function decodeParamValue(v: string): string {
  const unquoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  return unquoted.replace(/\^(n|N|'|\^)/g, (_, c: string) => (c === "'" ? '"' : c === '^' ? '^' : '\n'));
}

/** The first value of a parameter, upper-cased; null when absent. */
export function paramUpper(line: ContentLine, key: string): string | null {
  const v = line.params.get(key);
  return v && v.length > 0 ? v[0]!.toUpperCase() : null;
}

/**
 * Splits a raw (still escaped) value on `sep` where it is not backslash-escaped: used for the
 * `;` components of N and ORG and the `,` lists of CATEGORIES and NICKNAME.
 */
export function splitUnescaped(raw: string, sep: ',' | ';' | ',;'): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (sep.includes(c)) {
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  out.push(raw.slice(start));
  return out;
}

/** Undoes text escaping: `\n`/`\N` newline, `\,` `\;` `\\`, and (leniently) `\x` -> `x`. */
export function unescapeText(raw: string): string {
  return raw.replace(/\\(.)/gs, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Escapes a text value: backslash, comma, semicolon, and any line end as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** UTF-8 length of one code point. A lone surrogate is written as U+FFFD, three bytes. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line so no physical line exceeds `limit` octets of UTF-8 (75 in both RFCs),
 * continuation lines starting with one space (which counts towards the limit). Breaks fall
 * between code points, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string, limit = 75): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let room = limit;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (bytes + n > room) {
      parts.push(current);
      current = '';
      bytes = 0;
      room = limit - 1;
    }
    current += ch;
    bytes += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Joins content lines into a document: each folded, each ended by CRLF. */
export function joinContentLines(lines: readonly string[]): string {
  return lines.map((l) => foldLine(l) + '\r\n').join('');
}

/**
 * Decodes a quoted-printable value (soft breaks already joined by `unfoldLines`) into text using
 * the named charset. Without a charset, UTF-8 is tried first and Windows-1252 used if the bytes
 * are not valid UTF-8 (old Outlook and phones wrote Latin-1 without saying so). Returns null
 * for a charset this runtime cannot decode.
 */
export function decodeQuotedPrintable(value: string, charset: string | null): string | null {
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '=' && i === value.length - 1) {
      // A trailing soft break with nothing after it.
    } else if (c.charCodeAt(0) < 0x80) {
      bytes.push(c.charCodeAt(0));
    } else {
      // Writers sometimes leave raw non-ASCII next to encoded bytes: keep it as UTF-8.
      const cp = value.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of encoder.encode(String.fromCodePoint(cp))) bytes.push(b);
    }
  }
  return decodeBytesAs(Uint8Array.from(bytes), charset);
}

/** Labels WHATWG decodes as Windows-1252 (see decodeWindows1252 for why not via TextDecoder). */
const LATIN1_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp819', 'ibm819']);

export function decodeBytesAs(bytes: Uint8Array, charset: string | null): string | null {
  if (charset === null) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return decodeWindows1252(bytes);
    }
  }
  const label = charset.trim().toLowerCase();
  if (LATIN1_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}
