import type { Command } from 'commander';
import { createProgram } from 'panoptic';

/**
 * The `panoptic` subcommand that the leading words of `args` name (as commander would pick it), and
 * the words left for its options.
 */
export function panopticSubcommand(args: readonly string[]): { command: Command; rest: string[] } {
  let command: Command = createProgram(() => undefined);
  let rest = [...args];
  while (rest.length && !rest[0]!.startsWith('-')) {
    const sub = command.commands.find((c) => c.name() === rest[0]);
    if (!sub) break;
    command = sub;
    rest = rest.slice(1);
  }
  return { command, rest };
}
