import type { CommandIo } from './command-io.js';

/** A failure the command reports as one `error:` line (or several) and exit code 1. */
export class CommandError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** Runs a command body; prints its failure the way every storage command does and returns the exit code. */
export async function reportErrors(io: CommandIo, body: () => Promise<number>): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  try {
    return await body();
  } catch (error) {
    if (error instanceof CommandError) {
      for (const line of error.lines) stderr.write(`error: ${line}\n`);
    } else {
      const { describeError } = await import('@panoptic/cloud');
      stderr.write(`error: ${describeError(error)}\n`);
    }
    return 1;
  }
}
