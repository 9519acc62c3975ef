/**
 * A big import is read in pieces (1 MiB), and by two readers in turn: the main thread's from the
 * start, then the worker thread's from the line where the main one stopped
 * (src/commands/import-jsonl.ts, `JsonlReader`, `readPieces`). Whatever the piece size and the
 * line of the hand-over, the writer must see the same calls, and a bad line must be refused with
 * the same message, as one reader of the whole file gives. Tiny pieces put piece ends inside
 * lines, inside multi-byte characters, between a CR and its LF, and inside the BOM.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJsonl, JsonlReader, readPieces, type ImportCounts } from '../../src/commands/import-jsonl.js';
import type { ImportWriter } from '../../src/store/interchange.js';
import { tempDir } from '../helpers/harness.js';

/** A writer that records every call; contacts get ids 100, 101, ... (shared by both readers, as one journal is). */
function recorder() {
  const calls: unknown[] = [];
  let next = 100;
  const writer: ImportWriter = {
    contact: (c) => { calls.push(['contact', c]); return next++; },
    interaction: (i, ids) => { calls.push(['interaction', ids, i]); },
    promise: (p, id) => { calls.push(['promise', id, p]); },
    finish: () => { calls.push(['finish']); },
  };
  return { calls, writer };
}

const EXISTING = new Map([['existing one', 7]]);

/** Lines of every kind, CRLF endings on some, non-ASCII names and notes, one long line, blank lines, a BOM. */
function fileBytes(): Buffer {
  const lines: string[] = [];
  for (let k = 0; k < 12; k++) lines.push(JSON.stringify({ type: 'contact', name: `Pérsön ${k} 日本`, tags: [`t${k}`], notes: k === 5 ? 'ü'.repeat(3000) : '' }));
  for (let k = 0; k < 60; k++) {
    lines.push(JSON.stringify({ type: 'interaction', on: `2025-01-${String(1 + (k % 28)).padStart(2, '0')}`, contacts: k % 7 === 0 ? ['Existing One', `pérsön ${k % 12} 日本`] : [`Pérsön ${k % 12} 日本`], note: `n ${k} ${'€'.repeat(k % 5)}` }));
    if (k % 13 === 0) lines.push('');
    if (k % 20 === 0) lines.push(JSON.stringify({ type: 'promise', contact: `Pérsön ${k % 12} 日本`, text: `p ${k}`, madeOn: '2025-02-01' }));
  }
  const text = lines.map((l, k) => (k % 3 === 0 ? `${l}\r\n` : `${l}\n`)).join('');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
}

/** One reader of the whole file, or its message. */
function whole(bytes: Buffer): { calls: unknown[]; counts: ImportCounts } | string {
  const r = recorder();
  try {
    return { counts: importJsonl(bytes, EXISTING, r.writer), calls: r.calls };
  } catch (e) {
    return (e as Error).message;
  }
}

/** Two readers in turn over the file on disk, in pieces of `piece` bytes, the second from line `handover`. */
function shared(path: string, size: number, piece: number, handover: number): { calls: unknown[]; counts: ImportCounts } | string {
  const r = recorder();
  const fd = openSync(path, 'r');
  try {
    const first = new JsonlReader(EXISTING, r.writer);
    if (!readPieces(fd, path, size, first, undefined, () => first.line >= handover - 1, piece)) return { counts: first.finish(), calls: r.calls };
    const second = new JsonlReader(EXISTING, r.writer, first.state());
    readPieces(fd, path, size, second, undefined, undefined, piece);
    return { counts: second.finish(), calls: r.calls };
  } catch (e) {
    return (e as Error).message;
  } finally {
    closeSync(fd);
  }
}

describe('reading in pieces, by two readers in turn', () => {
  const bytes = fileBytes();
  // Written in each test: temporary folders go with the test that made them.
  const onDisk = () => {
    const path = join(tempDir(), 'in.jsonl');
    writeFileSync(path, bytes);
    return path;
  };
  const expected = whole(bytes);
  const lineCount = bytes.toString('utf8').split('\n').length;

  it('reads the fixture whole without a refusal', () => {
    expect(typeof expected).toBe('object');
    expect((expected as { counts: ImportCounts }).counts).toEqual({ contacts: 12, interactions: 60, promises: 3 });
  });

  it.each([1, 2, 3, 5, 17, 64, 1000, 1 << 20])('pieces of %i bytes, handed over anywhere: the same writer calls', (piece) => {
    const path = onDisk();
    for (const handover of [1, 2, 6, 13, 14, 40, lineCount - 1, lineCount, lineCount + 5]) {
      expect(shared(path, bytes.length, piece, handover), `piece ${piece}, handover ${handover}`).toEqual(expected);
    }
  });

  it('refuses the same line with the same message, on either side of the hand-over', () => {
    const text = bytes.toString('utf8');
    const lines = text.split('\n');
    // A contact repeated (the copy after the first reader's part or in it), a name no line created, a bad date.
    const cases: Array<[number, string]> = [
      [20, lines[3]!],
      [30, JSON.stringify({ type: 'interaction', on: '2025-01-01', contacts: ['Nobody'] })],
      [50, JSON.stringify({ type: 'interaction', on: '2025-02-30', contacts: ['Existing One'] })],
      [8, JSON.stringify({ type: 'contact', name: 'EXISTING ONE' })],
    ];
    for (const [at, line] of cases) {
      const bad = [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
      const badBytes = Buffer.from(bad);
      const badPath = join(tempDir(), 'bad.jsonl');
      writeFileSync(badPath, badBytes);
      const message = whole(badBytes);
      expect(typeof message).toBe('string');
      expect(message).toMatch(new RegExp(`^line ${at + 1}: `));
      for (const handover of [1, 4, at, at + 1, at + 2, lineCount + 3]) {
        for (const piece of [7, 1 << 20]) expect(shared(badPath, badBytes.length, piece, handover), `line ${at + 1}, handover ${handover}`).toBe(message);
      }
    }
  });
});
