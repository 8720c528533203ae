/**
 * A problem with how the command was called or with the machine it runs on (a folder that cannot
 * be written, an output folder in use): the user fixes it, so it is shown as one line, never as a
 * stack trace.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A Node.js system error (`ENOTDIR`, `EACCES`, ...), which names a cause in the environment. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
