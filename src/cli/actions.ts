/**
 * Every command's action, behind one dynamic import from program.ts. In the bundle this is one
 * chunk: a command loads commander's chunk and this one, not a dozen small shared chunks (each
 * an ES module to resolve, read and compile, which cost `rel log` more than its own work).
 * Heavy parts stay lazy: the review and suggest rules (below), and inside the commands that need
 * them, the prompts (@inquirer/prompts) and the address-book and calendar formats.
 */
export { Context } from './context.js';
export { resolveJournalPath } from '../store/paths.js';
export { loadStyle } from '../ui/style.js';
export { run as add } from '../commands/add.js';
export { run as edit } from '../commands/edit.js';
export { run as stage } from '../commands/stage.js';
export { run as end } from '../commands/end.js';
export { run as list } from '../commands/list.js';
export { run as show } from '../commands/show.js';
export { run as log } from '../commands/log.js';
export { run as promises } from '../commands/promises.js';
export { done } from '../commands/promises.js';
// The reports' rules are most of rel's code and only two commands use them: a chunk of their own.
export const review: typeof import('../commands/review.js').run = async (...args) => (await import('../commands/review.js')).run(...args);
export const suggest: typeof import('../commands/suggest.js').run = async (...args) => (await import('../commands/suggest.js')).run(...args);
export { exportCommand } from '../commands/data.js';
export { importCommand } from '../commands/data.js';
export { backupCommand } from '../commands/data.js';
export { run as completion } from '../commands/completion.js';
export { run as check } from '../commands/check.js';
