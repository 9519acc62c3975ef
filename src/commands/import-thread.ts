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

/**
 * A worker that has read no record for this long has died (its exceptions are reported as
 * messages; this is for a crash that reports nothing). Reading one record takes microseconds
 * to a few milliseconds, and starting the thread tens of milliseconds.
 */
const STALL_MS = 10_000;

/** How long the worker may take to load before the file is read in the main thread instead. */
const READY_MS = 5_000;

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

/** A worker being started: `ready` resolves once it has loaded; `cancel` stops it in any state. */
export interface StartingWorker {
  ready: Promise<ImportWorker>;
  cancel(): void;
}

/**
 * Starts the worker; null where there is no worker to start (it is a file of the build,
 * dist/import-worker.js, absent when rel runs from its TypeScript sources: the tests). `ready`
 * rejects, with the thread's own error, when the thread cannot start or load, and the caller
 * then reads the file itself. That wait happens here, while this thread can still take the
 * worker's events, not later, when it blocks as it writes.
 */
export function startImportWorker(): StartingWorker | null {
  const url = new URL('./import-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  const signal = new SharedArrayBuffer(8);
  // [0]: messages the worker posted; [1]: records it read (its sign of life).
  const shared = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2, signal }, transferList: [port2] });
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  const loaded = new Promise<void>((resolve, reject) => {
    // Loading takes tens of milliseconds; a thread that has not loaded in seconds never will.
    const timer = setTimeout(() => reject(new Error(`the import worker did not load in ${READY_MS / 1000} s`)), READY_MS);
    const settle = (f: () => void) => () => { clearTimeout(timer); f(); };
    worker.once('message', settle(resolve));
    worker.once('error', (e) => settle(() => reject(e))());
    worker.once('exit', (code) => settle(() => reject(new Error(`the import worker exited (${code}) before it was ready`)))());
  });
  // Later errors come back as messages (import-worker.ts); this only keeps Node from treating
  // the event as unhandled.
  worker.on('error', () => {});
  const ready = loaded.then(() => {
    // From here on it is never what keeps the process alive.
    worker.unref();
    return writerSide();
  }, (e: unknown) => {
    stop();
    throw e;
  });
  // Cancelled, the worker's end rejects `ready`, which nobody awaits any more: not an error.
  return { ready, cancel: () => { ready.catch(() => {}); stop(); } };

  function writerSide(): ImportWorker {
    return {
      run(bytes, existing, writer, progress) {
        const total = bytes.length;
        // A Buffer read whole owns its memory and can be moved; a slice of Node's pool is copied.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        const start: StartMessage = { bytes, existing };
        port1.postMessage(start, own ? [bytes.buffer as ArrayBuffer] : []);
        const fresh: number[] = [];
        let read = -1;
        let quietSince = Date.now();
        for (;;) {
          const seen = Atomics.load(shared, 0);
          const got = receiveMessageOnPort(port1);
          if (!got) {
            if (Atomics.wait(shared, 0, seen, 250) === 'timed-out') {
              const now = Atomics.load(shared, 1);
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
            progress?.(m.batch.upTo, total);
          } else if (m.kind === 'done') {
            writer.finish();
            return m.counts;
          } else {
            throw m.user ? new UserError(m.message) : new Error(m.message);
          }
        }
      },
      stop,
    };
  }
}
