import { homedir } from 'node:os';
import { join } from 'node:path';

/** `--db PATH` > `REL_DB` > `$XDG_DATA_HOME/rel/rel.db` > `~/.local/share/rel/rel.db`. */
export function resolveJournalPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  if (env.REL_DB) return env.REL_DB;
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'rel', 'rel.db');
}
