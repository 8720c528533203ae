import type { RunPublish } from '@panoptic/model/run-publish';
import { expect, type Api } from './fixtures.js';

// The history the dashboard tests read: four runs of "shop" (checkout breaks, search flips) and one
// of "billing", published through the real API as the reporter does.

type Test = RunPublish['tests'][number];
type Outcome = Test['outcome'];

/** Errors that differ from run to run only in what a signature takes out (ports, durations). */
function errorOf(title: string, start: string): string {
  const hour = new Date(start).getUTCHours();
  if (title === 'login') return `page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:${3000 + hour}/login`;
  return `TimeoutError: locator.click: Timeout ${hour * 1000}ms exceeded waiting for #${title}-button`;
}

export function result(title: string, outcome: Outcome, start: string): Test {
  const statuses: ('passed' | 'failed')[] = outcome === 'expected' ? ['passed'] : outcome === 'flaky' ? ['failed', 'passed'] : ['failed', 'failed'];
  return {
    key: `chromium › shop.spec.ts › ${title}`,
    title,
    title_path: ['shop.spec.ts', title],
    project: 'chromium',
    file: 'shop.spec.ts',
    line: 10 + title.length,
    outcome,
    duration_ms: 100 * statuses.length,
    attempts: statuses.map((status, retry) => ({
      retry, status, duration_ms: 100, start_time: start,
      ...(status === 'failed' ? { error: errorOf(title, start), category: title === 'login' ? 'network' : 'timeout' } : {}),
    })),
    ...(outcome === 'unexpected' ? { category: title === 'login' ? 'network' : 'timeout' } : {}),
    artifacts: outcome === 'expected' ? [] : [{ name: `${title}-failure.png`, kind: 'screenshot', content_type: 'image/png', retry: 0, url: `https://artifacts.example/${title}.png` }],
  };
}

// Triage: checkout's failure recurs since run-2, search's is new in run-4, login's was fixed in run-3.
export const SHOP_RUNS: { id: string; branch: string; outcomes: Record<'checkout' | 'cart' | 'search' | 'login', Outcome> }[] = [
  { id: 'run-1', branch: 'main', outcomes: { checkout: 'expected', cart: 'expected', search: 'expected', login: 'unexpected' } },
  { id: 'run-2', branch: 'main', outcomes: { checkout: 'unexpected', cart: 'expected', search: 'flaky', login: 'unexpected' } },
  { id: 'run-3', branch: 'feature-x', outcomes: { checkout: 'expected', cart: 'expected', search: 'expected', login: 'expected' } },
  { id: 'run-4', branch: 'main', outcomes: { checkout: 'unexpected', cart: 'expected', search: 'unexpected', login: 'expected' } },
];

export function payload(id: string, branch: string, index: number, tests: Test[]): RunPublish {
  const started = new Date(Date.UTC(2026, 11, 1, 10 + index)).toISOString();
  const failed = tests.some((test) => test.outcome === 'unexpected');
  return { version: 1, run_id: id, shard: null, status: failed ? 'failed' : 'passed', started_at: started, duration_ms: 4000 + index * 500, branch, commit: `c0ffee${index}`, ci_url: `https://ci.example/${id}`, tests };
}

export async function seedRuns(api: Api, url: string, admin: string): Promise<void> {
  for (const [index, run] of SHOP_RUNS.entries()) {
    const tests = Object.entries(run.outcomes).map(([title, outcome]) => result(title, outcome, new Date(Date.UTC(2026, 11, 1, 10 + index)).toISOString()));
    const response = await api(url, 'PUT', `/api/v1/projects/shop/runs/${run.id}`, { token: admin, body: payload(run.id, run.branch, index, tests) });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  }
  const billing = await api(url, 'PUT', '/api/v1/projects/billing/runs/bill-1', { token: admin, body: payload('bill-1', 'main', 0, [result('invoice', 'expected', '2026-12-01T10:00:00Z')]) });
  expect(billing.status, JSON.stringify(billing.body)).toBeLessThan(300);
}
