import fs from 'node:fs';
import path from 'node:path';
import type { RecordKind } from './record-state.js';

/** What the recorder process is asked to record; sent to it as one JSON argument. */
export interface RecordRequest {
  kind: RecordKind;
  /** URL, X display or window title (a regular expression, as xdotool takes it). */
  source: string;
  /** X display for `display` and `window`. */
  display?: string;
  file: string;
  durationMs?: number;
  size: { width: number; height: number };
  headed: boolean;
  cwd: string;
  /** Folder the browser may write its video to before it is moved to `file`. */
  scratch: string;
}

/** A recording under way: `finish` ends it and resolves once `file` is complete. */
export interface ActiveRecording {
  finish(): Promise<void>;
}

/**
 * A page through Playwright's own video recording (what tests record with), in a browser of its own.
 * The video is written when the context closes; an .mp4 is transcoded from Playwright's WebM.
 */
export async function recordPage(request: RecordRequest): Promise<ActiveRecording> {
  const { chromium } = await import('@playwright/test');
  const { chromiumLaunchOptions } = await import('@panoptic/fixtures/config');
  const launchOptions = chromiumLaunchOptions(request.cwd).launchOptions ?? {};
  // The recorder handles the signals: it must finish the video, not have Playwright close the browser first.
  const browser = await chromium.launch({ ...launchOptions, headless: !request.headed, handleSIGTERM: false, handleSIGINT: false, handleSIGHUP: false });
  try {
    const context = await browser.newContext({ viewport: request.size, recordVideo: { dir: request.scratch, size: request.size } });
    const page = await context.newPage();
    await page.goto(request.source);
    return {
      finish: async () => {
        const video = page.video();
        await context.close();
        const written = await video?.path();
        await browser.close();
        if (!written) throw new Error('the browser wrote no video');
        if (path.extname(request.file) === '.mp4') {
          const { cutClip } = await import('@panoptic/fixtures/media');
          await cutClip(written, request.file, 0, Infinity, 'mp4');
        } else {
          fs.copyFileSync(written, request.file);
        }
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

function missingDisplay(display: string, cause: string): Error {
  return new Error(
    `display ${display} cannot be opened: no X server answers there (${cause}). Start an X server there, e.g. a virtual screen: ` +
      `\`apt-get install -y xvfb\`, then \`Xvfb ${display} &\`; or pass the --display of a running one.`,
  );
}

/** An X display, or one window of it (found by title, its area at the start), through ffmpeg's x11grab. */
export async function recordScreen(request: RecordRequest): Promise<ActiveRecording> {
  const display = request.display ?? '';
  const env = { ...process.env, DISPLAY: display };
  const { Recording, Xdotool } = await import('@panoptic/fixtures/media');
  const x = new Xdotool(env);
  const screen = await x.displaySize().catch((error: Error) => {
    // xdotool's own words, first line only: "Can't open display: (null)".
    throw missingDisplay(display, `xdotool: ${error.message.replace(/^xdotool getdisplaygeometry failed: (Error: )?/, '').split('\n')[0]}`);
  });
  let area = { x: 0, y: 0, ...screen };
  if (request.kind === 'window') {
    const windows = await x.search(['--name', request.source]);
    const sized = await Promise.all(windows.map(async (window) => x.bounds(window).catch(() => undefined)));
    const largest = sized.filter((bounds) => bounds !== undefined).sort((a, b) => b.width * b.height - a.width * a.height)[0];
    if (!largest) throw new Error(`no visible window on ${display} has a title matching ${JSON.stringify(request.source)}`);
    area = largest;
  }
  const format = path.extname(request.file) === '.webm' ? 'webm' : 'mp4';
  const recording = await Recording.start({ file: request.file, area, screen, format, durationMs: request.durationMs ?? Infinity }, env);
  await recording.ready;
  return { finish: () => recording.finish() };
}
