/**
 * Peak-memory probe, preloaded with `node --import ./bench/maxrss.mjs bin/rel.cjs ...`: when the
 * process exits (normally or through process.exit) it appends its peak resident set size in KB,
 * from process.resourceUsage().maxRSS, to the file named by BENCH_MAXRSS_FILE. Needs no
 * /usr/bin/time, so it works the same on any machine Node runs on.
 */
import { appendFileSync } from 'node:fs';

const out = process.env.BENCH_MAXRSS_FILE;
if (out) {
  process.on('exit', () => {
    appendFileSync(out, `${process.resourceUsage().maxRSS}\n`);
  });
}
