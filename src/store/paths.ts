import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** `--db PATH` > `REL_DB` > `$XDG_DATA_HOME/rel/rel.db` > `~/.local/share/rel/rel.db`. */
export function resolveJournalPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  if (env.REL_DB) return env.REL_DB;
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'rel', 'rel.db');
}

/**
 * `mkdir -p` with `mode` for each folder it makes. Not Node's `mkdirSync(dir, { recursive })`:
 * under /proc a missing child of an existing folder answers ENOENT, which that retries forever
 * (`--db /proc/x/rel.db` spun at full CPU). Here each missing folder is made once, outermost
 * first, and the first error is thrown. A folder made meanwhile by another rel is fine.
 */
export function makeFolders(dir: string, mode: number): void {
  const missing: string[] = [];
  // The path as given, not resolved: `a/../b` and `link/../b` mean what the kernel makes of them.
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(d)) break;
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
