import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ScreenRecorder, type SessionCommand } from '../../../packages/fixtures/src/platforms/mobile/recording.js';

// A test double of a driver's screen recording: UiAutomator2 and XCUITest have one, but no Android or
// iOS device can exist here (the real drivers' missing recording is tested against real Appium).

function doubleDriver(): { command: SessionCommand; calls: string[] } {
  const calls: string[] = [];
  let n = 0;
  const command: SessionCommand = async (_method, name, body) => {
    calls.push(`${name} ${JSON.stringify(body)}`);
    return name.startsWith('appium/stop') ? Buffer.from(`video ${++n}`).toString('base64') : null;
  };
  return { command, calls };
}

function sink(dir: string): { saved: { filename: string; bytes: string }[]; sink: ConstructorParameters<typeof ScreenRecorder>[2] } {
  const saved: { filename: string; bytes: string }[] = [];
  return {
    saved,
    sink: {
      path: (filename) => path.join(dir, filename),
      save: async (source, _target, filename) => {
        saved.push({ filename, bytes: fs.readFileSync(source, 'utf8') });
      },
    },
  };
}

test('a clip records for its duration, asks the driver for at least that long, and is saved', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-rec-'));
  const driver = doubleDriver();
  const out = sink(dir);
  const recorder = new ScreenRecorder(driver.command, 'UiAutomator2', out.sink);
  await recorder.start({ filename: 'a.webm', durationMs: 200 });
  await expect.poll(() => out.saved.length).toBe(1);
  await recorder.finish();
  expect(driver.calls).toEqual(['appium/start_recording_screen {"options":{"timeLimit":1,"forceRestart":true}}', 'appium/stop_recording_screen {}']);
  expect(out.saved).toEqual([{ filename: 'a.webm', bytes: 'video 1' }]);
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('stop(), a new clip and the end of the test each end the running clip', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-rec-'));
  const driver = doubleDriver();
  const out = sink(dir);
  const recorder = new ScreenRecorder(driver.command, 'XCUITest', out.sink);
  const first = await recorder.start({ filename: 'first.mp4', durationMs: 60_000 });
  first.stop();
  await recorder.start({ filename: 'second.mp4', durationMs: Number.POSITIVE_INFINITY });
  await recorder.start({ filename: 'third.mp4', durationMs: 60_000 });
  await recorder.finish();
  // Each clip is fetched and saved before the next recording starts.
  expect(out.saved.map((s) => s.filename)).toEqual(['first.mp4', 'second.mp4', 'third.mp4']);
  expect(driver.calls.map((call) => call.split(' ')[0])).toEqual([
    'appium/start_recording_screen',
    'appium/stop_recording_screen',
    'appium/start_recording_screen',
    'appium/stop_recording_screen',
    'appium/start_recording_screen',
    'appium/stop_recording_screen',
  ]);
  expect(driver.calls[2]).toBe('appium/start_recording_screen {"options":{"timeLimit":1800,"forceRestart":true}}');
});

test('a driver without recording fails the action naming it; a failed save fails the end of the test', async () => {
  const refusing: SessionCommand = async () => {
    throw new Error('unknown command: The requested resource could not be found');
  };
  const recorder = new ScreenRecorder(refusing, 'Espresso', sink(os.tmpdir()).sink);
  await expect(recorder.start({ filename: 'x.webm', durationMs: 1000 })).rejects.toThrow(
    "record: the Espresso driver has no screen recording (Appium's start_recording_screen failed: unknown command: The requested resource could not be found).",
  );
  const silent: SessionCommand = async () => '';
  const empty = new ScreenRecorder(silent, 'UiAutomator2', sink(os.tmpdir()).sink);
  await empty.start({ filename: 'y.webm', durationMs: 60_000 });
  await expect(empty.finish()).rejects.toThrow('record: the UiAutomator2 driver returned no video for y.webm.');
});
