import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { repoRoot } from './inline.js';

/** The small GTK and Tk apps the desktop tests drive. */
export const testAppsDir = path.join(repoRoot, 'tests', 'apps');

/** Live processes whose environment has `name=value` (Linux /proc): what a run left behind. */
export function processesWithEnv(name: string, value: string): { pid: number; command: string }[] {
  const needle = `${name}=${value}`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(needle)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      found.push({ pid: Number(entry), command: fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').replaceAll('\0', ' ').trim() });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Number of distinct colours in a PNG: 1 for a blank image. */
export function distinctColours(file: string): number {
  const png = PNG.sync.read(fs.readFileSync(file));
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  return colours.size;
}

/** A folder of links to the given programs (found on PATH), to use as a PATH that lacks the others. */
export function pathWith(programs: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-path-'));
  for (const program of programs) {
    const found = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, program)).find((file) => fs.existsSync(file));
    if (!found) throw new Error(`${program} is not on PATH; the desktop tests need it.`);
    fs.symlinkSync(found, path.join(dir, program));
  }
  return dir;
}

/** An Xvfb of the test's own, as the "current display" a desktop app may be told to use. */
export function startDisplay(): Promise<{ name: string; stop: () => void }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x768x24', '-nolisten', 'tcp', '-noreset'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let number = '';
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      number += chunk.toString();
      if (number.includes('\n')) resolve({ name: `:${number.trim()}`, stop: () => xvfb.kill() });
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before it was ready`)));
  });
}
