/**
 * Reading a JSON Lines import: every line checked, in order, and handed to an `ImportWriter` as
 * soon as it is valid. The same function runs in the main thread (small files, tests) and in
 * the import worker (src/commands/import-worker.ts), so both refuse the same lines with the
 * same messages.
 */
import { UserError } from '../cli/errors.js';
import { LineError, parseLine } from '../domain/interchange.js';
import { foldKey } from '../domain/names.js';
import type { ImportWriter } from '../store/interchange.js';
import { visible } from '../ui/text.js';

/** What `import --dry-run` writes: nothing. Contacts get stand-in ids, so later lines can name them. */
export function dryRunWriter(): ImportWriter {
  let next = 0;
  return { contact: () => --next, interaction: () => {}, promise: () => {}, finish: () => {} };
}

/**
 * From this size up, the command reads and checks the file in a worker thread while the main
 * thread writes (import-thread.ts); below it, starting a thread (~30 ms) costs more than it saves.
 */
export const WORKER_MIN_BYTES = 1 << 20;

export interface ImportCounts { contacts: number; interactions: number; promises: number }

/**
 * Checks a JSONL file line by line and hands each record to `writer` as soon as it is valid. A
 * contact line must come before any line naming it; names may also refer to contacts already in
 * the journal (`existing`, by folded name), but a contact line may not re-create one. The first
 * bad line stops the import with its number (the caller's transaction undoes what was written).
 */
export function importJsonl(source: string | Uint8Array, existing: ReadonlyMap<string, number>, writer: ImportWriter,
  progress?: (done: number, total: number) => void): ImportCounts {
  const counts: ImportCounts = { contacts: 0, interactions: 0, promises: 0 };
  const fresh = new Set<string>();
  const ids = new Map(existing);
  // Folding (NFC, case fold) is the costly part of a reference, and a journal names the same
  // few thousand people a hundred thousand times.
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = foldKey(name)));
    return key;
  };
  const idOf = (name: string, line: number): number => {
    const id = ids.get(keyOf(name));
    if (id !== undefined) return id;
    throw new UserError(`line ${line}: unknown contact "${visible(name)}" (a contact line must come before any line that names it); nothing was imported`);
  };
  // Bytes are split at newlines and decoded a line at a time: a line of plain ASCII then stays a
  // one-byte string, which JSON.parse reads faster than a slice of one big decoded text.
  const bytes = typeof source === 'string' ? null : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const total = bytes ? bytes.length : (source as string).length;
  const text = bytes ? '' : (source as string);
  let lineNo = 0;
  let start = bytes && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start <= total) {
    let end = bytes ? bytes.indexOf(10, start) : text.indexOf('\n', start);
    if (end < 0) end = total;
    lineNo++;
    if (progress && (lineNo & 1023) === 0) progress(end, total);
    let line = bytes ? bytes.toString('utf8', start, end > start && bytes[end - 1] === 13 ? end - 1 : end) : text.slice(start, end);
    start = end + 1;
    if (!bytes && line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    let rec;
    try {
      rec = parseLine(line);
    } catch (e) {
      if (e instanceof LineError) throw new UserError(`line ${lineNo}: ${e.message}; nothing was imported`);
      throw e;
    }
    if (rec.type === 'contact') {
      const key = keyOf(rec.name);
      if (fresh.has(key)) throw new UserError(`line ${lineNo}: contact "${visible(rec.name)}" appears twice in the file; nothing was imported`);
      if (existing.has(key)) throw new UserError(`line ${lineNo}: contact "${visible(rec.name)}" is already in the journal; nothing was imported`);
      fresh.add(key);
      ids.set(key, writer.contact(rec));
      counts.contacts++;
    } else if (rec.type === 'interaction') {
      const contactIds = rec.contacts.map((n) => idOf(n, lineNo));
      writer.interaction(rec, contactIds);
      counts.interactions++;
    } else {
      writer.promise(rec, idOf(rec.contact, lineNo));
      counts.promises++;
    }
  }
  writer.finish();
  return counts;
}

