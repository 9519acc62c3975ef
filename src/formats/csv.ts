/**
 * CSV: an RFC 4180 reader and writer, contact import from LinkedIn's "Connections" export and
 * from any spreadsheet with a header row, and contact / interaction export.
 *
 * Export defends against CSV (formula) injection as OWASP recommends: a cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is what Excel, LibreOffice and Google Sheets
 * run as a formula, so it gets a leading `'` (shown as text, not run), and every cell that
 * holds a separator, quote or line end is enclosed in double quotes with `"` doubled. Import
 * undoes that `'` so an exported file re-imports to the same values.
 */
import { formatDay, parseIsoDay, dayFromCivil, daysInMonth } from '../domain/dates.js';
import type { Contact, Day, GiveGet, PushAway } from '../domain/types.js';
import { CIRCLES, isWord, type Channel, type Initiator, type Tone } from '../domain/vocab.js';
import { stripBom } from './content-line.js';
import { buildDraft, splitList } from './draft.js';
import type { ContactDraft, ParsedContacts } from './types.js';

/** A file that cannot be read as CSV at all (an unclosed quote swallows the rest of it). */
export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span several lines). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180, leniently: CRLF, LF or CR line ends; `"` quoted fields with `""` for a quote and
 * line ends inside; a BOM; a quote in the middle of an unquoted field taken literally; blank
 * lines skipped. Throws CsvError on a quoted field that never closes.
 */
export function parseCsvRecords(text: string, delimiter = ','): CsvRecord[] {
  const s = stripBom(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let inQuotes = false;
  let wasQuoted = false;
  /** A record that is one empty unquoted field is a blank line, and skipped. */
  let wasQuotedRecord = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' && !wasQuotedRecord)) records.push({ line: recordLine, fields });
    fields = [];
    wasQuotedRecord = false;
  };

  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '' && !wasQuoted) {
      inQuotes = true;
      wasQuoted = true;
      wasQuotedRecord = true;
      quoteLine = line;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) throw new CsvError('a quoted field starting here is never closed', quoteLine);
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}

export function parseCsv(text: string, delimiter = ','): string[][] {
  return parseCsvRecords(text, delimiter).map((r) => r.fields);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** OWASP CSV injection rule: a cell a spreadsheet would run as a formula gets a leading `'`. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` on import: `'=SUM(1)` -> `=SUM(1)`; other apostrophes are kept. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Quotes a cell when it holds a separator (`,` or `;` for European Excel), a quote, a line end, or outer spaces. */
export function quoteCell(value: string): string {
  return /[",;\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CsvWriteOptions {
  /**
   * Start with a UTF-8 byte order mark. Excel on Windows needs it to read UTF-8 (else "José"
   * shows as "JosÃ©"); Google Sheets, LibreOffice and Numbers don't mind it. Off by default so
   * piping to other tools stays clean.
   */
  bom?: boolean;
}

/** Header row as is, then every data cell neutralised and quoted when needed; CRLF line ends. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
  const lines = [header.map(quoteCell).join(','), ...rows.map((r) => r.map((v) => quoteCell(neutraliseCell(v))).join(','))];
  return (options.bom ? '\ufeff' : '') + lines.map((l) => l + '\r\n').join('');
}

// ---- contacts import

type Column =
  | 'name' | 'first' | 'middle' | 'last' | 'aliases' | 'org' | 'role' | 'email' | 'phone' | 'tags' | 'notes'
  | 'circle' | 'birthday' | 'metOn' | 'howMet' | 'url';

/**
 * Header names each column answers to, most preferred first. For the single-value columns
 * only the most preferred header present is read: Outlook's CSV has both "Title" (Mr., Dr.)
 * and "Job Title", and the job title is the role.
 */
const HEADERS: Record<Exclude<Column, 'email' | 'phone'>, string[]> = {
  name: ['name', 'full name', 'display name', 'formatted name', 'contact name', 'contact', 'fn'],
  first: ['first name', 'given name', 'firstname', 'first'],
  middle: ['middle name', 'additional name', 'middle'],
  last: ['last name', 'family name', 'surname', 'lastname', 'last'],
  aliases: ['aliases', 'alias', 'nickname', 'nicknames', 'nick name'],
  org: ['org', 'organization', 'organisation', 'company', 'organization name', 'organisation name', 'organization 1 - name', 'company name', 'employer'],
  role: ['role', 'job title', 'position', 'organization title', 'organization 1 - title', 'title'],
  tags: ['tags', 'tag', 'categories', 'category', 'labels', 'group membership', 'groups'],
  notes: ['notes', 'note', 'comments', 'comment', 'description'],
  circle: ['circle'],
  birthday: ['birthday', 'birth date', 'birthdate', 'date of birth', 'bday', 'dob'],
  metOn: ['met on', 'connected on', 'met'],
  howMet: ['how met', 'how we met'],
  url: ['url', 'profile url', 'linkedin', 'linkedin url', 'linkedin profile', 'website', 'web page', 'web site', 'homepage'],
};

function normaliseHeader(h: string): string {
  return stripBom(h).trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
}

function classify(header: string): { column: Column; rank: number } | null {
  for (const [column, names] of Object.entries(HEADERS) as Array<[Column, string[]]>) {
    const rank = names.indexOf(header);
    if (rank >= 0) return { column, rank };
  }
  const noise = /type|label|display|kind/.test(header);
  if (/\be-?\s?mails?\b/.test(header) && !noise) return { column: 'email', rank: 0 };
  if (/\b(phone|mobile|telephone|tel|cell)\b/.test(header) && !noise) return { column: 'phone', rank: 0 };
  return null;
}

interface HeaderMap {
  /** Column -> indexes: every e-mail and phone column; the best one for the others. */
  columns: Map<Column, number[]>;
  ignored: string[];
}

function mapHeader(cells: string[]): HeaderMap | null {
  const best = new Map<Column, { index: number; rank: number }>();
  const multi = new Map<Column, number[]>();
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const h = normaliseHeader(cell);
    if (h === '') return;
    const c = classify(h);
    if (!c) {
      ignored.push(cell.trim());
      return;
    }
    if (c.column === 'email' || c.column === 'phone') {
      multi.set(c.column, [...(multi.get(c.column) ?? []), index]);
      return;
    }
    const seen = best.get(c.column);
    if (!seen || c.rank < seen.rank) best.set(c.column, { index, rank: c.rank });
  });
  const columns = new Map<Column, number[]>(multi);
  for (const [c, { index }] of best) columns.set(c, [index]);
  const hasIdentity = ['name', 'first', 'last', 'email'].some((c) => columns.has(c as Column));
  return hasIdentity && columns.size >= 2 ? { columns, ignored } : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** LinkedIn writes "Connected On" as `12 Mar 2024`; spreadsheets of ours use `YYYY-MM-DD`. */
export function parseLooseDay(text: string): Day | null {
  const t = text.trim();
  const iso = parseIsoDay(t);
  if (iso !== null) return iso;
  const m = /^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4})$/.exec(t);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const [d, y] = [Number(m[1]), Number(m[3])];
  if (month === 0 || d < 1 || d > daysInMonth(y, month)) return null;
  return dayFromCivil(y, month, d);
}

