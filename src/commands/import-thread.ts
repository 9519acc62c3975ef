/**
 * The main thread's side of a JSONL import read by the worker (import-worker.ts): start the
 * worker early, hand it the file and the journal's contacts once the write transaction has
 * begun, and write each batch it sends. The write stays one synchronous transaction, as every
 * rel write is: between batches the main thread blocks on a shared counter (Atomics.wait)
 * rather than returning to the event loop.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { UserError } from '../cli/errors.js';
import type { ImportWriter } from '../store/interchange.js';
import type { ImportCounts } from './import-jsonl.js';
import { unpackBatch, type ImportBatch } from './import-pipe.js';

/** A worker silent this long has died (an exception is always reported; this is for a crash). */
const STALL_MS = 60_000;

export interface StartMessage { bytes: Uint8Array; existing: Map<string, number> }

export type WorkerMessage =
  | { kind: 'batch'; batch: ImportBatch }
  | { kind: 'done'; counts: ImportCounts }
  | { kind: 'failed'; message: string; user: boolean };

export interface ImportWorker {
  /**
   * Hands `bytes` (which it takes over: the buffer is moved, not copied) and the existing contacts
   * to the worker, and writes every batch it sends with `writer`, until the worker is done or
   * refuses a line (thrown as a UserError, as the main thread's own reading would).
   */
  run(bytes: Buffer, existing: Map<string, number>, writer: ImportWriter, progress?: (done: number, total: number) => void): ImportCounts;
  stop(): void;
}

/**
 * Starts the worker, or returns null where there is none to start: the worker is a file of the
 * build (dist/import-worker.js), absent when rel runs from its TypeScript sources (the tests).
 */
export function startImportWorker(): ImportWorker | null {
  const url = new URL('./import-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  const signal = new SharedArrayBuffer(4);
  const posted = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2, signal }, transferList: [port2] });
  // Never what keeps the process alive; and its own errors come back as messages.
  worker.unref();
  worker.on('error', () => {});
  return {
    run(bytes, existing, writer, progress) {
      const total = bytes.length;
      // A Buffer read whole owns its memory and can be moved; a slice of Node's pool is copied.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const start: StartMessage = { bytes, existing };
      port1.postMessage(start, own ? [bytes.buffer as ArrayBuffer] : []);
      const fresh: number[] = [];
      for (;;) {
        const seen = Atomics.load(posted, 0);
        const got = receiveMessageOnPort(port1);
        if (!got) {
          if (Atomics.wait(posted, 0, seen, STALL_MS) === 'timed-out') throw new Error('the import worker stopped answering');
          continue;
        }
        const m = got.message as WorkerMessage;
        if (m.kind === 'batch') {
          unpackBatch(m.batch, writer, fresh);
          progress?.(m.batch.upTo, total);
        } else if (m.kind === 'done') {
          writer.finish();
          return m.counts;
        } else {
          throw m.user ? new UserError(m.message) : new Error(m.message);
        }
      }
    },
    stop() {
      port1.close();
      void worker.terminate();
    },
  };
}
