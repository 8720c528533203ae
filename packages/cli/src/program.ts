import { Command } from 'commander';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';

/**
 * The `panoptic` command line; each action reports the process exit code. `playwrightArgs` are the
 * arguments after `--`, split off before parsing so that none of them is taken for a suite.
 */
export function createProgram(setExitCode: (code: number) => void, playwrightArgs: string[] = []): Command {
  const program = new Command('panoptic')
    .description('Validate and run Panoptic YAML suites through Playwright Test.')
    .showHelpAfterError();

  program
    .command('validate')
    .description('check suites against the schema; prints every error with file:line:col')
    .argument('<suites...>', 'YAML suite files')
    .action((suites: string[]) => setExitCode(validateCommand(suites)));

  program
    .command('run')
    .description('run suites with Playwright Test; arguments after -- go to `playwright test`')
    .argument('<suites...>', 'YAML suite files')
    .option('-o, --output <dir>', "output folder (wins over the suite's `output`)")
    .action(async (suites: string[], options: { output?: string }) => {
      setExitCode(await runCommand(suites, { output: options.output, playwrightArgs }));
    });

  return program;
}