/**
 * Reads contacts from a CSV with a header row, mapping columns by name, case-insensitively.
 * Finds the header below any preamble (LinkedIn starts its Connections.csv with "Notes:" and a
 * paragraph), and reads `;`- or tab-separated files too. See docs/formats.md for the columns.
 * Throws CsvError when a quoted field never closes (the rest of the file can't be trusted).
 */
export function parseContactsCsv(text: string): ParsedContacts {
  let records: CsvRecord[] = [];
  let headerAt = -1;
  let header: HeaderMap | null = null;
  let firstError: CsvError | null = null;
  for (const delimiter of [',', ';', '\t']) {
    try {
      records = parseCsvRecords(text, delimiter);
    } catch (e) {
      // Quotes can only be judged with the right separator: try the others before giving up.
      if (!(e instanceof CsvError)) throw e;
      firstError ??= e;
      continue;
    }
    // The header is among the first few records; don't scan a whole headerless file.
    headerAt = records.slice(0, 20).findIndex((r) => mapHeader(r.fields) !== null);
    if (headerAt >= 0) {
      header = mapHeader(records[headerAt]!.fields);
      break;
    }
  }
  if (!header) {
    if (firstError) throw firstError;
    return { cards: [], warnings: ['no header row naming a name, first name, last name or e-mail column was found'] };
  }
  const warnings: string[] = [];
  if (header.ignored.length > 0) warnings.push(`columns not imported: ${header.ignored.join(', ')}`);
  const cols = header.columns;
  const linkedIn = cols.has('url') && records[headerAt]!.fields.some((f) => normaliseHeader(f) === 'connected on');
  const cards: ContactDraft[] = [];

  for (const record of records.slice(headerAt + 1)) {
    const cell = (c: Column): string => {
      for (const i of cols.get(c) ?? []) {
        const v = restoreCell(record.fields[i] ?? '').trim();
        if (v !== '') return v;
      }
      return '';
    };
    const all = (c: Column): string[] => (cols.get(c) ?? []).map((i) => restoreCell(record.fields[i] ?? '').trim()).filter((v) => v !== '');
    if (record.fields.every((f) => f.trim() === '')) continue;

    const emails = all('email').flatMap((v) => splitList(v, /\s*(?:;|,|:::)\s*|\s+/));
    const org = cell('org');
    const name = cell('name') || [cell('first'), cell('middle'), cell('last')].filter((p) => p !== '').join(' ') || org || (emails[0] ?? '');

    const notes = [cell('notes')];
    const url = cell('url');
    if (url !== '') notes.push(`${linkedIn || /linkedin\.com/i.test(url) ? 'LinkedIn' : 'Web'}: ${url}`);

    let circle: ContactDraft['circle'] = null;
    const circleText = cell('circle').toLowerCase();
    if (circleText !== '') {
      if (isWord(CIRCLES, circleText)) circle = circleText;
      else warnings.push(`line ${record.line}: circle "${circleText}" is not one of ${CIRCLES.join(', ')}; left empty`);
    }

    const metText = cell('metOn');
    const metOn = metText === '' ? null : parseLooseDay(metText);
    if (metText !== '' && metOn === null) warnings.push(`line ${record.line}: "${metText}" is not a date rel reads (YYYY-MM-DD or 12 Mar 2024); met-on left empty`);

    // Outlook writes "0/0/00" for "no birthday".
    const birthday = cell('birthday');
    const draft = buildDraft({
      name,
      aliases: splitList(cell('aliases')),
      org,
      role: cell('role'),
      emails,
      phones: all('phone').flatMap((v) => splitList(v, /\s*(?:;|:::)\s*/)),
      tags: splitList(cell('tags'), /\s*(?:;|,|:::)\s*/),
      notes,
      birthday: /^0+\/0+\/0+$/.test(birthday) ? null : birthday || null,
      circle,
      metOn,
      howMet: cell('howMet') || (linkedIn && metOn !== null ? 'LinkedIn' : null),
      line: record.line,
    }, warnings);
    if (draft) cards.push(draft);
    else warnings.push(`line ${record.line}: row has no name, company or e-mail; skipped`);
  }
  return { cards, warnings };
}

