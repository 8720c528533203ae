import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { App } from '@panoptic/config';
import { compileCapabilities, mergeCapabilities, withVendorPrefix } from '../../../packages/fixtures/src/platforms/mobile/capabilities.js';

const SUITE_DIR = path.resolve('suites');
const app = (extra: Partial<App>): App => ({ name: 'phone', type: 'mobile', platform: 'android', ...extra });

test('Android apps get UiAutomator2 defaults; the app file resolves against the suite', () => {
  expect(compileCapabilities(app({ path: 'apps/shop.apk' }), SUITE_DIR)).toEqual({
    platformName: 'Android',
    'appium:automationName': 'UiAutomator2',
    'appium:deviceName': 'Android Emulator',
    'appium:app': path.join(SUITE_DIR, 'apps', 'shop.apk'),
  });
});

test("an Android app without a file opens its url in the device's Chrome", () => {
  expect(compileCapabilities(app({ url: 'https://example.com' }), SUITE_DIR)).toMatchObject({ browserName: 'Chrome' });
  expect(compileCapabilities(app({ url: 'shop://cart' }), SUITE_DIR)).not.toHaveProperty('browserName');
});

test('an Android device is selected by serial; an emulator named by its AVD is booted', () => {
  expect(compileCapabilities(app({ device: 'R58M123ABC' }), SUITE_DIR)).toMatchObject({ 'appium:udid': 'R58M123ABC', 'appium:deviceName': 'R58M123ABC' });
  expect(compileCapabilities(app({ device: 'emulator-5554', emulator: true }), SUITE_DIR)).toMatchObject({ 'appium:udid': 'emulator-5554' });
  const avd = compileCapabilities(app({ device: 'Pixel_7_API_34', emulator: true }), SUITE_DIR);
  expect(avd).toMatchObject({ 'appium:avd': 'Pixel_7_API_34' });
  expect(avd).not.toHaveProperty('appium:udid');
});

test('iOS apps get XCUITest defaults: simulators by name, real devices by UDID, Safari for web pages', () => {
  expect(compileCapabilities(app({ platform: 'ios', device: 'iPhone 15', emulator: true, url: 'https://example.com' }), SUITE_DIR)).toEqual({
    platformName: 'iOS',
    'appium:automationName': 'XCUITest',
    'appium:deviceName': 'iPhone 15',
    browserName: 'Safari',
  });
  expect(compileCapabilities(app({ platform: 'ios', device: '00008030-001A2B3C', emulator: false }), SUITE_DIR)).toMatchObject({
    'appium:udid': '00008030-001A2B3C',
  });
  expect(compileCapabilities(app({ platform: 'ios', path: 'https://builds.example.com/shop.ipa' }), SUITE_DIR)).toMatchObject({
    'appium:app': 'https://builds.example.com/shop.ipa',
  });
});

test("the app's appium.capabilities win, get the appium: prefix when they lack a vendor, and null removes one", () => {
  const merged = compileCapabilities(
    app({ url: 'https://example.com', appium: { capabilities: { automationName: 'Chromium', 'appium:deviceName': null, 'goog:chromeOptions': { args: [] }, browserName: 'chrome' } } }),
    SUITE_DIR,
  );
  expect(merged).toEqual({
    platformName: 'Android',
    'appium:automationName': 'Chromium',
    'goog:chromeOptions': { args: [] },
    browserName: 'chrome',
  });
  expect(withVendorPrefix('platformName')).toBe('platformName');
  expect(withVendorPrefix('newCommandTimeout')).toBe('appium:newCommandTimeout');
  expect(mergeCapabilities({ a: 1 }, { 'appium:a': 2 })).toEqual({ a: 1, 'appium:a': 2 });
});

test("sessions on the worker's own server get free driver ports, so parallel workers do not collide", async () => {
  const { withFreeLocalPorts } = await import('../../../packages/fixtures/src/platforms/mobile/open.js');
  const chromium = await withFreeLocalPorts({ 'appium:automationName': 'Chromium' });
  expect(chromium['appium:chromedriverPort']).toEqual(expect.any(Number));
  expect((await withFreeLocalPorts({ 'appium:automationName': 'UiAutomator2' }))['appium:systemPort']).toEqual(expect.any(Number));
  expect((await withFreeLocalPorts({ 'appium:automationName': 'XCUITest' }))['appium:wdaLocalPort']).toEqual(expect.any(Number));
  expect(await withFreeLocalPorts({ 'appium:automationName': 'Chromium', 'appium:chromedriverPort': 9600 })).toEqual({
    'appium:automationName': 'Chromium',
    'appium:chromedriverPort': 9600,
  });
  expect(await withFreeLocalPorts({ 'appium:automationName': 'Fake' })).toEqual({ 'appium:automationName': 'Fake' });
});
