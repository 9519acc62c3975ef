/**
 * The import worker: checks a JSONL file in a thread of its own while the main thread writes
 * what is already checked (src/commands/import-thread.ts), so reading and writing, each about
 * half of an import, overlap on two cores. It runs the same `importJsonl` as the main thread
 * with a writer that packs records for the trip (import-pipe.ts), and ends with one message:
 * done, with the counts, or failed, with the error to show.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { UserError } from '../cli/errors.js';
import { importJsonl } from './import-jsonl.js';
import { packingWriter } from './import-pipe.js';
import type { StartMessage, WorkerMessage } from './import-thread.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const posted = new Int32Array(signal);

/** Posts, then bumps the shared counter the main thread waits on (it cannot take events while writing). */
function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
}

port.once('message', ({ bytes, existing }: StartMessage) => {
  try {
    const writer = packingWriter((batch) => post({ kind: 'batch', batch }, [batch.nums.buffer as ArrayBuffer]));
    const counts = importJsonl(bytes, existing, writer, (done) => writer.reached(done));
    writer.flush(bytes.length);
    post({ kind: 'done', counts });
  } catch (e) {
    post({ kind: 'failed', message: (e as Error)?.message ?? String(e), user: e instanceof UserError });
  } finally {
    port.close();
  }
});
