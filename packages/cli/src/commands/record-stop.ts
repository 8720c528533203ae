import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { formatBytes } from '../format.js';
import { mediaCommand } from './media-command.js';
import { logTail, readOutcome, readState, recorderAlive, removeState, stateFiles, type StateFiles } from './record-state.js';

export interface RecordStopFlags {
  output?: string;
}

/** Closing a browser context writes the rest of its video; an mp4 is transcoded after that. */
const FINISH_TIMEOUT_MS = 120_000;
const POLL_MS = 100;

async function waitForExit(pid: number, files: StateFiles): Promise<void> {
  const deadline = Date.now() + FINISH_TIMEOUT_MS;
  while (recorderAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      throw new CommandError([`the recorder (pid ${pid}) did not finish the file within ${FINISH_TIMEOUT_MS / 1000} s and was killed; its log: ${files.log}`]);
    }
    await sleep(POLL_MS);
  }
}

/**
 * `panoptic record stop`: asks the recorder to finish, waits until it has, checks with ffprobe that
 * the file plays and has a duration, and prints its path and size.
 */
export async function recordStopCommand(flags: RecordStopFlags, io: CommandIo = {}): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? process.stdout;
  return mediaCommand(io, async () => {
    const files = stateFiles(cwd, flags.output);
    const state = readState(files);
    if (!state) {
      const where = path.relative(cwd, files.dir) || files.dir;
      throw new CommandError([`no recording is running here (nothing in ${where}); start one with \`panoptic record start\`${flags.output ? '' : ', or pass the --output folder it was started with'}`]);
    }
    if (recorderAlive(state.pid)) {
      process.kill(state.pid, 'SIGTERM');
      await waitForExit(state.pid, files);
    }
    const outcome = readOutcome(files);
    if (!outcome?.ok) {
      const why = outcome ? outcome.error : `the recorder (pid ${state.pid}) ended without finishing ${state.file}`;
      const tail = logTail(files);
      removeState(files);
      throw new CommandError([why, ...(tail && !outcome ? [`its log ended with:\n${tail}`] : [])]);
    }
    const { probeVideo } = await import('@panoptic/fixtures/media');
    const probe = await probeVideo(outcome.file);
    if (!(probe.durationSeconds > 0)) throw new CommandError([`${outcome.file} has a duration of 0 s: nothing was recorded`]);
    const size = fs.statSync(outcome.file).size;
    removeState(files);
    const shown = path.relative(cwd, outcome.file) || outcome.file;
    stdout.write(`${shown}  ${formatBytes(size)}  ${probe.durationSeconds.toFixed(1)} s  ${probe.codec} ${probe.width}x${probe.height}\n`);
    return 0;
  });
}
