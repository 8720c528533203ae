import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { positiveNumber } from '../options/numbers.js';
import { mediaCommand } from './media-command.js';
import type { RecordRequest } from './record-sources.js';
import { logTail, readState, recorderAlive, removeState, stateFiles, WORKER_SCRIPT, type RecordKind, type StateFiles } from './record-state.js';

export interface RecordStartFlags {
  url?: string;
  display?: string;
  window?: string;
  out?: string;
  output?: string;
  duration?: string;
  size: string;
  headed?: boolean;
}

/** A browser's first page load and ffmpeg's first frame both fit well within this. */
const READY_TIMEOUT_MS = 60_000;

function kindOf(flags: RecordStartFlags, env: NodeJS.ProcessEnv): { kind: RecordKind; source: string; display?: string } {
  const chosen = [flags.url && 'url', flags.window && 'window', !flags.window && flags.display && 'display'].filter(Boolean);
  if (chosen.length !== 1) throw new CommandError(['say what to record: --url <url>, --display <:n> or --window <title> (with --display or DISPLAY)']);
  if (flags.url) {
    if (!/^https?:\/\/|^file:/.test(flags.url)) throw new CommandError([`--url ${JSON.stringify(flags.url)}: expected an http, https or file URL`]);
    return { kind: 'web', source: flags.url };
  }
  const display = flags.display ?? env.DISPLAY;
  if (!display) throw new CommandError(['--window needs an X display: pass --display <:n> or set DISPLAY']);
  if (!/^[\w.-]*:\d+(\.\d+)?$/.test(display)) throw new CommandError([`display ${JSON.stringify(display)}: expected an X display name such as :99`]);
  return flags.window ? { kind: 'window', source: flags.window, display } : { kind: 'display', source: display, display };
}

function sizeOf(value: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 16 || Number(match[2]) < 16) throw new CommandError([`--size ${JSON.stringify(value)}: expected WIDTHxHEIGHT, e.g. 1280x720`]);
  return { width: Number(match[1]), height: Number(match[2]) };
}

function outFile(flags: RecordStartFlags, kind: RecordKind, cwd: string, files: StateFiles): string {
  const stamp = new Date().toISOString().replace(/\..*$/, '').replace(/[-:]/g, '').replace('T', '-');
  // x264 costs a quarter of VP8's CPU for a screen; a page comes as WebM from the browser already.
  const file = flags.out ?? path.join(path.dirname(path.dirname(files.dir)), 'recordings', `recording-${stamp}.${kind === 'web' ? 'webm' : 'mp4'}`);
  if (!['.mp4', '.webm'].includes(path.extname(file))) throw new CommandError([`--out ${JSON.stringify(file)}: the file must end in .mp4 or .webm`]);
  const absolute = path.resolve(cwd, file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  return absolute;
}

/** Takes the output folder's recording slot; a slot left by a recorder that died is taken over. */
function claimSlot(files: StateFiles): void {
  fs.mkdirSync(path.dirname(files.dir), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(files.dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const running = readState(files);
    if (running && recorderAlive(running.pid)) {
      throw new CommandError([
        `a recording is already running (pid ${running.pid}, ${running.kind} ${running.source} to ${running.file}, since ${running.startedAt}); ` +
          'stop it first with `panoptic record stop`, or record into another --output folder',
      ]);
    }
    removeState(files);
  }
}

/** Web pages need the ffmpeg Playwright records with; on Linux a system one is linked where Playwright looks. */
async function browserEnv(cwd: string, env: NodeJS.ProcessEnv, file: string): Promise<NodeJS.ProcessEnv> {
  const { ensurePlaywrightFfmpeg, requireFfmpeg } = await import('@panoptic/fixtures/media');
  const copy = { ...env };
  const linked = ensurePlaywrightFfmpeg(cwd, copy);
  // An .mp4 is transcoded from the browser's WebM with the system ffmpeg.
  if (path.extname(file) === '.mp4' || (process.platform === 'linux' && !linked)) requireFfmpeg('Recording a page', env);
  return copy;
}

function startRecorder(request: RecordRequest, files: StateFiles, env: NodeJS.ProcessEnv): Promise<number> {
  const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_SCRIPT);
  const log = fs.openSync(files.log, 'a');
  // Detached: a session of its own, so closing the terminal (SIGHUP to its process group) leaves it running.
  const child = spawn(process.execPath, [worker, JSON.stringify(request), files.dir], { detached: true, stdio: ['ignore', log, log, 'ipc'], env, cwd: request.cwd });
  fs.closeSync(log);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`the recorder did not start within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const tail = logTail(files);
      reject(new CommandError([why, ...(tail ? [`the recorder's log ends with:\n${tail}`] : [])]));
    };
    child.once('message', (message: { ready?: true; error?: string }) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (message.error !== undefined) return reject(new CommandError([message.error]));
      child.unref();
      child.disconnect();
      resolve(child.pid!);
    });
    child.once('exit', (code, signal) => fail(`the recorder ended before it started recording (${signal ?? `exit code ${code}`})`));
  });
}

/**
 * `panoptic record start`: starts a detached recorder of a page, a display or a window, and returns
 * once the recording shows something; its state stays under the output folder for `record stop`.
 */
export async function recordStartCommand(flags: RecordStartFlags, io: CommandIo = {}): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  return mediaCommand(io, async () => {
    const { kind, source, display } = kindOf(flags, env);
    const size = sizeOf(flags.size);
    const durationMs = flags.duration !== undefined ? positiveNumber(flags.duration, '--duration') * 1000 : undefined;
    if (durationMs === 0) throw new CommandError(['--duration: expected a number of seconds above 0']);
    const files = stateFiles(cwd, flags.output);
    const file = outFile(flags, kind, cwd, files);
    const recorderEnv = kind === 'web' ? await browserEnv(cwd, env, file) : env;
    claimSlot(files);
    const request: RecordRequest = { kind, source, file, size, headed: !!flags.headed, cwd, scratch: files.scratch, ...(display ? { display } : {}), ...(durationMs ? { durationMs } : {}) };
    let pid: number;
    try {
      pid = await startRecorder(request, files, recorderEnv);
    } catch (error) {
      removeState(files);
      throw error;
    }
    const until = durationMs ? `for ${durationMs / 1000} s or until` : 'until';
    stdout.write(`recording ${kind} ${source} to ${path.relative(cwd, file) || file} (recorder pid ${pid}) ${until} \`panoptic record stop\`\n`);
    return 0;
  });
}
