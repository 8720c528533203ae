import fs from 'node:fs/promises';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { aggregate, type RunInfo } from './aggregate.js';
import { appendRun, DEFAULT_MAX_RUNS, keyIndex, type History } from './history.js';
import { trendOf } from './trend.js';
import { loadHistorySnapshot, updateHistoryFile } from './history-file.js';
import { OUTPUT_NAMES, type PanopticReporterOptions } from './options.js';
import { writeHtmlReport } from './outputs/html.js';
import { writeSummaryJson } from './outputs/json.js';
import { SummarySpool } from './outputs/summary-spool.js';
import { ReportPrewrite } from './outputs/html/prewrite.js';
import { writeMarkdown } from './outputs/markdown.js';
import { preloadPrometheus, writePrometheus } from './outputs/prometheus.js';
import { plainError, type ProjectInfo } from './records.js';
import { TestSummaries } from './test-summaries.js';
import type { Summary } from './summary.js';
import { ensureRunId } from '@panoptic/cloud/run-id';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import { shardFromEnv } from '@panoptic/cloud/shards';
import { RunStore, storeOfSuite } from './upload.js';
import { LiveSync } from './live-sync.js';
import { applyLearning } from './learning.js';
import { RunGates } from './gates.js';
import { RunQuarantine } from './quarantine.js';
import { publishToServer } from './publish.js';

interface PanopticProjectMetadata {
  app?: string;
  type?: string;
  outputDir?: string;
  suite?: string;
  suiteName?: string;
  /** `ai_testing.enable_learning` of the suite. */
  learning?: boolean;
}

function panopticMetadata(metadata: Record<string, unknown>): PanopticProjectMetadata | undefined {
  const value = metadata.panoptic;
  return value && typeof value === 'object' ? value : undefined;
}

interface FinishedRun {
  summary: Summary;
  outputDir: string;
  store: RunStore | undefined;
  /** The history file this run was added to, and how, to add it to the store's too. */
  history: { file: string; append: (history: History) => History } | undefined;
}

/**
 * Panoptic's reporter. Built only on public Reporter events, so it gives the same result live and
 * under `merge-reports`. Whatever goes wrong inside it is reported once as a warning: it never
 * changes the run's outcome or disturbs other reporters.
 */
export default class PanopticReporter implements Reporter {
  private config: FullConfig | undefined;
  private root: Suite | undefined;
  private startTime = new Date();
  private readonly runErrors: TestError[] = [];
  private readonly warnings: string[] = [];
  /** What onEnd wrote and onExit uploads. */
  private finished: FinishedRun | undefined;
  private testsBegun = 0;
  /** The run's store, opened when the run begins so that `enable_sync` can upload during it. */
  private opening: Promise<RunStore | undefined> = Promise.resolve(undefined);
  private live: LiveSync | undefined;
  private gates: RunGates | undefined;
  /** A quality gate of the server failed the published run. */
  private serverGatesFailed = false;
  private quarantine: RunQuarantine | undefined;
  /** Each test summarized as it ends, so onEnd only gathers them. */
  private summaries: TestSummaries | undefined;
  /** The history as it was when the run began, loaded while the tests run. */
  private historyLoad: Promise<History | undefined> | undefined;
  /** summary.json's test entries, written as the tests end. */
  private spool: SummarySpool | undefined;
  /** The report's artifact files, placed as the tests end. */
  private prewrite: ReportPrewrite | undefined;

  constructor(private readonly options: PanopticReporterOptions = {}) {}

  printsToStdio(): boolean {
    // Only warnings about the reporter's own problems reach stderr; progress is left to others.
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.root = suite;
    this.startTime = new Date();
    // Fixed before workers start, so a test's uploads and the report's share one run id.
    ensureRunId();
    this.opening = this.openStore(config.shard ?? shardFromEnv());
    const suites = config.projects.flatMap((project) => {
      const meta = panopticMetadata(project.metadata);
      return meta?.suite ? [{ file: meta.suite, name: meta.suiteName }] : [];
    });
    this.gates = new RunGates(this.options.gates, suites, (m) => this.warn(m));
    // Fetched now, while the tests run; applied when they are summarized.
    this.quarantine = new RunQuarantine(this.options.server, suites, this.outputDir(), (m) => this.warn(m));
    this.live = new LiveSync(this.opening, this.outputDir(), new Set(config.projects.map((project) => project.outputDir)), (m) => this.warn(m));
    const outputs = this.options.outputs ?? {};
    this.spool = outputs.json === false ? undefined : new SummarySpool(this.outputDir());
    this.prewrite = outputs.html === false ? undefined : new ReportPrewrite(path.join(this.outputDir(), OUTPUT_NAMES.htmlDir));
    this.summaries = new TestSummaries(config.rootDir, this.projectInfo(), (m) => this.warn(m), (summary) => {
      this.spool?.add(summary);
      this.prewrite?.consider(summary);
    });
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.live?.add(result, test);
    this.summaries?.add(test);
  }

