/**
 * The import worker: checks a JSONL file in a thread of its own while the main thread writes
 * what is already checked (src/commands/import-thread.ts), so reading and writing, each about
 * half of an import, overlap on two cores. It runs the same `importJsonl` as the main thread
 * with a writer that packs records for the trip (import-pipe.ts), and ends with one message:
 * done, with the counts, or failed, with the error to show.
 *
 * The main thread waits (asynchronously) for the 'ready' this posts once loaded, so a thread
 * that cannot start is noticed at once. Later it blocks while it writes and cannot take this
 * thread's `error` event: every failure from then on is posted as a message, and each record
 * read bumps a shared counter, the sign of life it watches for a crash that posts nothing.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ImportWriter } from '../store/interchange.js';
import type { StartMessage, WorkerMessage } from './import-thread.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
/** [0]: messages posted; [1]: records read. */
const shared = new Int32Array(signal);

/** Posts, then bumps the shared counter the main thread waits on. */
function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(shared, 0, 1);
  Atomics.notify(shared, 0);
}

function fail(e: unknown): void {
  post({ kind: 'failed', message: (e as Error)?.message ?? String(e), user: (e as Error)?.name === 'UserError' });
  port.close();
}

process.on('uncaughtException', fail);

try {
  // Loaded here, not imported above, so that a failure to load them is reported too.
  const [{ importJsonl }, { packingWriter }] = await Promise.all([import('./import-jsonl.js'), import('./import-pipe.js')]);
  // Loaded: the main thread stops waiting for this and starts its own work.
  parentPort!.postMessage('ready');
  port.once('message', ({ bytes, existing }: StartMessage) => {
    try {
      const packer = packingWriter((batch) => post({ kind: 'batch', batch }, [batch.nums.buffer as ArrayBuffer]));
      const alive = () => Atomics.add(shared, 1, 1);
      const writer: ImportWriter = {
        contact: (c) => (alive(), packer.contact(c)),
        interaction: (i, ids) => (alive(), packer.interaction(i, ids)),
        promise: (p, id) => (alive(), packer.promise(p, id)),
        finish: () => packer.finish(),
      };
      const counts = importJsonl(bytes, existing, writer, (done) => packer.reached(done));
      packer.flush(bytes.length);
      post({ kind: 'done', counts });
      port.close();
    } catch (e) {
      fail(e);
    }
  });
} catch (e) {
  fail(e);
}
