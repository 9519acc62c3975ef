/**
 * Reading a JSON Lines import: every line checked, in order, and handed to an `ImportWriter` as
 * soon as it is valid. The same function runs in the main thread (small files, tests) and in
 * the import worker (src/commands/import-worker.ts), so both refuse the same lines with the
 * same messages.
 */
import { readSync } from 'node:fs';
import { describeErrno, UserError } from '../cli/errors.js';
import { LineError, parseLine } from '../domain/interchange.js';
import { foldKey } from '../domain/names.js';
import type { ImportWriter } from '../store/interchange.js';
import { visible } from '../ui/text.js';

/** What `import --dry-run` writes: nothing. Contacts get made-up ids (positive, as real ones are), so later lines can name them. */
export function dryRunWriter(): ImportWriter {
  let next = 0;
  return { contact: () => ++next, interaction: () => {}, promise: () => {}, finish: () => {} };
}

/**
 * From this size up, the command shares the reading with a worker thread while it writes
 * (import-thread.ts); below it, starting a thread (~40 ms) costs more than it saves.
 */
export const WORKER_MIN_BYTES = 1 << 20;

export interface ImportCounts { contacts: number; interactions: number; promises: number }

/** How far a reader has got: what another reader needs to go on from there (import-thread.ts). */
export interface ImportState {
  /** Where the next line starts: bytes (characters, for a string) from the start of the file. */
  offset: number;
  /** The number of the last line read. */
  line: number;
  counts: ImportCounts;
  /** The contacts the file has created so far: their ids by folded name. */
  fresh: Map<string, number>;
}

/**
 * Checks a JSONL file line by line and hands each record to `writer` as soon as it is valid. A
 * contact line must come before any line naming it; names may also refer to contacts already in
 * the journal (`existing`, by folded name), but a contact line may not re-create one. The first
 * bad line stops the import with its number (the caller's transaction undoes what was written).
 *
 * The file may come in pieces (`read`), and one reader may go on where another stopped (`from`):
 * the two threads of a big import share it that way, and refuse the same lines with the same
 * messages as one reader of the whole file would.
 */
export class JsonlReader {
  readonly counts: ImportCounts;
  /** The number of the last line read. */
  line: number;
  /** Where the next line starts. */
  offset: number;
  private readonly fresh: Map<string, number>;
  private readonly ids: Map<string, number>;
  /**
   * Folding (NFC, case fold) is the costly part of a reference, and a journal names the same
   * few thousand people a hundred thousand times.
   */
  private readonly keys = new Map<string, string>();

  constructor(private readonly existing: ReadonlyMap<string, number>, private readonly writer: ImportWriter, from?: ImportState) {
    this.counts = { ...(from?.counts ?? { contacts: 0, interactions: 0, promises: 0 }) };
    this.line = from?.line ?? 0;
    this.offset = from?.offset ?? 0;
    this.fresh = new Map(from?.fresh);
    this.ids = new Map(existing);
    for (const [key, id] of this.fresh) this.ids.set(key, id);
  }

  /**
   * Reads the lines of `chunk`, which holds the file from `this.offset` on: every line that ends
   * in it, and the last one too if `last` (the chunk ends the file). Before each line it asks
   * `stop`, and stops when told to. Returns whether it stopped; `offset` says how far it got (a
   * line cut off at the chunk's end is read again with the next chunk). `progress` hears the
   * offset every 1,024 lines.
   */
  read(chunk: string | Uint8Array, last: boolean, progress?: (reached: number) => void, stop?: () => boolean): boolean {
    // Bytes are split at newlines and decoded a line at a time: a line of plain ASCII then stays
    // a one-byte string, which JSON.parse reads faster than a slice of one big decoded text.
    const bytes = typeof chunk === 'string' ? null : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const text = bytes ? '' : (chunk as string);
    const total = bytes ? bytes.length : text.length;
    const at = this.offset;
    let start = at === 0 && bytes && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    let stopped = false;
    while (start < total) {
      if (stop?.()) {
        stopped = true;
        break;
      }
      let end = bytes ? bytes.indexOf(10, start) : text.indexOf('\n', start);
      if (end < 0) {
        if (!last) break;
        end = total;
      }
      this.line++;
      if (progress && (this.line & 1023) === 0) progress(at + end);
      let line = bytes ? bytes.toString('utf8', start, end > start && bytes[end - 1] === 13 ? end - 1 : end) : text.slice(start, end);
      start = end + 1;
      if (!bytes && line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() !== '') this.record(line);
    }
    this.offset = at + Math.min(start, total);
    return stopped;
  }

