import { formatBytes, formatRate } from './format.js';

export interface ProgressState {
  label: string;
  done: number;
  total: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

/** `label [#####.....] 45% 90/201 files 62/139 MB 43 MB/s`, cut to fit a terminal `columns` wide. */
export function progressText(state: ProgressState, columns: number): string {
  const { label, done, total, bytes, totalBytes } = state;
  const share = totalBytes > 0 ? bytes / totalBytes : total > 0 ? done / total : 1;
  const tail = ` ${Math.floor(share * 100)}% ${done}/${total} files ${formatBytes(bytes)}/${formatBytes(totalBytes)} ${formatRate(bytes, state.elapsedMs)}`;
  const width = Math.max(10, Math.min(30, columns - label.length - tail.length - 4));
  const filled = Math.round(share * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}`.slice(0, columns - 1);
}

/**
 * One line redrawn in place on a terminal. Off the terminal (CI logs, pipes) it draws nothing; the
 * commands print summary lines instead. Kept here rather than taken from a progress-bar library:
 * the one line is all the commands need, and those libraries bring their own redraw loops.
 */
export class ProgressLine {
  private lastDraw = 0;
  private drawn = false;
  private readonly start = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream | NodeJS.WritableStream) {}

  private get enabled(): boolean {
    return 'isTTY' in this.stream && this.stream.isTTY === true;
  }

  update(label: string, done: number, total: number, bytes: number, totalBytes: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    // At most ten redraws a second: a terminal redrawn per file would slow the upload it shows.
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const columns = ('columns' in this.stream && this.stream.columns) || 80;
    this.stream.write(`\r${progressText({ label, done, total, bytes, totalBytes, elapsedMs: now - this.start }, columns)}\u001b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
