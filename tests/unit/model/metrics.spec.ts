import { test, expect } from '@playwright/test';
import { METRICS_CONTENT_TYPE, METRICS_VERSION, readMetrics, type PanopticMetrics } from '@panoptic/model/metrics';
// The reporter's reading of a test's attachments is internal: this test pins it to the model's contract.
import { metricsOf } from '../../../packages/reporter/dist/records.js';

const METRICS: PanopticMetrics = {
  version: METRICS_VERSION,
  app: 'shop',
  platform: 'web',
  actions: [{ name: 'open', type: 'navigate', status: 'passed', startMs: 0, durationMs: 12, artifacts: [] }],
  byType: { navigate: { count: 1, failed: 0, totalMs: 12 } },
  artifacts: [{ name: 'shot.png', kind: 'screenshot', bytes: 100 }],
};

test('a metrics attachment as the fixtures write it parses; a plain spec may attach only the counts', () => {
  expect(readMetrics(JSON.parse(JSON.stringify(METRICS)), 'attachment')).toEqual(METRICS);
  expect(readMetrics({ version: 1, byType: { click: { count: 2, failed: 1, totalMs: 5 } } }, 'attachment')).toEqual({
    version: 1,
    actions: [],
    byType: { click: { count: 2, failed: 1, totalMs: 5 } },
    artifacts: [],
  });
});

test('a metrics attachment of another version says which it is and which this Panoptic reads', () => {
  expect(() => readMetrics({ ...METRICS, version: 2 }, 'attachment "panoptic-metrics"')).toThrow(
    'the metrics attachment at attachment "panoptic-metrics" is version 2; this Panoptic reads version 1: upgrade Panoptic to read it',
  );
  expect(() => readMetrics({ byType: {} }, 'x')).toThrow('the metrics attachment at x has no version number (version: missing); this Panoptic reads version 1');
});

test('a malformed metrics attachment names the field', () => {
  expect(() => readMetrics({ ...METRICS, byType: { click: { count: 'two', failed: 0, totalMs: 1 } } }, 'x')).toThrow(
    'the metrics attachment at x (version 1) is not valid: byType.click.count: Invalid input: expected number, received string',
  );
  expect(() => readMetrics({ ...METRICS, actions: [{ ...METRICS.actions[0], status: 'maybe' }] }, 'x')).toThrow(/actions\[0\]\.status: Invalid option/);
});

test('the reporter reads the attachment through the contract and refuses another version', () => {
  const result = (body: unknown) =>
    ({ attachments: [{ name: 'panoptic-metrics', contentType: METRICS_CONTENT_TYPE, body: Buffer.from(JSON.stringify(body)) }] }) as unknown as Parameters<typeof metricsOf>[0];
  expect(metricsOf(result(METRICS))?.byType).toEqual(METRICS.byType);
  expect(() => metricsOf(result({ ...METRICS, version: 9 }))).toThrow('is version 9; this Panoptic reads version 1');
});
