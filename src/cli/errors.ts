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

/** An errno in words, for the one line a user reads. */
export function describeErrno(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EPIPE':
      return 'the reader went away';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EFBIG':
      return 'the file is over the size limit';
    case 'ERR_FS_FILE_TOO_LARGE':
      // Node reads a file into memory whole only up to 2 GiB.
      return 'it is over 2 GiB, more than rel reads at once';
    default:
      return e.code ?? e.message;
  }
}