  onError(error: TestError): void {
    this.runErrors.push(error);
  }

  onTestBegin(): void {
    // Not at onBegin: a `--list` run begins no test and must not touch the history.
    if (this.testsBegun++ > 0) return;
    void this.startHistoryLoad();
    if (this.options.outputs?.prometheus !== false) preloadPrometheus();
  }

  private startHistoryLoad(): Promise<History | undefined> {
    const load = (this.historyLoad = this.loadHistory());
    // The tests that ended meanwhile are finished with it. A failure is reported at the end of
    // the run, where the load is awaited; until then it is not unhandled.
    load.then(
      (history) => this.summaries?.historyLoaded(history),
      () => this.summaries?.historyLoaded(undefined),
    );
    return load;
  }

  /**
   * The history file (the store's copy first, when there is a store), read while the tests run: at
   * the end of a run of 100,000 tests, reading and checking 30 runs took most of a second.
   */
  private async loadHistory(): Promise<History | undefined> {
    const historyFile = this.historyFile(this.outputDir());
    if (!historyFile) return undefined;
    const store = await this.opening;
    if (store) await this.attempt('history download', () => store.downloadHistory(historyFile, (m) => this.warn(m)));
    return loadHistorySnapshot(historyFile, (m) => this.warn(m));
  }

  /**
   * `playwright test --list` ends like a passing run in which no test began (a run does begin its
   * skipped tests): there is nothing to report, and writing would replace the last run's report and
   * add an empty run to the history.
   */
  private listedOnly(result: FullResult): boolean {
    return result.status === 'passed' && this.testsBegun === 0 && (this.root?.allTests().length ?? 0) > 0;
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    if (this.listedOnly(result)) return undefined;
    // Before the reports are written: they must link the stored copy of a file the sync deleted.
    await this.live?.finish();
    let summary: Summary | undefined;
    try {
      const finished = await this.writeOutputs(result);
      summary = finished?.summary;
      // Without a store there is nothing to wait for: summary.json is written now.
      if (finished?.store) this.finished = finished;
      else if (finished) await this.upload(finished);
    } catch (error) {
      this.warn(`could not write its outputs: ${(error as Error).message}`);
    }
    // Without outputs to upload, summary.json will not be written: its spooled entries go.
    if (!this.finished) this.discardSpool();
    await this.discardPrewrite();
    // Quarantine and quality gates are the only things of this reporter that decide the run's outcome.
    const status = this.quarantine?.conclude(summary, result.status) ?? result.status;
    const verdict = (await this.gates?.conclude(summary, status)) ?? (status === result.status ? undefined : { status });
    // The gates of the server the run was published to (in upload, above) fail it as local ones do.
    return this.serverGatesFailed && (verdict?.status ?? status) === 'passed' ? { status: 'failed' } : verdict;
  }

  /**
   * Uploads once every reporter's onEnd is done: Playwright's `html` reporter writes its report in
   * its own onEnd, which may come after this one, and the store must get this run's report, not
   * the one the previous run left in the output folder.
   */
  async onExit(): Promise<void> {
    const finished = this.finished;
    this.finished = undefined;
    if (!finished) return;
    try {
      await this.upload(finished);
    } catch (error) {
      this.warn(`could not upload its outputs: ${(error as Error).message}`);
    }
  }

  /** Where outputs go: the option, else the suite's output from project metadata, else the default. */
  outputDir(): string {
    const config = this.config!;
    const base = config.configFile ? path.dirname(config.configFile) : config.rootDir;
    if (this.options.outputDir) return path.resolve(base, this.options.outputDir);
    for (const project of config.projects) {
      const fromSuite = panopticMetadata(project.metadata)?.outputDir;
      if (fromSuite) return fromSuite;
    }
    return path.resolve(base, DEFAULT_OUTPUT_DIR);
  }

  /** `enable_learning` (or the `learning` option): confidences recalibrated from the labels in the output folder. */
  private learn(tests: Summary['tests'], outputDir: string): Summary['learning'] {
    const on = this.options.learning ?? this.config!.projects.some((project) => panopticMetadata(project.metadata)?.learning === true);
    if (!on) return undefined;
    try {
      return { labels: applyLearning(tests, outputDir) };
    } catch (error) {
      this.warn(`learning failed, confidences are the built-in ones: ${(error as Error).message}`);
      return undefined;
    }
  }

  private projectInfo(): Map<string, ProjectInfo> {
    const projects = new Map<string, ProjectInfo>();
    for (const project of this.config!.projects) {
      const meta = panopticMetadata(project.metadata);
      projects.set(project.name, { app: meta?.app, platform: meta?.type, suite: meta?.suite });
    }
    return projects;
  }

