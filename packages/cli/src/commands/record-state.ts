import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import { CommandError } from '../command-error.js';

/** What `record start` leaves for `record stop`: which process records what, and where to. */
export interface RecordingState {
  version: 1;
  pid: number;
  kind: RecordKind;
  /** The URL, display or window, as the user named it. */
  source: string;
  file: string;
  startedAt: string;
  durationMs?: number;
}

export type RecordKind = 'web' | 'display' | 'window';

/** What the recorder writes when it has finished the file (or failed to). */
export type RecordingOutcome = { ok: true; file: string } | { ok: false; error: string };

/** The recorder process's own name in its command line, so a reused pid is not taken for it. */
export const WORKER_SCRIPT = 'record-worker.js';

export interface StateFiles {
  dir: string;
  state: string;
  outcome: string;
  log: string;
  /** Where the browser writes its video before it is moved to the requested file. */
  scratch: string;
}

/** The recording's folder inside Panoptic's own folder of the output folder: one recording per output folder. */
export function stateFiles(cwd: string, output: string | undefined): StateFiles {
  return stateFilesIn(path.resolve(cwd, output ?? DEFAULT_OUTPUT_DIR, '.panoptic', 'recording'));
}

export function stateFilesIn(dir: string): StateFiles {
  return {
    dir,
    state: path.join(dir, 'state.json'),
    outcome: path.join(dir, 'outcome.json'),
    log: path.join(dir, 'recorder.log'),
    scratch: path.join(dir, 'scratch'),
  };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CommandError([`${file}: cannot be read (${(error as Error).message}); delete its folder and start again`]);
  }
}

export function readState(files: StateFiles): RecordingState | undefined {
  const state = readJson<RecordingState>(files.state);
  if (state && state.version !== 1) throw new CommandError([`${files.state}: written by another version of panoptic (version ${String(state.version)}, expected 1)`]);
  return state;
}

export const readOutcome = (files: StateFiles): RecordingOutcome | undefined => readJson<RecordingOutcome>(files.outcome);

/** Whether `pid` is still the recorder: alive, and (where /proc tells) running the recorder's script. */
export function recorderAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const zombie = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
    return cmdline.includes(WORKER_SCRIPT) && !zombie;
  } catch {
    // No /proc (macOS): the signal test is all there is.
    return process.platform !== 'linux';
  }
}

/** The last lines the recorder wrote, for error messages. */
export function logTail(files: StateFiles, lines = 12): string {
  try {
    return fs.readFileSync(files.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function writeState(files: StateFiles, state: RecordingState): void {
  fs.writeFileSync(files.state, `${JSON.stringify(state, null, 2)}\n`);
}

export function removeState(files: StateFiles): void {
  fs.rmSync(files.dir, { recursive: true, force: true });
}
