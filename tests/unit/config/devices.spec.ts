import { test, expect, devices } from '@playwright/test';
import { WEB_APP, errorsOf, valid, yaml } from './helpers.js';

const knownDevices = Object.keys(devices);

test('an unknown web device lists the nearest known names', () => {
  const text = yaml(...WEB_APP, '    device: Pixle 7', 'settings:', '  mobile_device: iphone 13');
  expect(errorsOf(text, { knownDevices })).toEqual([
    'suite.yaml:5:13 - apps[0].device: unknown device "Pixle 7"; nearest known devices: "Pixel 7", "Pixel 2", "Pixel 3"',
    'suite.yaml:7:18 - settings.mobile_device: unknown device "iphone 13"; nearest known devices: "iPhone 13", "iPhone 11", "iPhone 12"',
  ]);
});

test('known device names validate', () => {
  expect(() => valid(yaml(...WEB_APP, '    device: Pixel 7', 'settings:', '  mobile_device: iPhone 13'), { knownDevices })).not.toThrow();
});

test('fewer known devices than suggestions lists them all', () => {
  expect(errorsOf(yaml(...WEB_APP, '    device: Desk'), { knownDevices: ['Desktop Chrome'] })).toEqual([
    'suite.yaml:5:13 - apps[0].device: unknown device "Desk"; nearest known devices: "Desktop Chrome"',
  ]);
});

test('device names are not checked without a list, nor on mobile apps, where they name real devices', () => {
  expect(() => valid(yaml(...WEB_APP, '    device: Pixle 7'))).not.toThrow();
  const mobile = yaml('apps:', '  - name: phone', '    type: mobile', '    platform: android', '    device: emulator-5554');
  expect(() => valid(mobile, { knownDevices })).not.toThrow();
});
