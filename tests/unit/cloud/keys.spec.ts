import { test, expect } from '@playwright/test';
import { assertSafeKey, runPrefix, sanitizeKeySegment, shardLabel, UnsafeKeyError } from '@panoptic/cloud';

const ESCAPES: Record<string, string> = {
  'parent segment': '../etc/passwd',
  'parent segment in the middle': 'runs/a/../../../etc/passwd',
  'parent segment at the end': 'runs/..',
  'current-folder segment': 'runs/./x.png',
  'dots and spaces (Windows strips them)': 'runs/... /x.png',
  'absolute path': '/etc/passwd',
  'drive letter': 'C:/Windows/win.ini',
  'drive letter in a segment': 'runs/C:/x',
  backslash: 'runs\\..\\x',
  'backslash alone': 'a\\b',
  NUL: 'runs/x.png\u0000.txt',
  newline: 'runs/x\n.png',
  'carriage return': 'runs/x\r.png',
  DEL: 'runs/x\u007f.png',
  'C1 control': 'runs/x\u0085.png',
  'bidi override': 'runs/gnp.\u202etxt',
  'encoded dots': 'runs/%2e%2e/x',
  'encoded dots, upper case': 'runs/%2E%2E/x',
  'half-encoded dots': 'runs/.%2e/x',
  'encoded slash': 'runs/..%2fetc',
  'encoded backslash': 'runs/..%5cetc',
  'double-encoded dots': 'runs/%252e%252e/x',
  'encoded NUL': 'runs/x%00.png',
  'overlong UTF-8 dot': 'runs/%c0%ae%c0%ae/x',
  'full-width dots': 'runs/\uff0e\uff0e/x',
  'two-dot leader': 'runs/\u2025/x',
  'full-width solidus': 'runs/..\uff0fx',
  'full-width backslash': 'runs\uff3c..',
  'empty key': '',
  'leading slash': '/runs/x',
  'trailing slash': 'runs/x/',
  'doubled slash': 'runs//x',
  'too long': `runs/${'a'.repeat(1100)}`,
};

for (const [name, key] of Object.entries(ESCAPES)) {
  test(`assertSafeKey rejects ${name}`, () => {
    expect(() => assertSafeKey(key)).toThrow(UnsafeKeyError);
  });
}

test('assertSafeKey accepts ordinary artifact keys', () => {
  for (const key of [
    'panoptic/chromium/2025-01-15T09-30-00.000Z/1-of-3/index.html',
    'runs/a.b/c..d/e...png',
    'runs/trace file (1).zip',
    'runs/100%20done.txt',
    'runs/naïve-名前.png',
    'x',
  ]) {
    expect(() => assertSafeKey(key), key).not.toThrow();
  }
});

test('the error says which key and why', () => {
  expect(() => assertSafeKey('a/../b')).toThrow('unsafe storage key "a/../b": it has a ".." segment');
});

test('runPrefix lays out <prefix>/<project>/<run id>/<shard>', () => {
  expect(runPrefix({ prefix: 'panoptic', project: 'chromium', runId: 'gh-123-1', shard: { current: 2, total: 3 } })).toBe('panoptic/chromium/gh-123-1/2-of-3');
  expect(runPrefix({ prefix: 'team/ui-tests/', project: 'Mobile Chrome', runId: '2025-01-15T09:30:00.000Z' })).toBe(
    'team/ui-tests/Mobile-Chrome/2025-01-15T09-30-00.000Z/all',
  );
  expect(runPrefix({ project: '', runId: 'r1', shard: '1-of-1' })).toBe('default/r1/1-of-1');
  expect(runPrefix({ prefix: '', project: 'p', runId: 'r', shard: '3/4' })).toBe('p/r/3-of-4');
  expect(runPrefix({ project: 'p', runId: 'r', shard: null })).toBe('p/r/all');
});

test('runPrefix sanitizes every part so none can add segments or climb out', () => {
  const key = runPrefix({ prefix: 'artifacts', project: '../../../root', runId: 'a/b\\c\u0000d', shard: 'all' });
  expect(key).toBe('artifacts/root/a-b-c-d/all');
  expect(runPrefix({ project: '.hidden', runId: '..r..' })).toBe('hidden/r/all');
  expect(() => runPrefix({ prefix: '../../etc', project: 'p', runId: 'r' })).toThrow(/prefix ".." has no characters usable/);
  expect(() => runPrefix({ project: '..', runId: 'r' })).toThrow(/project ".." has no characters usable/);
  expect(() => runPrefix({ project: 'p', runId: '../..' })).toThrow(/run id "..\/.." has no characters usable/);
  expect(() => runPrefix({ project: 'p', runId: 'r', shard: '../x' })).toThrow(/shard/);
  expect(() => runPrefix({ project: 'p', runId: 'r', shard: { current: 4, total: 3 } })).toThrow(/current <= total/);
});

test('sanitizeKeySegment and shardLabel', () => {
  expect(sanitizeKeySegment('Desktop Firefox (HiDPI)')).toBe('Desktop-Firefox-HiDPI');
  expect(sanitizeKeySegment('..x..')).toBe('x');
  expect(sanitizeKeySegment('ＡＢＣ')).toBe('ABC');
  expect(shardLabel({ current: 1, total: 3 })).toBe('1-of-3');
  expect(shardLabel('all')).toBe('all');
  expect(shardLabel(undefined)).toBe('all');
});
