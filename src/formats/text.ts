/**
 * Bytes of an imported file -> text. Address books and spreadsheets write UTF-8 (with or
 * without a BOM), UTF-16 ("Unicode text" from Excel and some Outlook exports), or Windows-1252
 * (Excel's "CSV" on Western Windows, old Outlook vCards). The importer reads the file and calls
 * this; the parsers then work on strings.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeFileText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Windows-1252, a superset of ISO-8859-1's printable range.
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/**
 * Code points of bytes 0x80-0x9F in Windows-1252 (WHATWG table; undefined bytes map to the C1
 * control of the same number). Node 20's TextDecoder('windows-1252') decodes these bytes as
 * ISO-8859-1 C1 controls, which turns Outlook's curly quotes and euro signs into invisible
 * characters, so this table is applied by hand.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 (and ISO-8859-1, which WHATWG reads the same way) bytes to text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}
