/**
 * vCard import and export.
 *
 * Reading accepts what address books actually write: vCard 2.1 (old phones, Outlook), 3.0
 * (Apple, Google, Outlook) and 4.0 (Android, Nextcloud): folded lines, quoted-printable values
 * with soft line breaks and a CHARSET, `item1.EMAIL` groups, bare 2.1 parameters, a BOM, blank
 * lines, embedded photos and unknown properties (ignored).
 *
 * Writing produces vCard 3.0: it is what Apple Contacts and Google Contacts export themselves,
 * and the version every common importer reads (Outlook and older Android phones mishandle 4.0).
 *
 * Hand-rolled rather than an npm parser: the maintained ones (ical.js, vcard4) don't decode
 * vCard 2.1 / quoted-printable at all, and `vcf` leaves quoted-printable undecoded by design.
 */
import type { Contact } from '../domain/types.js';
import {
  decodeBytesAs, decodeQuotedPrintable, escapeText, joinContentLines, paramUpper, parseContentLine,
  splitUnescaped, unescapeText, unfoldLines, type ContentLine,
} from './content-line.js';
import { buildDraft, normaliseBirthday } from './draft.js';
import type { ContactDraft, ParsedContacts } from './types.js';

interface CardFields {
  line: number;
  version: string | null;
  fn: string | null;
  n: string[] | null;
  nicknames: string[];
  org: string | null;
  title: string | null;
  role: string | null;
  emails: string[];
  phones: string[];
  notes: string[];
  categories: string[];
  birthday: string | null;
}

function emptyCard(line: number): CardFields {
  return {
    line, version: null, fn: null, n: null, nicknames: [], org: null, title: null, role: null,
    emails: [], phones: [], notes: [], categories: [], birthday: null,
  };
}

/** Parses every card in a .vcf text. Never throws: what cannot be read becomes a warning. */
export function parseVCards(text: string): ParsedContacts {
  const cards: ContactDraft[] = [];
  const warnings: string[] = [];
  let card: CardFields | null = null;
  /** Depth of vCards nested inside the current one (vCard 2.1 AGENT), whose lines are skipped. */
  let nested = 0;
  let strayWarned = false;

  for (const logical of unfoldLines(text, { quotedPrintable: true })) {
    const prop = parseContentLine(logical);
    if (!prop) {
      // Unindented continuation of a base64 photo (some 2.1 writers) or junk: nothing we need.
      continue;
    }
    const isVcardMarker = prop.value.trim().toUpperCase() === 'VCARD';
    if (prop.name === 'BEGIN' && isVcardMarker) {
      if (card) nested++;
      else card = emptyCard(prop.line);
      continue;
    }
    if (prop.name === 'END' && isVcardMarker) {
      if (nested > 0) nested--;
      else if (card) {
        finishCard(card, cards, warnings);
        card = null;
      }
      continue;
    }
    if (!card) {
      if (!strayWarned) warnings.push(`line ${prop.line}: text outside BEGIN:VCARD ... END:VCARD ignored`);
      strayWarned = true;
      continue;
    }
    if (nested > 0) continue;
    readProperty(card, prop, warnings);
  }
  if (card) {
    warnings.push(`line ${card.line}: card has no END:VCARD; read up to the end of the file`);
    finishCard(card, cards, warnings);
  }
  return { cards, warnings };
}

/** The value as escaped text: quoted-printable and base64 decoded, escapes still in place. */
function decodedValue(prop: ContentLine, warnings: string[]): string | null {
  const encoding = paramUpper(prop, 'ENCODING');
  const charset = paramUpper(prop, 'CHARSET');
  if (encoding === 'QUOTED-PRINTABLE') {
    const text = decodeQuotedPrintable(prop.value, charset);
    if (text !== null) return text;
    warnings.push(`line ${prop.line}: unknown charset ${charset}; ${prop.name} read as UTF-8`);
    return decodeQuotedPrintable(prop.value, 'utf-8');
  }
  if (encoding === 'B' || encoding === 'BASE64') {
    try {
      const binary = atob(prop.value.replace(/\s+/g, ''));
      return decodeBytesAs(Uint8Array.from(binary, (c) => c.charCodeAt(0)), charset) ?? '';
    } catch {
      warnings.push(`line ${prop.line}: ${prop.name} has invalid base64; ignored`);
      return null;
    }
  }
  return prop.value;
}

const TEXT_PROPERTIES = new Set(['VERSION', 'FN', 'N', 'NICKNAME', 'ORG', 'TITLE', 'ROLE', 'EMAIL', 'TEL', 'NOTE', 'CATEGORIES', 'BDAY']);

