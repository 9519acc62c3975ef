/** Export and import in vCard, CSV and iCalendar (wired to src/formats/). */
import { UserError } from '../cli/errors.js';
import type { Context } from '../cli/context.js';
import type { Day } from '../domain/types.js';
import type { Db } from '../store/journal.js';

export function exportAs(_db: Db, format: string, _now: Date, _today: Day): string {
  throw new UserError(`--format ${format} is not available in this build`);
}

export async function importAs(_ctx: Context, format: string, _text: string, _file: string, _dryRun: boolean): Promise<void> {
  throw new UserError(`--format ${format} is not available in this build`);
}
