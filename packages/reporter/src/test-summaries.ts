import type { Suite, TestCase } from '@playwright/test/reporter';
import { historyEntry, keyIndex, type History } from './history.js';
import { summarizeTest, type ProjectInfo } from './records.js';
import type { TestSummary } from './summary.js';

interface Summarized {
  summary: TestSummary;
  /** How many attempts the summary was made from: a later attempt (a retry) makes it stale. */
  attempts: number;
}

/** Playwright retries a test whose outcome is unexpected while it has retries left (the line reporter's `willRetry`). */
function willRetry(test: TestCase): boolean {
  return test.outcome() === 'unexpected' && test.results.length <= test.retries;
}

/**
 * The run's test summaries, each made when its test's last attempt ends, so that the end of a run
 * of 100,000 tests only gathers them instead of summarizing every test at once. A test that never
 * ended an attempt (interrupted, not run) is summarized at the end, and so is one whose attachments
 * changed after it ended (`restale`).
 *
 * A test's summary is finished once its last attempt ended: its history entry added (once the
 * history the run began with is loaded) and its summary.json entry spooled. What the end of the run
 * finds unfinished, it finishes then.
 */
export class TestSummaries {
  private readonly byTest = new Map<TestCase, Summarized>();
  private readonly finished = new WeakSet<TestSummary>();
  /** Tests whose last attempt ended before the history was loaded. */
  private waiting: TestCase[] = [];
  /** Set once the history is known: the loaded one, or undefined when the run keeps none. */
  private history: { value: History | undefined } | undefined;

  constructor(
    private readonly rootDir: string,
    private readonly projects: ReadonlyMap<string, ProjectInfo>,
    private readonly warn: (message: string) => void,
    /** Given each summary finished while the run goes on (the summary.json spool, the report's files). */
    private readonly onFinished?: (summary: TestSummary) => void,
  ) {}

  private summarize(test: TestCase): TestSummary {
    const summary = summarizeTest(test, this.rootDir, this.projects.get(test.parent.project()?.name ?? '') ?? {}, this.warn);
    this.byTest.set(test, { summary, attempts: test.results.length });
    return summary;
  }

  /**
   * At the end of each attempt. An attempt that will be retried is not summarized: the retry's
   * summary replaces it, and a retry that never comes (an interrupted run) is summarized at the end.
   */
  add(test: TestCase): void {
    if (willRetry(test)) return;
    // Already summarized with all the attempts it has: an end that brings no new attempt changes nothing.
    if (this.byTest.get(test)?.attempts === test.results.length) return;
    const summary = this.summarize(test);
    if (this.history) this.finish(summary, true);
    else this.waiting.push(test);
  }

  /** The history the run began with is loaded (undefined: the run keeps none): the tests that waited for it are finished. */
  historyLoaded(history: History | undefined): void {
    if (this.history) return;
    this.history = { value: history };
    // Built once per history; the entries below look every key up in it.
    if (history) keyIndex(history);
    const waiting = this.waiting;
    this.waiting = [];
    for (const test of waiting) {
      const known = this.byTest.get(test);
      if (known && known.attempts === test.results.length) this.finish(known.summary, true);
    }
  }

  private finish(summary: TestSummary, spool: boolean): void {
    if (this.finished.has(summary)) return;
    this.finished.add(summary);
    const history = this.history?.value;
    if (history) summary.history = historyEntry(summary, history);
    if (spool) this.onFinished?.(summary);
  }

  /** Tests whose attachments were pointed elsewhere after they ended (a synced file deleted): summarized again at the end. */
  restale(tests: Iterable<TestCase>): void {
    for (const test of tests) this.byTest.delete(test);
  }

  /**
   * Every test of the run in the suite's order, each summary as of the test's last attempt and
   * finished (`historyLoaded` was called). Summaries made now are not spooled: summary.json
   * serializes them itself.
   */
  all(root: Suite): TestSummary[] {
    return root.allTests().map((test) => {
      const known = this.byTest.get(test);
      const summary = known && known.attempts === test.results.length ? known.summary : this.summarize(test);
      this.finish(summary, false);
      return summary;
    });
  }
}