// ---- export

const CONTACT_COLUMNS = [
  'name', 'aliases', 'org', 'role', 'circle', 'stage', 'cadence_days', 'emails', 'tags', 'needs', 'offers',
  'interests', 'met_on', 'how_met', 'status', 'ended_on', 'end_note', 'notes',
] as const;

/** Lists inside one cell are joined with "; " (and split on `;` or `,` by the import). */
const LIST_JOIN = '; ';

/** One row per contact, in the order given. The header names re-import through parseContactsCsv. */
export function formatContactsCsv(contacts: readonly Contact[], options: CsvWriteOptions = {}): string {
  const rows = contacts.map((c) => [
    c.name, c.aliases.join(LIST_JOIN), c.org ?? '', c.role ?? '', c.circle, String(c.stage),
    c.cadenceDays === null ? '' : String(c.cadenceDays), c.emails.join(LIST_JOIN), c.tags.join(LIST_JOIN),
    c.needs.join(LIST_JOIN), c.offers.join(LIST_JOIN), c.interests.join(LIST_JOIN), day(c.metOn), c.howMet ?? '',
    c.status, day(c.endedOn), c.endNote ?? '', c.notes,
  ]);
  return formatCsv(CONTACT_COLUMNS, rows, options);
}

/** An interaction as the export sees it: contact names instead of ids. */
export interface InteractionCsvRow {
  on: Day;
  contacts: string[];
  channel: Channel;
  by: Initiator;
  outsideWork: boolean;
  tone: Tone;
  gave: GiveGet[];
  got: GiveGet[];
  pushAway: PushAway | null;
  noReply: boolean;
  note: string;
}

const INTERACTION_COLUMNS = ['date', 'contacts', 'channel', 'by', 'outside_work', 'tone', 'gave', 'got', 'push_away', 'no_reply', 'note'] as const;

/** One row per interaction, in the order given. Give/get items read `kind: note`, joined by "; ". */
export function formatInteractionsCsv(rows: readonly InteractionCsvRow[], options: CsvWriteOptions = {}): string {
  const item = (g: GiveGet | PushAway): string => (g.note === '' ? g.kind : `${g.kind}: ${g.note}`);
  return formatCsv(INTERACTION_COLUMNS, rows.map((r) => [
    formatDay(r.on), r.contacts.join(LIST_JOIN), r.channel, r.by, yesNo(r.outsideWork), r.tone,
    r.gave.map(item).join(LIST_JOIN), r.got.map(item).join(LIST_JOIN), r.pushAway ? item(r.pushAway) : '',
    yesNo(r.noReply), r.note,
  ]), options);
}

function day(d: Day | null): string {
  return d === null ? '' : formatDay(d);
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}
