import type { FullConfig, Reporter } from '@playwright/test/reporter';
import { formatReportLocations, reportLocations } from './locations.js';

/**
 * Ends a run by saying where its reports and artifacts are. A reporter, so that it sees the run's
 * real config (reporters replaced with `--reporter`, output folders of suites) and prints after every
 * other reporter has written its files: list it last.
 */
export default class ReportLocationsReporter implements Reporter {
  private config: FullConfig | undefined;
  private startTime = new Date();
  private testsBegun = 0;

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    this.config = config;
    this.startTime = new Date();
  }

  onTestBegin(): void {
    this.testsBegun++;
  }

  /** Nothing to point at when no test ran (`--list`, or every test filtered out). */
  onExit(): Promise<void> {
    if (this.config && this.testsBegun) process.stdout.write(formatReportLocations(reportLocations(this.config, this.startTime)));
    return Promise.resolve();
  }
}