function readProperty(card: CardFields, prop: ContentLine, warnings: string[]): void {
  // Skip PHOTO, LOGO, X-* and the rest before decoding anything: photos are large.
  if (!TEXT_PROPERTIES.has(prop.name)) return;
  const raw = decodedValue(prop, warnings);
  if (raw === null) return;
  const v21 = card.version === '2.1';
  switch (prop.name) {
    case 'VERSION':
      card.version = raw.trim();
      break;
    case 'FN':
      card.fn = unescapeText(raw);
      break;
    case 'N':
      card.n = splitUnescaped(raw, ';').map(unescapeText);
      break;
    case 'NICKNAME':
      card.nicknames.push(...splitUnescaped(raw, ',').map(unescapeText));
      break;
    case 'ORG':
      card.org = unescapeText(splitUnescaped(raw, ';')[0] ?? '');
      break;
    case 'TITLE':
      card.title = unescapeText(raw);
      break;
    case 'ROLE':
      card.role = unescapeText(raw);
      break;
    case 'EMAIL':
      card.emails.push(unescapeText(raw));
      break;
    case 'TEL':
      card.phones.push(unescapeText(raw).replace(/^tel:/i, ''));
      break;
    case 'NOTE':
      card.notes.push(unescapeText(raw));
      break;
    case 'CATEGORIES':
      // vCard 2.1 has no list syntax; Outlook separates its categories with `;` there.
      card.categories.push(...splitUnescaped(raw, v21 ? ',;' : ',').map(unescapeText));
      break;
    case 'BDAY': {
      const omitYear = prop.params.has('X-APPLE-OMIT-YEAR');
      card.birthday = normaliseBirthday(unescapeText(raw), omitYear);
      break;
    }
  }
}

/** N components: family; given; additional; prefix; suffix. The display form drops the prefix. */
function nameFromN(n: string[]): string {
  const [family = '', given = '', additional = '', , suffix = ''] = n;
  return [given, additional, family, suffix].map((s) => s.trim()).filter((s) => s !== '').join(' ');
}

function finishCard(card: CardFields, out: ContactDraft[], warnings: string[]): void {
  const candidates = [card.fn, card.n ? nameFromN(card.n) : null, card.org, card.emails[0] ?? null];
  const name = candidates.map((c) => (c ?? '').trim()).find((c) => c !== '') ?? '';
  const draft = buildDraft({
    name,
    aliases: card.nicknames,
    org: card.org,
    role: card.title ?? card.role,
    emails: card.emails,
    tags: card.categories,
    notes: card.notes,
    phones: card.phones,
    birthday: card.birthday,
    line: card.line,
  }, warnings);
  if (draft) out.push(draft);
  else warnings.push(`line ${card.line}: card has no name, organisation or e-mail; skipped`);
}

// ---- writing

/** A full birthday written in notes by an import (`Birthday: 1990-05-01`) is also given as BDAY. */
const BIRTHDAY_IN_NOTES = /^Birthday: (\d{4}-\d{2}-\d{2})$/m;

/**
 * Writes contacts as vCard 3.0, in the order given: CRLF line ends, lines folded at 75 octets,
 * text escaped. Fields: N (last word as family name), FN, NICKNAME (aliases), ORG, TITLE (role),
 * EMAIL (each), BDAY (from a `Birthday:` line in notes), CATEGORIES (tags), NOTE. Deterministic:
 * no REV or UID, so exporting twice gives the same bytes.
 */
export function formatVCards(contacts: readonly Contact[]): string {
  const lines: string[] = [];
  for (const c of contacts) {
    lines.push('BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//rel//rel//EN');
    const words = c.name.split(' ');
    const family = words.length > 1 ? words[words.length - 1]! : '';
    const given = words.length > 1 ? words.slice(0, -1).join(' ') : c.name;
    lines.push(`N:${escapeText(family)};${escapeText(given)};;;`);
    lines.push(`FN:${escapeText(c.name)}`);
    if (c.aliases.length > 0) lines.push(`NICKNAME:${c.aliases.map(escapeText).join(',')}`);
    if (c.org !== null && c.org !== '') lines.push(`ORG:${escapeText(c.org)}`);
    if (c.role !== null && c.role !== '') lines.push(`TITLE:${escapeText(c.role)}`);
    for (const e of c.emails) lines.push(`EMAIL;TYPE=INTERNET:${escapeText(e)}`);
    const birthday = BIRTHDAY_IN_NOTES.exec(c.notes);
    if (birthday) lines.push(`BDAY:${birthday[1]}`);
    if (c.tags.length > 0) lines.push(`CATEGORIES:${c.tags.map(escapeText).join(',')}`);
    if (c.notes !== '') lines.push(`NOTE:${escapeText(c.notes)}`);
    lines.push('END:VCARD');
  }
  return joinContentLines(lines);
}
