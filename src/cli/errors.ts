/**
 * The two kinds of failure a user can cause. Commands throw them; `main` turns each into one
 * stderr line and an exit code. Anything else that escapes is a bug and says so.
 */

/** Bad input, unknown contact, refused file...: exit 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly exitCode = 1;
}

/** Unknown command or flag, missing argument: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/**
 * Thrown when the user cancels a prompt (Ctrl-C, Esc): nothing is written. Exit 1, not the
 * shell's 130: the contract allows only 0, 1 and 2, and a cancelled log is "not done".
 */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  readonly exitCode = 1;
}
