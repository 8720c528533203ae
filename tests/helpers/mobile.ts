import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from '@panoptic/fixtures/config';

/** The app model the fake driver plays: native-style elements with ids, texts, a list and an alert. */
export const FAKE_APP_XML = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'integration', 'mobile', 'fake-app.xml');

const CHROMEDRIVER = ['/usr/bin/chromedriver', '/usr/lib/chromium/chromedriver'];

function chromiumBinary(): string {
  const choice = findChromium();
  return choice.executablePath ?? chromium.executablePath();
}

function chromedriver(): string {
  const found = CHROMEDRIVER.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`No chromedriver found (tried ${CHROMEDRIVER.join(', ')}): apt-get install -y chromium-driver.`);
  return found;
}

/**
 * appium-chromium-driver on the system Chromium: the driver's own chromedriver download is off and the
 * system's is used, so nothing is fetched. `mobileEmulation` makes it a phone's browser.
 */
export function chromiumCapabilities(mobileEmulation?: { deviceName: string }): Record<string, unknown> {
  return {
    platformName: 'linux',
    browserName: 'chrome',
    'appium:automationName': 'Chromium',
    'appium:executable': chromedriver(),
    'appium:autodownloadEnabled': false,
    'appium:deviceName': null,
    'goog:chromeOptions': {
      binary: chromiumBinary(),
      args: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
      ...(mobileEmulation ? { mobileEmulation } : {}),
    },
  };
}

/** @appium/fake-driver playing FAKE_APP_XML. */
export function fakeCapabilities(app = FAKE_APP_XML): Record<string, unknown> {
  return { platformName: 'Fake', 'appium:automationName': 'Fake', 'appium:app': app, 'appium:deviceName': null };
}

/**
 * Processes still alive that carry `marker` in their environment: everything a run starts (Appium,
 * chromedriver, Chromium) inherits the runner's environment, so a marker set for one run finds what it
 * left behind, and nothing of other runs on the machine.
 */
export function processesWithMarker(marker: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (!environ.split('\0').includes(marker)) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}
