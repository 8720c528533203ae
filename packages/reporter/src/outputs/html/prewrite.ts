import fs from 'node:fs';
import path from 'node:path';
import { bodyOf, sourceOf } from '../../artifact-bodies.js';
import type { Artifact, TestSummary } from '../../summary.js';
import { copyOne, DATA_DIR, isUrl, writeBody, type LinkedFile, type Prewritten } from './copy.js';
import { DEFAULT_LIMITS, type HtmlLimits } from './limits.js';
import { lastOfKind, pickArtifacts } from './plan.js';

/**
 * Copies into the report's data folder, as tests end, the artifacts the report will link if the
 * tests end in the run's order: those of the first failed tests (the list of all tests, and the
 * first of each failure kind), of the first flaky ones, and the gallery's first screenshots. On this
 * project's machines creating a file costs 0.1 to 0.4 ms of kernel time, and the report of a run of
 * 100,000 tests creates about 2,000 of them. A guess that is wrong never changes the report: the
 * end of the run copies what is missing and deletes what was placed here but is not linked.
 */
export class ReportPrewrite {
  private failed = 0;
  private flaky = 0;
  private gallery = 0;
  private readonly perKind = new Map<string, number>();
  private readonly links = new Map<string, LinkedFile>();
  private readonly created = new Set<string>();
  /** Files of the folder from an earlier run, which are never deleted here. */
  private before: Set<string> | undefined;
  /** Copies of attachment files, one after the other, off the runner's thread. */
  private copying: Promise<void> = Promise.resolve();
  private readonly dataDir: string;

  constructor(
    reportDir: string,
    private readonly limits: HtmlLimits = DEFAULT_LIMITS,
  ) {
    this.dataDir = path.join(reportDir, DATA_DIR);
  }

  /** At the end of a test's last attempt, in the order the tests end. */
  consider(test: TestSummary): void {
    for (const artifact of this.wanted(test)) {
      const source = sourceOf(artifact);
      if (source === undefined || isUrl(source) || this.links.has(source)) continue;
      try {
        this.place(artifact, source);
      } catch {
        // Copied (or reported as not copied) at the end, with the other artifacts the report links.
      }
    }
  }

  /** What `planReport` will link of this test, if the tests before it in the run's order have ended. */
  private wanted(test: TestSummary): Artifact[] {
    const { limits } = this;
    if (test.outcome === 'unexpected') {
      // As aggregate() groups failures.
      const kind = test.failure?.kind ?? test.attempts.at(-1)?.errors[0]?.kind ?? 'unknown';
      const ofKind = this.perKind.get(kind) ?? 0;
      this.perKind.set(kind, ofKind + 1);
      if (this.failed++ >= limits.tests && ofKind >= limits.failuresPerKind) return [];
    } else if (test.outcome === 'flaky') {
      if (this.flaky++ >= limits.flaky) return [];
    } else {
      const screenshot = lastOfKind(test, 'screenshot');
      if (!screenshot || this.gallery >= limits.gallery) return [];
      this.gallery++;
      return [screenshot];
    }
    const picked = pickArtifacts(test, limits);
    return [...picked.screenshots, ...picked.videos, ...picked.traces];
  }

  private place(artifact: Artifact, source: string): void {
    if (!this.before) {
      fs.mkdirSync(this.dataDir, { recursive: true });
      this.before = new Set(fs.readdirSync(this.dataDir));
    }
    const body = artifact.path ? undefined : bodyOf(artifact);
    if (body) return this.placed(source, writeBody(artifact, body, source, this.dataDir));
    this.copying = this.copying.then(() =>
      copyOne(artifact, source, this.dataDir).then(
        (linked) => this.placed(source, linked),
        // Copied again, or reported, at the end.
        () => undefined,
      ),
    );
  }

  private placed(source: string, linked: LinkedFile): void {
    this.links.set(source, linked);
    if (!this.before!.has(linked.href.slice(DATA_DIR.length + 1))) this.created.add(linked.href);
  }

  /** What was placed, once the copies under way are done. */
  async finish(): Promise<Prewritten> {
    await this.copying;
    return { links: this.links, created: this.created };
  }

  /** Deletes what was placed: no report will link it. */
  async discard(): Promise<void> {
    await this.copying;
    const dir = path.dirname(this.dataDir);
    for (const href of this.created) await fs.promises.rm(path.join(dir, href), { force: true });
    this.created.clear();
  }
}
