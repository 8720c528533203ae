import type { Command } from 'commander';
import { recordStartCommand, type RecordStartFlags } from './record-start.js';
import { recordStopCommand, type RecordStopFlags } from './record-stop.js';

const START_EXAMPLES = `
Examples:
  $ panoptic record start --url http://localhost:3000/ --out bug.webm
  $ panoptic record start --display :99 --duration 30          # the whole X display, 30 s
  $ panoptic record start --window "Calculator" --out calc.mp4  # one window of $DISPLAY
  $ panoptic record stop

Needs ffmpeg (apt-get install -y ffmpeg); a display or window also needs xdotool and an X server
(apt-get install -y xdotool xvfb).`;

const STOP_EXAMPLES = `
Examples:
  $ panoptic record stop
  $ panoptic record stop --output results    # a recording started with --output results`;

const outputOption = ['-o, --output <dir>', 'output folder that keeps the recording\'s state (default panoptic-results)'] as const;

/** `panoptic record start|stop`: an ad-hoc recording outside a test run, e.g. to capture a bug. */
export function addRecordCommands(program: Command, setExitCode: (code: number) => void): void {
  const record = program.command('record').description('record a web page, an X display or a window in the background, until stopped');

  record
    .command('start')
    .description('start recording in the background; the recording outlives this command and its terminal')
    .option('--url <url>', 'a web page, recorded by Chromium through Playwright')
    .option('--display <:n>', 'an X display, recorded whole (ffmpeg x11grab)')
    .option('--window <title>', 'one window of --display or $DISPLAY, found by its title (a regular expression)')
    .option('--out <file>', 'the video, .webm or .mp4 (default <output>/recordings/recording-<time>.webm for a page, .mp4 otherwise)')
    .option('--duration <seconds>', 'stop by itself after this long (default: at `record stop`)')
    .option('--size <WxH>', 'viewport and video size of a page', '1280x720')
    .option('--headed', 'show the browser window, to use the page while it is recorded (needs a display)')
    .option(...outputOption)
    .addHelpText('after', START_EXAMPLES)
    .action(async (flags: RecordStartFlags) => setExitCode(await recordStartCommand(flags)));

  record
    .command('stop')
    .description('stop the recording, finish and check the file (ffprobe), print its path and size')
    .option(...outputOption)
    .addHelpText('after', STOP_EXAMPLES)
    .action(async (flags: RecordStopFlags) => setExitCode(await recordStopCommand(flags)));
}
