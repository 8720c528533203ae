import type { Suite, TestCase } from '@playwright/test/reporter';
import { summarizeTest, type ProjectInfo } from './records.js';
import type { TestSummary } from './summary.js';

interface Summarized {
  summary: TestSummary;
  /** How many attempts the summary was made from: a later attempt (a retry) makes it stale. */
  attempts: number;
}

/**
 * The run's test summaries, each made when its test's attempt ends, so that the end of a run of
 * 100,000 tests only gathers them instead of summarizing every test at once. A retry summarizes its
 * test again; a test that never ended an attempt (interrupted, not run) is summarized at the end,
 * and so is one whose attachments changed after it ended (`restale`).
 */
export class TestSummaries {
  private readonly byTest = new Map<TestCase, Summarized>();

  constructor(
    private readonly rootDir: string,
    private readonly projects: ReadonlyMap<string, ProjectInfo>,
    private readonly warn: (message: string) => void,
  ) {}

  private summarize(test: TestCase): TestSummary {
    const summary = summarizeTest(test, this.rootDir, this.projects.get(test.parent.project()?.name ?? '') ?? {}, this.warn);
    this.byTest.set(test, { summary, attempts: test.results.length });
    return summary;
  }

  /** At the end of each attempt. */
  add(test: TestCase): void {
    this.summarize(test);
  }

  /** Tests whose attachments were pointed elsewhere after they ended (a synced file deleted): summarized again at the end. */
  restale(tests: Iterable<TestCase>): void {
    for (const test of tests) this.byTest.delete(test);
  }

  /** Every test of the run in the suite's order, each summary as of the test's last attempt. */
  all(root: Suite): TestSummary[] {
    return root.allTests().map((test) => {
      const known = this.byTest.get(test);
      return known && known.attempts === test.results.length ? known.summary : this.summarize(test);
    });
  }
}