  /** Where another reader goes on from. */
  state(): ImportState {
    return { offset: this.offset, line: this.line, counts: { ...this.counts }, fresh: new Map(this.fresh) };
  }

  /** After the last line: lets the writer write what it holds back, and returns the counts. */
  finish(): ImportCounts {
    this.writer.finish();
    return { ...this.counts };
  }

  private keyOf(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) this.keys.set(name, (key = foldKey(name)));
    return key;
  }

  private idOf(name: string): number {
    const id = this.ids.get(this.keyOf(name));
    if (id !== undefined) return id;
    throw new UserError(`line ${this.line}: unknown contact "${visible(name)}" (a contact line must come before any line that names it); nothing was imported`);
  }

  private record(line: string): void {
    let rec;
    try {
      rec = parseLine(line);
    } catch (e) {
      if (e instanceof LineError) throw new UserError(`line ${this.line}: ${e.message}; nothing was imported`);
      throw e;
    }
    if (rec.type === 'contact') {
      const key = this.keyOf(rec.name);
      if (this.fresh.has(key)) throw new UserError(`line ${this.line}: contact "${visible(rec.name)}" appears twice in the file; nothing was imported`);
      if (this.existing.has(key)) throw new UserError(`line ${this.line}: contact "${visible(rec.name)}" is already in the journal; nothing was imported`);
      const id = this.writer.contact(rec);
      this.fresh.set(key, id);
      this.ids.set(key, id);
      this.counts.contacts++;
    } else if (rec.type === 'interaction') {
      const names = rec.contacts;
      const contactIds: number[] = [];
      for (let k = 0; k < names.length; k++) contactIds.push(this.idOf(names[k]!));
      this.writer.interaction(rec, contactIds);
      this.counts.interactions++;
    } else {
      this.writer.promise(rec, this.idOf(rec.contact));
      this.counts.promises++;
    }
  }
}

/** Reads a whole file (or text) with one reader: small files, tests, and a thread that could not start. */
export function importJsonl(source: string | Uint8Array, existing: ReadonlyMap<string, number>, writer: ImportWriter,
  progress?: (done: number, total: number) => void): ImportCounts {
  const reader = new JsonlReader(existing, writer);
  reader.read(source, true, progress && ((reached) => progress(reached, source.length)));
  return reader.finish();
}

/** Bytes read per call when a file is read in pieces: a few milliseconds' reading, a few hundred lines. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Reads the file open as `fd` (`size` bytes) with `reader` from where it has got, a piece at a
 * time (`pieceBytes`, smaller in tests), until its end or until `stop` (see JsonlReader.read).
 * Returns whether it stopped.
 */
export function readPieces(fd: number, file: string, size: number, reader: JsonlReader, progress?: (reached: number) => void,
  stop?: () => boolean, pieceBytes = CHUNK_BYTES): boolean {
  let want = pieceBytes;
  while (reader.offset < size) {
    const at = reader.offset;
    const chunk = Buffer.allocUnsafe(Math.min(want, size - at));
    let got = 0;
    try {
      while (got < chunk.length) {
        const n = readSync(fd, chunk, got, chunk.length - got, at + got);
        if (n === 0) break;
        got += n;
      }
    } catch (e) {
      throw new UserError(`cannot read ${file}: ${describeErrno(e as NodeJS.ErrnoException)}`);
    }
    // A file that shrank while read ends where its bytes do.
    const last = got < chunk.length || at + got >= size;
    if (reader.read(got < chunk.length ? chunk.subarray(0, got) : chunk, last, progress, stop)) return true;
    if (last) break;
    // A line longer than a piece: read a bigger one.
    want = reader.offset === at ? want * 2 : pieceBytes;
  }
  return false;
}
