/** Shapes shared by the import parsers (vCard, CSV) and the merge planner. */
import type { Day } from '../domain/types.js';
import type { Circle } from '../domain/vocab.js';

/**
 * One person as an import file describes them, cleaned (NFC, whitespace collapsed, lists
 * de-duplicated) but not yet matched against the journal. Fields the file doesn't give are
 * empty (`[]`, `''`) or null.
 */
export interface ContactDraft {
  name: string;
  aliases: string[];
  org: string | null;
  role: string | null;
  emails: string[];
  tags: string[];
  /**
   * Free text kept from the file: the card's NOTE, plus lines such as `Birthday: 1990-05-01`
   * or `LinkedIn: https://...` for data rel has no field for.
   */
  notes: string;
  /** Phone numbers as written. rel has no phone field; kept for the command to show or drop. */
  phones: string[];
  /** `YYYY-MM-DD`, or `--MM-DD` when the year is unknown; also written into `notes`. */
  birthday: string | null;
  /** Only from a CSV `circle` column holding a vocabulary word. */
  circle: Circle | null;
  /** LinkedIn's "Connected On", or a CSV `met on` column. */
  metOn: Day | null;
  howMet: string | null;
  /** 1-based line in the source file where this record starts (for messages). */
  line: number;
}

/** Result of parsing an import file: what could be read, and one line per thing that could not. */
export interface ParsedContacts {
  cards: ContactDraft[];
  /** Human sentences starting with `line N:`; nothing in them is fatal. */
  warnings: string[];
}
