/**
 * Turning the loose fields a parser collected into a clean `ContactDraft`: one place for the
 * normalisation every import format shares (NFC, whitespace, de-duplication, e-mail checks).
 */
import { cleanName, foldKey } from '../domain/names.js';
import type { Day } from '../domain/types.js';
import type { Circle } from '../domain/vocab.js';
import type { ContactDraft } from './types.js';

export interface DraftFields {
  name: string;
  aliases?: string[];
  org?: string | null;
  role?: string | null;
  emails?: string[];
  tags?: string[];
  /** Pieces of note text, joined with newlines. */
  notes?: string[];
  phones?: string[];
  birthday?: string | null;
  circle?: Circle | null;
  metOn?: Day | null;
  howMet?: string | null;
  line: number;
}

/** Google Contacts puts every contact in these system groups; they are not the user's tags. */
const SYSTEM_GROUPS = new Set(['mycontacts', 'starred', 'my contacts']);

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** A single-line value: NFC, trimmed, inner whitespace collapsed; null when empty. */
export function cleanField(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const v = cleanName(text);
  return v === '' ? null : v;
}

/** Multi-line text: NFC, line ends as LF, trailing spaces and outer blank lines removed. */
export function cleanNote(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n|\r/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/** The text `Birthday: ...` that stands for a birthday in notes. */
export function birthdayLine(birthday: string): string {
  return `Birthday: ${birthday}`;
}

/**
 * Normalises a vCard/CSV birthday to `YYYY-MM-DD`, or `--MM-DD` without a year. Understands
 * `1990-05-01`, `19900501`, a trailing time, vCard 4.0 `--0501`/`--05-01`, and Apple's
 * "year omitted" marker year 1604. Anything else is returned trimmed (a text birthday is still
 * the user's data).
 */
export function normaliseBirthday(raw: string, omitYear = false): string | null {
  const text = raw.trim();
  if (text === '') return null;
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validMonthDay(mo, d, omitYear || y === 1604 ? 2000 : y)) {
      return omitYear || y === 1604 ? `--${m[2]}-${m[3]}` : `${m[1]}-${m[2]}-${m[3]}`;
    }
    return text;
  }
  m = /^--(\d{2})-?(\d{2})$/.exec(text);
  if (m && validMonthDay(Number(m[1]), Number(m[2]), 2000)) return `--${m[1]}-${m[2]}`;
  return text;
}

function validMonthDay(m: number, d: number, y: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Splits on `;` or `,` and drops empties (tag and e-mail cells of CSV files). */
export function splitList(text: string, separators: RegExp = /[;,]/): string[] {
  return text.split(separators).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Builds a clean draft, or null when no usable name is left (the caller warns). Invalid e-mail
 * addresses are left out with a warning.
 */
export function buildDraft(f: DraftFields, warnings: string[]): ContactDraft | null {
  const name = cleanName(f.name);
  if (name === '') return null;
  const nameKey = foldKey(name);

  const emails: string[] = [];
  const emailKeys = new Set<string>();
  for (const raw of f.emails ?? []) {
    const e = raw.trim().replace(/^mailto:/i, '').normalize('NFC');
    if (e === '') continue;
    if (!EMAIL.test(e)) {
      warnings.push(`line ${f.line}: "${e}" is not an e-mail address; left out of ${name}`);
      continue;
    }
    const key = e.toLowerCase();
    if (emailKeys.has(key)) continue;
    emailKeys.add(key);
    emails.push(e);
  }

  const tags = uniqueByKey((f.tags ?? []).map((t) => cleanField(t.replace(/^\*\s*/, ''))))
    .filter((t) => !SYSTEM_GROUPS.has(foldKey(t)));
  const aliases = uniqueByKey((f.aliases ?? []).map(cleanField)).filter((a) => foldKey(a) !== nameKey);
  const phones = uniqueByKey((f.phones ?? []).map(cleanField));

  const birthday = f.birthday ? normaliseBirthday(f.birthday) : null;
  const pieces = (f.notes ?? []).map(cleanNote).filter((p) => p !== '');
  let notes = pieces.join('\n');
  if (birthday !== null && !notes.includes(birthdayLine(birthday))) {
    notes = notes === '' ? birthdayLine(birthday) : `${notes}\n${birthdayLine(birthday)}`;
  }

  return {
    name,
    aliases,
    org: cleanField(f.org),
    role: cleanField(f.role),
    emails,
    tags,
    notes,
    phones,
    birthday,
    circle: f.circle ?? null,
    metOn: f.metOn ?? null,
    howMet: cleanField(f.howMet),
    line: f.line,
  };
}

function uniqueByKey(values: Array<string | null>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v === null) continue;
    const k = foldKey(v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}
