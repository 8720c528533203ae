import { test, expect, devices } from '@playwright/test';
import { compileSuite, deviceBrowserFor, type App } from '@panoptic/config';
import { errorsOf, valid, yaml } from './helpers.js';

const MOBILE_APP = ['apps:', '  - name: phone', '    type: mobile', '    platform: android'];

test('mobile apps open http(s) pages and deep links; code-running schemes and files are refused', () => {
  expect(() => valid(yaml(...MOBILE_APP, '    url: shop://cart/42', '    actions:', '      - { name: go, type: navigate, url: "market://details?id=shop" }'))).not.toThrow();
  expect(errorsOf(yaml(...MOBILE_APP, '    url: javascript:alert(1)', '    actions:', '      - { name: go, type: navigate, url: file:///etc/passwd }'))).toEqual([
    'suite.yaml:5:10 - apps[0].url: URL scheme "javascript:" is refused in "javascript:alert(1)"; expected an http(s) URL or a deep link such as "myapp://home"',
    'suite.yaml:7:42 - apps[0].actions[0].url: file: URL "file:///etc/passwd" is refused unless settings.allow_file_urls is true',
  ]);
  // Web apps keep the web rule.
  expect(errorsOf(yaml('apps:', '  - name: web', '    type: web', '    url: shop://cart'))).toEqual([
    'suite.yaml:4:10 - apps[0].url: URL scheme "shop:" is refused in "shop://cart"; expected an absolute http:// or https:// URL',
  ]);
});

test('the appium block: only on mobile apps, an http(s) server_url, credentials never in the suite', () => {
  expect(() => valid(yaml(...MOBILE_APP, '    appium:', '      server_url: https://hub.example.com/wd/hub', '      capabilities: { automationName: UiAutomator2 }'))).not.toThrow();
  expect(errorsOf(yaml(...MOBILE_APP, '    appium:', '      server_url: https://me:hunter2@hub.example.com'))).toEqual([
    'suite.yaml:6:19 - apps[0].appium.server_url: credentials do not belong in the suite: remove them from the URL and set PANOPTIC_APPIUM_USER and PANOPTIC_APPIUM_KEY',
  ]);
  expect(errorsOf(yaml(...MOBILE_APP, '    appium: { server_url: "ftp://hub" }'))).toEqual([
    'suite.yaml:5:27 - apps[0].appium.server_url: URL scheme "ftp:" is refused in "ftp://hub"; expected an http:// or https:// Appium server',
  ]);
  expect(errorsOf(yaml('apps:', '  - name: web', '    type: web', '    url: https://example.com', '    appium: { capabilities: {} }'))).toEqual([
    'suite.yaml:5:5 - apps[0].appium: only mobile apps run through Appium; remove this block or make the app "type: mobile"',
  ]);
});

test('gestures ride on click parameters and are checked', () => {
  expect(() =>
    valid(yaml(...MOBILE_APP, '    actions:', '      - { name: back, type: click, parameters: { gesture: back } }', '      - { name: scroll, type: click, parameters: { gesture: swipe, direction: down, distance: 0.8 } }')),
  ).not.toThrow();
  expect(
    errorsOf(
      yaml(
        ...MOBILE_APP,
        '    actions:',
        '      - { name: a, type: click, parameters: { gesture: swype } }',
        '      - { name: b, type: click, parameters: { gesture: swipe, direction: upward, distance: 2 } }',
        '      - { name: c, type: wait, parameters: { gesture: back } }',
      ),
    ),
  ).toEqual([
    'suite.yaml:6:56 - apps[0].actions[0].parameters.gesture: unknown gesture "swype"; did you mean "swipe"? Expected one of: back, swipe',
    'suite.yaml:7:74 - apps[0].actions[1].parameters.direction: unknown direction "upward"; expected one of: up, down, left, right',
    'suite.yaml:7:92 - apps[0].actions[1].parameters.distance: expected a number of at most 1, found a number (2)',
    'suite.yaml:8:46 - apps[0].actions[2].parameters.gesture: unknown key: wait takes no parameters',
  ]);
});

test('a WebKit-default device runs in WebKit where it is installed, else in Chromium with a note', () => {
  const iphone: App = { name: 'iphone', type: 'web', url: 'https://example.com', device: 'iPhone 13' };
  expect(deviceBrowserFor(iphone, {}, devices, () => true)).toEqual({ browserName: 'webkit' });
  expect(deviceBrowserFor(iphone, {}, devices, () => false)).toEqual({
    note: `device "iPhone 13" defaults to WebKit, which is not installed: app "iphone" runs in Chromium with the device's viewport, user agent, touch and scale`,
  });
  expect(deviceBrowserFor({ ...iphone, device: 'Pixel 7' }, {}, devices, () => false)).toEqual({});
  // mobile_device is for web apps: a mobile app's device is a phone, not a descriptor.
  expect(deviceBrowserFor({ name: 'p', type: 'mobile', platform: 'ios' }, { mobile_device: 'iPhone 13' }, devices, () => false)).toEqual({});

  const loaded = valid(yaml('apps:', '  - name: iphone', '    type: web', '    url: https://example.com', '    device: iPhone 13'));
  const chromiumArgs = ['--disable-features=WebUIOmniboxPopup', '--lang=de'];
  const options = { specDir: '/spec', specFile: 'suite.spec.js', devices, use: { launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs } } };
  const withWebkit = compileSuite(loaded, { ...options, isBrowserInstalled: () => true });
  expect(withWebkit.projects[0]!.use).toMatchObject({ browserName: 'webkit', launchOptions: { executablePath: undefined, args: ['--lang=de'] } });
  expect(withWebkit.notes).toEqual([]);
  const without = compileSuite(loaded, { ...options, isBrowserInstalled: () => false });
  expect(without.projects[0]!.use?.browserName).toBeUndefined();
  expect(without.projects[0]!.use?.launchOptions).toEqual({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  expect(without.notes).toEqual([expect.stringContaining('device "iPhone 13" defaults to WebKit, which is not installed')]);
});
