/**
 * A one-line progress indicator on stderr for long imports. It stays silent unless stderr is a
 * terminal and the work has already taken a second, redraws at most every 100 ms, and erases
 * itself at the end, so quick runs, pipes and tests see nothing.
 */
import type { Out } from '../cli/context.js';

export interface Progress {
  /** `done` of `total` units (lines, records) are finished. */
  update(done: number, total: number): void;
  /** Erases the line if one was drawn. */
  finish(): void;
}

const SILENT: Progress = { update() {}, finish() {} };
const WIDTH = 24;

/** `clock` is a monotonic millisecond clock (injectable for tests; default performance.now). */
export function startProgress(out: Out, label: string, clock: () => number = () => performance.now()): Progress {
  if (!out.isTTY) return SILENT;
  const started = clock();
  let lastDrawn = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const t = clock();
      if (t - started < 1000 || t - lastDrawn < 100) return;
      lastDrawn = t;
      drawn = true;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}%\u001b[K`);
    },
    finish() {
      if (drawn) out.write('\r\u001b[K');
      drawn = false;
    },
  };
}
