import { test, expect } from '@playwright/test';
import { authorizationOf, baseUrlOf, connectionTo, externalServerUrl } from '../../../packages/fixtures/src/platforms/mobile/connection.js';

test('a server URL becomes remote() options; credentials come from the environment only', () => {
  const env = { PANOPTIC_APPIUM_USER: 'ci-user', PANOPTIC_APPIUM_KEY: 'k-SECRET-123' };
  const connection = connectionTo('https://hub.example.com/wd/hub', env);
  expect(connection).toEqual({
    protocol: 'https',
    hostname: 'hub.example.com',
    port: 443,
    path: '/wd/hub',
    user: 'ci-user',
    key: 'k-SECRET-123',
    shown: 'https://hub.example.com/wd/hub',
  });
  expect(authorizationOf(connection)).toBe(`Basic ${Buffer.from('ci-user:k-SECRET-123').toString('base64')}`);
  expect(baseUrlOf(connectionTo('http://[::1]:4723/', {}))).toBe('http://[::1]:4723');
  expect(authorizationOf(connectionTo('http://127.0.0.1:4723', {}))).toBeUndefined();
});

test('credentials in the URL and other schemes are refused without echoing them', () => {
  expect(() => connectionTo('https://user:k-SECRET-123@hub.example.com', {})).toThrow(
    'Appium server URL hub.example.com: credentials do not belong in the URL; set PANOPTIC_APPIUM_USER and PANOPTIC_APPIUM_KEY.',
  );
  expect(() => connectionTo('ws://127.0.0.1:4723', {})).toThrow('expected http:// or https://');
  expect(() => connectionTo('not a url', {})).toThrow('Invalid Appium server URL');
});

test("the app's own server wins over PANOPTIC_APPIUM_URL; with neither, Panoptic starts one", () => {
  const env = { PANOPTIC_APPIUM_URL: 'http://farm.example.com:4723' };
  expect(externalServerUrl('http://appium.lab:4723', env)).toBe('http://appium.lab:4723');
  expect(externalServerUrl(undefined, env)).toBe('http://farm.example.com:4723');
  expect(externalServerUrl(undefined, {})).toBeUndefined();
});