  /** Every test's summary, finished with its entry of `history` (the history the run began with). */
  private summarizeTests(history: History | undefined) {
    this.summaries!.historyLoaded(history);
    // A synced file deleted after its test ended: that test's summary is made again, with the stored copy's link.
    this.summaries!.restale(this.live?.moved ?? []);
    return this.summaries!.all(this.root!);
  }

  /** Deletes the files placed for a report that was not written (a written report took them over). */
  private async discardPrewrite(): Promise<void> {
    const prewrite = this.prewrite;
    this.prewrite = undefined;
    await this.attempt('removing the report files placed during the run', async () => prewrite?.discard());
  }

  private discardSpool(): void {
    const spool = this.spool;
    this.spool = undefined;
    try {
      spool?.discard();
    } catch (error) {
      this.warn(`could not delete the summary's work file: ${(error as Error).message}`);
    }
  }

  private runInfo(result: FullResult): RunInfo {
    const config = this.config!;
    return {
      status: result.status,
      startTime: result.startTime ?? this.startTime,
      durationMs: result.duration,
      playwrightVersion: config.version,
      workers: config.workers,
      // A shard of a Panoptic plan runs with --test-list, so only PANOPTIC_SHARD says it is one.
      shard: config.shard ?? shardFromEnv(),
      // Errors outside any test: global setup or teardown, config, worker crashes.
      errors: this.runErrors.map((error) => plainError(error, config.rootDir)),
    };
  }

  private historyFile(outputDir: string): string | undefined {
    const option = this.options.history;
    if (option === false) return undefined;
    return path.resolve(outputDir, option?.file ?? OUTPUT_NAMES.history);
  }

  private async writeOutputs(result: FullResult): Promise<FinishedRun | undefined> {
    const outputDir = this.outputDir();
    try {
      await fs.mkdir(outputDir, { recursive: true });
    } catch (error) {
      // One cause, one warning: without the folder no output can be written.
      this.warn(`cannot create the output folder ${outputDir}: ${(error as Error).message}`);
      return undefined;
    }
    const history = await (this.historyLoad ?? this.startHistoryLoad());
    const index = history && keyIndex(history);
    const tests = this.summarizeTests(history);
    // Summaries changed after their entries were spooled are serialized again.
    for (const test of (await this.quarantine?.annotate(tests)) ?? []) this.spool?.forget(test);
    const runInfo = this.runInfo(result);
    const store = await this.opening;
    const historyFile = this.historyFile(outputDir);
    const summary = aggregate(tests, runInfo, { slowest: this.options.slowest });
    const learning = this.learn(tests, outputDir);
    if (learning) summary.learning = learning;
    if (learning?.labels) for (const test of tests) this.spool?.forget(test);
    summary.uploads = null;
    const maxRuns = this.options.history ? this.options.history.maxRuns : undefined;
    const gates = await this.gates?.evaluate(summary, tests, history);
    if (gates) summary.gates = gates;
    if (history) summary.history.trend = trendOf(history, { startTime: summary.run.startTime, durationMs: summary.run.durationMs, tests }, maxRuns ?? DEFAULT_MAX_RUNS);

    const outputs = this.options.outputs ?? {};
    if (outputs.html !== false) {
      await this.attempt('HTML report', async () => {
        const prewritten = await this.prewrite?.finish();
        this.prewrite = undefined;
        const written = await writeHtmlReport(summary, path.join(outputDir, OUTPUT_NAMES.htmlDir), {}, prewritten && { prewritten });
        for (const warning of written.warnings) this.warn(warning);
      });
    }
    if (outputs.markdown !== false) {
      const stepSummary = this.options.stepSummary === false ? undefined : process.env.GITHUB_STEP_SUMMARY || undefined;
      await this.attempt('summary.md', () => writeMarkdown(summary, path.join(outputDir, OUTPUT_NAMES.markdown), stepSummary));
    }
    if (outputs.prometheus !== false) {
      const push = this.options.pushgateway;
      await this.attempt('metrics.prom', () =>
        writePrometheus(summary, path.join(outputDir, OUTPUT_NAMES.prometheus), push && { url: push.url, job: push.job ?? 'panoptic' }),
      );
    }
    // A shard is a part of a run: its history is written once, when the shards' reports are merged.
    const writesHistory = history !== undefined && historyFile !== undefined && !summary.run.shard;
    // Applied to the history as it is when written (under a lock, or a store's condition), not as
    // read above: reporters ending at once each add their run.
    const append = (base: History): History =>
      appendRun(base, new Date(summary.run.startTime), tests, maxRuns, summary.run.durationMs, base === history ? index : undefined);
    if (writesHistory) await this.attempt('history', () => updateHistoryFile(historyFile, append, (m) => this.warn(m), history));
    return { summary, outputDir, store, history: writesHistory ? { file: historyFile, append } : undefined };
  }

