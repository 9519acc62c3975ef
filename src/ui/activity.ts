/** The 12-month activity strip of `rel show`: one cell per month, height by interactions that month. */
import { addMonths, civilFromDay } from '../domain/dates.js';
import type { Day } from '../domain/types.js';

/** Interactions per month for `months` months starting at the month that begins on `start`. */
export function monthlyCounts(days: ReadonlyArray<{ on: Day; n: number }>, start: Day, months: number): number[] {
  const bounds = Array.from({ length: months + 1 }, (_, i) => addMonths(start, i));
  const counts = new Array<number>(months).fill(0);
  let m = 0;
  for (const d of days) {
    if (d.on < start) continue;
    while (m < months && d.on >= bounds[m + 1]!) m++;
    if (m >= months) break;
    counts[m]! += d.n;
  }
  return counts;
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const MONTH_LETTERS = 'JFMAMJJASOND';

/**
 * `·` for a month without contact, else a bar scaled to the busiest month, between the initials
 * of the first and last month so the strip stays one line.
 */
export function renderStrip(counts: number[], start: Day): string {
  const max = Math.max(...counts, 1);
  const cells = counts.map((n) => (n === 0 ? '·' : BARS[Math.min(BARS.length - 1, Math.ceil((n / max) * BARS.length) - 1)]!));
  const firstMonth = civilFromDay(start).m - 1;
  const lastMonth = (firstMonth + counts.length - 1) % 12;
  return `${MONTH_LETTERS[firstMonth]} ${cells.join('')} ${MONTH_LETTERS[lastMonth]}`;
}
