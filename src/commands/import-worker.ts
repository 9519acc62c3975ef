/**
 * The import worker: takes over the reading of a big JSONL file from the main thread, at the
 * line it reached, and checks it while the main thread writes what is already checked
 * (src/commands/import-thread.ts), so reading and writing, each about half of an import,
 * overlap on two cores. It runs the same `JsonlReader` as the main thread with a writer that
 * packs records for the trip (import-pipe.ts), reads the file through the descriptor the main
 * thread opened (the same file, whatever happens to its name meanwhile), and ends with one
 * message: done, with the counts, or failed, with the error to show.
 *
 * The main thread never waits for it to load: it raises a shared flag once loaded, and the main
 * thread, which reads the file's first lines meanwhile, hands over when it sees it. Later the main
 * thread blocks while it writes and cannot take this thread's `error` event: every failure from
 * then on is posted as a message, and each record read bumps a shared counter, the sign of life
 * it watches for a crash that posts nothing.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { ImportWriter } from '../store/interchange.js';
import type { StartMessage, WorkerMessage } from './import-thread.js';
import { LOADED, POSTED, READ } from './import-pipe.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const shared = new Int32Array(signal);

/** Posts, then bumps the shared counter the main thread waits on. */
function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(shared, POSTED, 1);
  Atomics.notify(shared, POSTED);
}

function fail(e: unknown): void {
  post({ kind: 'failed', message: (e as Error)?.message ?? String(e), user: (e as Error)?.name === 'UserError' });
  port.close();
}

process.on('uncaughtException', fail);

try {
  // Loaded here, not imported above, so that a failure to load them is reported too.
  const [{ JsonlReader, readPieces }, { packingWriter }] = await Promise.all([import('./import-jsonl.js'), import('./import-pipe.js')]);
  port.once('message', ({ fd, file, size, state, existing }: StartMessage) => {
    try {
      const packer = packingWriter((batch) => post({ kind: 'batch', batch }, [batch.nums.buffer as ArrayBuffer]));
      const alive = () => Atomics.add(shared, READ, 1);
      const writer: ImportWriter = {
        contact: (c) => (alive(), packer.contact(c)),
        interaction: (i, ids) => (alive(), packer.interaction(i, ids)),
        promise: (p, id) => (alive(), packer.promise(p, id)),
        finish: () => packer.finish(),
      };
      const reader = new JsonlReader(existing, writer, state);
      packer.reached(state.offset);
      readPieces(fd, file, size, reader, (at) => packer.reached(at));
      packer.flush(size);
      post({ kind: 'done', counts: reader.finish() });
      port.close();
    } catch (e) {
      fail(e);
    }
  });
  // Loaded: the main thread hands over at its next line.
  Atomics.store(shared, LOADED, 1);
  Atomics.notify(shared, LOADED);
} catch (e) {
  fail(e);
}