  /** Uploads the output folder, then writes summary.json (last, so it lists every warning) and uploads it. */
  private async upload({ summary, outputDir, store, history }: FinishedRun): Promise<void> {
    const outputs = this.options.outputs ?? {};
    if (store) {
      await this.attempt('upload to the store', async () => {
        summary.uploads = await store.uploadOutputs(outputDir);
        for (const failure of summary.uploads.failed) this.warn(`upload failed: ${failure.path}: ${failure.cause}`);
        for (const failure of store.takeBackupFailures()) this.warn(failure);
        if (this.options.reportUrl) await this.addReportUrl(store, summary, outputDir, outputs.html !== false);
        if (history) await this.attempt('history upload', () => store.updateHistory(history.file, history.append, (m) => this.warn(m)));
      });
    }
    await this.attempt('publishing to the server', async () => {
      const published = await publishToServer({ option: this.options.server, config: this.config!, summary, outputDir, warn: (m) => this.warn(m) });
      this.serverGatesFailed = Boolean(published?.failedGates.length);
    });
    summary.warnings = [...this.warnings];
    const summaryFile = path.join(outputDir, OUTPUT_NAMES.json);
    if (outputs.json !== false) {
      try {
        await writeSummaryJson(summary, summaryFile, this.spool);
      } finally {
        this.discardSpool();
      }
      if (store && summary.uploads) for (const failure of await store.uploadFiles([{ file: summaryFile }], outputDir)) this.warn(`upload failed: ${failure}`);
    }
  }

  /**
   * The `reportUrl` option: a link to the report in summary.json. A private store serves nothing
   * unsigned: a second page, report/signed.html, links every artifact by a signed URL, and the
   * link opens it. index.html keeps relative links for stores served as static sites. Only on
   * request, as signed links carry the access key id and open the report to whoever holds them.
   */
  private async addReportUrl(store: RunStore, summary: Summary, outputDir: string, html: boolean): Promise<void> {
    // With a CDN the report's link is the CDN's, which needs no signing.
    if (!html || !summary.uploads || store.hasCdn) return;
    // Encrypted, the report is ciphertext however it is linked (uploads.encrypted says so): a page of
    // signed links to more ciphertext would open nothing either.
    if (!store.isPrivate || store.encrypted) {
      summary.uploads.reportUrl = await store.signedUrl(`${OUTPUT_NAMES.htmlDir}/index.html`);
      return;
    }
    await this.uploadSignedReport(store, summary, outputDir);
  }

  private async uploadSignedReport(store: RunStore, summary: Summary, outputDir: string): Promise<void> {
    const reportDir = path.join(outputDir, OUTPUT_NAMES.htmlDir);
    const signed = await writeHtmlReport(summary, reportDir, {}, {
      fileName: 'signed.html',
      hrefFor: (href) => store.signedUrl(`${OUTPUT_NAMES.htmlDir}/${href}`),
    });
    const failures = await store.uploadFiles([{ file: signed.file }], outputDir);
    for (const failure of failures) this.warn(`upload failed: ${failure}`);
    if (!failures.length && summary.uploads) summary.uploads.reportUrl = await store.signedUrl(`${OUTPUT_NAMES.htmlDir}/signed.html`);
  }

  /** Runs one output's work; a failure becomes a warning and the other outputs go on. */
  private async attempt(name: string, task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.warn(`${name} failed: ${(error as Error).message}`);
    }
  }

  /**
   * The store to upload to and the project folder in it: the `cloud` option, else the
   * `settings.cloud` of the suite being run, under that suite's name.
   */
  private async cloudSettings(): Promise<{ settings: Record<string, unknown>; project: string } | undefined> {
    const metadata = this.config!.projects.map((project) => panopticMetadata(project.metadata)).filter((meta) => meta !== undefined);
    if (this.options.cloud) return { settings: this.options.cloud, project: metadata.find((meta) => meta.suiteName)?.suiteName ?? 'default' };
    for (const meta of metadata) {
      const store = meta.suite ? await storeOfSuite(meta.suite) : undefined;
      if (store) return store;
    }
    return undefined;
  }

  private async openStore(shard: RunInfo['shard']): Promise<RunStore | undefined> {
    try {
      const store = await this.cloudSettings();
      if (!store) return undefined;
      return await RunStore.open(store.settings, store.project, shard);
    } catch (error) {
      this.warn(`upload to the store failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  private warn(message: string): void {
    if (this.warnings.includes(message)) return;
    this.warnings.push(message);
    process.stderr.write(`[panoptic-reporter] warning: ${message}\n`);
  }
}
