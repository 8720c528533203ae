import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordPage, recordScreen, type ActiveRecording, type RecordRequest } from './record-sources.js';
import { stateFilesIn, writeState, type RecordingOutcome } from './record-state.js';

/**
 * The recorder: a detached process that `record start` leaves running, so the recording outlives
 * the command and its terminal. It tells its parent (over IPC) once the recording shows something,
 * records until SIGTERM/SIGINT (`record stop`) or the duration, then finishes the file and writes
 * the outcome where `record stop` reads it.
 */
const [requestJson, stateDir] = process.argv.slice(2);
if (!requestJson || !stateDir) throw new Error('usage: record-worker.js <request JSON> <state folder>');
const request = JSON.parse(requestJson) as RecordRequest;
const files = stateFilesIn(stateDir);

// The terminal closing must not end the recording; `record stop` sends SIGTERM.
process.on('SIGHUP', () => undefined);
let stopRequested: () => void = () => undefined;
const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
process.once('SIGTERM', () => stopRequested());
process.once('SIGINT', () => stopRequested());

/** Sends the answer `record start` waits for, then closes the channel: nothing more goes over it. */
function tell(message: { ready: true } | { error: string }): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    // Exiting before the message has left would lose it.
    process.send(message, undefined, {}, () => {
      if (process.connected) process.disconnect();
      resolve();
    });
  });
}

function writeOutcome(outcome: RecordingOutcome): void {
  fs.writeFileSync(files.outcome, `${JSON.stringify(outcome)}\n`);
}

// Until stopped, only the signal handlers would otherwise keep this process alive.
setInterval(() => undefined, 1 << 30);
// `record start` gone before the recording started (interrupted): nobody would know to stop it.
const orphaned = (): never => process.exit(1);
process.once('disconnect', orphaned);

let recording: ActiveRecording;
try {
  recording = request.kind === 'web' ? await recordPage(request) : await recordScreen(request);
} catch (error) {
  await tell({ error: (error as Error).message });
  process.exit(1);
}
// Written before the parent hears of it: once `start` returns, `stop` finds the recorder.
const { kind, source, file, durationMs } = request;
writeState(files, { version: 1, pid: process.pid, kind, source, file, startedAt: new Date().toISOString(), ...(durationMs ? { durationMs } : {}) });
process.off('disconnect', orphaned);
await tell({ ready: true });
process.stderr.write(`${new Date().toISOString()} recording ${request.source} to ${request.file}\n`);
const limit = request.durationMs !== undefined ? sleep(request.durationMs) : new Promise<void>(() => undefined);
await Promise.race([stopped, limit]);
try {
  await recording.finish();
  writeOutcome({ ok: true, file: request.file });
  process.stderr.write(`${new Date().toISOString()} finished ${request.file}\n`);
  process.exit(0);
} catch (error) {
  writeOutcome({ ok: false, error: (error as Error).message });
  process.stderr.write(`${new Date().toISOString()} failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
