import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { markSealed } from './sealed-attachment.js';
import type { RunStore } from './upload.js';

type Attachment = TestResult['attachments'][number];

/**
 * `enable_sync`: while the run goes on, the files that finished tests attached are uploaded in
 * batches every `sync_interval` seconds (0: as each test ends), from the runner process between
 * its events, so no test waits for an upload; `finish` uploads what is left. Only finished tests'
 * attachments are queued: a recording still being written belongs to a test that has not ended,
 * so it is never sent half-way (and the sync keeps a file that changed while it went up).
 *
 * With `delete_local_after_sync` the sync deletes a file only once the store verified its copy;
 * the attachment is then pointed at the stored copy, so that the reports written at the end (the
 * Playwright HTML report and Panoptic's) link it instead of a file that is gone. Attachments that
 * are not under the output folder are not part of the run's upload and stay where they are.
 */
export class LiveSync {
  private readonly queue = new Set<string>();
  private readonly attachments = new Map<string, { attachment: Attachment; test: TestCase | undefined }[]>();
  /** Tests whose attachments now point at stored copies: their summaries, made when they ended, name the deleted files. */
  readonly moved = new Set<TestCase>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private store: RunStore | undefined;
  private everySeconds: number | undefined;
  private off = false;

  /**
   * @param keepFolders folders never removed although a batch emptied them: the projects' output
   *   folders, which workers keep writing into.
   */
  constructor(
    private readonly opening: Promise<RunStore | undefined>,
    private readonly outputDir: string,
    private readonly keepFolders: ReadonlySet<string>,
    private readonly warn: (message: string) => void,
  ) {
    void opening.then((store) => this.start(store));
  }

  private start(store: RunStore | undefined): void {
    this.everySeconds = store?.syncIntervalSeconds;
    if (this.everySeconds === undefined) {
      // Until the store answers, attachments are kept; once it says sync is off, none is.
      this.off = true;
      this.queue.clear();
      this.attachments.clear();
      return;
    }
    this.store = store;
    if (this.everySeconds > 0) {
      this.timer = setInterval(() => this.tick(), this.everySeconds * 1000);
      // The end of the run uploads what is left; the timer must not keep the process alive.
      this.timer.unref();
    } else {
      this.tick();
    }
  }

  /** Queues the files a finished attempt (of `test`) attached under the output folder. */
  add(result: TestResult, test?: TestCase): void {
    if (this.off) return;
    for (const attachment of result.attachments) {
      if (!attachment.path) continue;
      const relative = path.relative(this.outputDir, attachment.path);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const key = relative.split(path.sep).join('/');
      this.queue.add(key);
      this.attachments.set(key, [...(this.attachments.get(key) ?? []), { attachment, test }]);
    }
    if (this.everySeconds === 0) this.tick();
  }

  /** Uploads what is left and waits for it; the timer stops. */
  async finish(): Promise<void> {
    await this.opening;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.store && this.queue.size) await this.batch();
  }

  private tick(): void {
    // One batch at a time: a slow store makes the next batch larger, never two syncs at once.
    if (this.busy || !this.store || !this.queue.size) return;
    this.running = this.batch();
  }

  private async batch(): Promise<void> {
    const store = this.store!;
    const files = [...this.queue];
    this.queue.clear();
    this.busy = true;
    try {
      const result = await store.syncFiles(this.outputDir, files);
      for (const failed of result.failed) this.warn(`upload failed: ${failed.path}: ${failed.cause}`);
      for (const warning of [...result.warnings, ...store.takeBackupFailures()]) this.warn(warning);
      for (const deleted of result.deletedLocal) await this.pointAtStoredCopy(store, deleted);
    } catch (error) {
      // The end of the run syncs the whole output folder again, these files with it.
      this.warn(`upload during the run failed: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async pointAtStoredCopy(store: RunStore, relative: string): Promise<void> {
    const link = await store.linkOf(relative);
    for (const { attachment, test } of this.attachments.get(relative) ?? []) {
      attachment.path = link;
      if (store.encrypted) markSealed(attachment);
      if (test) this.moved.add(test);
    }
    this.attachments.delete(relative);
    const folder = path.dirname(path.join(this.outputDir, ...relative.split('/')));
    // Only the attempt's own folder, once empty: its test has ended and nothing writes there again.
    if (folder !== this.outputDir && !this.keepFolders.has(folder)) await fs.rmdir(folder).catch(() => undefined);
  }
}
