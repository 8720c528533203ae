import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { PNG } from 'pngjs';
// The HTML writer and the aggregation are internal to the reporter: this unit test feeds them a summary directly.
import { aggregate } from '../../../packages/reporter/dist/aggregate.js';
import { writeHtmlReport } from '../../../packages/reporter/dist/outputs/html.js';
import { summarySchema } from '../../../packages/reporter/dist/summary.js';
import { artifact, attempt, testSummary } from './html-fixture.js';

test('a YAML app\'s test is shown by its suite\'s own path, not the redacted copy, and its name once under a screenshot', async ({}, testInfo) => {
  const shot = testInfo.outputPath('home.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  fs.writeFileSync(shot, PNG.sync.write(new PNG({ width: 4, height: 3 })));
  const yamlTest = testSummary({
    titlePath: ['login.yaml', 'Login flow', 'smoke'],
    project: 'smoke',
    app: 'smoke',
    file: '@panoptic/fixtures/dist/play/suite.spec.js',
    outcome: 'expected',
    attempts: [{ ...attempt(0, 'passed', 1200), steps: [{ title: 'open', depth: 0, durationMs: 300, location: 'panoptic-results/suite-sources/suites/login.yaml:8:9' }] }],
    artifacts: [artifact('screenshot', 'home.png', shot, 0, 'image/png')],
  });
  const summary = summarySchema.parse(aggregate([yamlTest], { status: 'passed', startTime: new Date(), durationMs: 1500, playwrightVersion: '1.65.1', workers: 1, shard: null, errors: [] }));
  const { file } = await writeHtmlReport(summary, testInfo.outputPath('report'));
  const html = fs.readFileSync(file, 'utf8');

  expect(html).toContain('<code class="loc">suites/login.yaml</code>');
  expect(html).not.toContain('suite-sources/suites/login.yaml</code>');
  const captions = [...html.matchAll(/<figure class="shot">.*?<figcaption>(.*?)<\/figcaption>/g)].map((match) => match[1]);
  expect(captions).toEqual(['smoke']);
});
