import { test, expect } from '@playwright/test';
import { looksVolatile } from '@panoptic/ai';

test('clocks, dates, durations, ids and bare counts look volatile', () => {
  for (const text of [
    '14:03',
    'Local time 09:05:33',
    'Updated 2026-12-06',
    'on 06/12/2026',
    'Posted 6 Dec',
    'Dec 6th release',
    '(measured 1500 ms)',
    'took 2.3 s',
    '5 minutes ago',
    'just now',
    'Order 123e4567-e89b-12d3-a456-426614174000',
    'session a81bc9f02d3e44',
    'since 1765000000',
    '1501',
    '42 %',
    '#7',
  ]) {
    expect(looksVolatile(text), text).toBe(true);
  }
});

test('ordinary text, names and version-like labels do not', () => {
  for (const text of ['Sign in', 'Thank you, Ada Lovelace!', 'Step 2 of 3', 'log.disableAll()', 'constants.js', 'Invalid username or password', 'Top 10 tips', 'HTTP/2 support']) {
    expect(looksVolatile(text), text).toBe(false);
  }
});
