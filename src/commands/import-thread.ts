/**
 * The main thread's side of a big JSONL import shared with a worker thread (import-worker.ts).
 * The worker is started first and loads (~40 ms) while this thread opens the journal and reads
 * and writes the file's first lines itself; once it has loaded, it takes over the reading from
 * the line this thread reached, and this thread writes each batch it sends. A worker that never
 * loads costs nothing but its start: this thread reads the file to its end.
 *
 * The write stays one synchronous transaction, as every rel write is: between batches this
 * thread blocks on a shared counter (Atomics.wait) rather than returning to the event loop, and
 * it learns that the worker has loaded from a shared flag, not from an event it could not take.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { UserError } from '../cli/errors.js';
import type { ImportWriter } from '../store/interchange.js';
import { JsonlReader, readPieces, type ImportCounts, type ImportState } from './import-jsonl.js';
import { LOADED, POSTED, READ, unpackBatch, type ImportBatch } from './import-pipe.js';

/**
 * A worker that has read no record for this long has died (its exceptions are reported as
 * messages; this is for a crash that reports nothing). Reading one record takes microseconds
 * to a few milliseconds.
 */
const STALL_MS = 10_000;

/** What the worker is handed: the open file, where to go on from, and the journal's contacts. */
export interface StartMessage { fd: number; file: string; size: number; state: ImportState; existing: Map<string, number> }

export type WorkerMessage =
  | { kind: 'batch'; batch: ImportBatch }
  | { kind: 'done'; counts: ImportCounts }
  | { kind: 'failed'; message: string; user: boolean };

/** How the file was shared: the line the worker went on from, or null if this thread read it all. */
export type Sharing = { handedOverAt: number | null };

export interface ImportWorker {
  /**
   * Reads the file open as `fd` (`size` bytes) with `existing` contacts, writing with `writer`:
   * this thread reads until the worker has loaded (and, for tests, until the line
   * `REL_IMPORT_HANDOVER` names), then hands the rest to it and writes every batch it sends.
   * Throws a UserError for a refused line, as a single reader would.
   */
  run(fd: number, file: string, size: number, existing: Map<string, number>, writer: ImportWriter,
    progress?: (done: number, total: number) => void, sharing?: Sharing): ImportCounts;
  stop(): void;
}

/**
 * Starts the worker; null where there is no worker to start (it is a file of the build,
 * dist/import-worker.js, absent when rel runs from its TypeScript sources: the tests).
 * `handover` (tests only) is the line the worker goes on from, whenever it loads.
 */
export function startImportWorker(handover: number | null = null): ImportWorker | null {
  const url = new URL('./import-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  const signal = new SharedArrayBuffer(12);
  const shared = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2, signal }, transferList: [port2] });
  // Failures come back as messages (import-worker.ts), or as a flag never raised: this only
  // keeps Node from treating the event as unhandled. Never what keeps the process alive.
  worker.on('error', () => {});
  worker.unref();
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    run(fd, file, size, existing, writer, progress, sharing) {
      const reader = new JsonlReader(existing, writer);
      const reached = progress && ((at: number) => progress(at, size));
      const loaded = () => Atomics.load(shared, LOADED) === 1;
      const stopHere = handover === null ? loaded : () => reader.line >= handover - 1 && (loaded() || waitLoaded(shared));
      if (!readPieces(fd, file, size, reader, reached, stopHere)) return reader.finish();
      if (sharing) sharing.handedOverAt = reader.line + 1;
      const start: StartMessage = { fd, file, size, state: reader.state(), existing };
      port1.postMessage(start);
      return writeBatches(shared, port1, writer, reached);
    },
    stop,
  };
}

/** Tests' fixed hand-over line: waits for the worker to load (it always does in the tests). */
function waitLoaded(shared: Int32Array): boolean {
  Atomics.wait(shared, LOADED, 0, STALL_MS);
  return Atomics.load(shared, LOADED) === 1;
}

/** Writes each batch the worker sends, until it is done (its counts) or refuses a line (thrown). */
function writeBatches(shared: Int32Array, port: MessagePort, writer: ImportWriter, reached?: (at: number) => void): ImportCounts {
  const fresh: number[] = [];
  let read = -1;
  let quietSince = Date.now();
  for (;;) {
    const seen = Atomics.load(shared, POSTED);
    const got = receiveMessageOnPort(port);
    if (!got) {
      if (Atomics.wait(shared, POSTED, seen, 250) === 'timed-out') {
        const now = Atomics.load(shared, READ);
        if (now !== read) {
          read = now;
          quietSince = Date.now();
        } else if (Date.now() - quietSince > STALL_MS) {
          throw new Error(`the import worker stopped (no line read for ${STALL_MS / 1000} s)`);
        }
      }
      continue;
    }
    const m = got.message as WorkerMessage;
    if (m.kind === 'batch') {
      unpackBatch(m.batch, writer, fresh);
      reached?.(m.batch.upTo);
    } else if (m.kind === 'done') {
      writer.finish();
      return m.counts;
    } else {
      throw m.user ? new UserError(m.message) : new Error(m.message);
    }
  }
}
