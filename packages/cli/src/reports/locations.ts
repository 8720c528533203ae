import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { FullConfig } from '@playwright/test/reporter';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import { OUTPUT_NAMES } from '@panoptic/reporter';

export interface ReportLocation {
  label: string;
  /** Absolute path of a file or folder the run wrote. */
  file: string;
  /** How to open it, when opening it takes more than a browser. */
  hint?: string;
}

type ReporterEntry = FullConfig['reporter'][number];

const require = createRequire(import.meta.url);

/** Whether a config's reporter entry is Panoptic's, named by package or (as `panoptic run` writes it) by path. */
function isPanopticReporter(name: string): boolean {
  if (name === '@panoptic/reporter') return true;
  try {
    return path.resolve(name) === require.resolve('@panoptic/reporter');
  } catch {
    return false;
  }
}

function optionOf(entry: ReporterEntry | undefined, key: string): string | undefined {
  const options: unknown = entry?.[1];
  if (!options || typeof options !== 'object' || !(key in options)) return undefined;
  const value: unknown = (options as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The folder Panoptic's reporter writes to, decided as it decides it: its option, the suite's `output`, the default. */
function panopticOutputDir(config: FullConfig, entry: ReporterEntry, configDir: string): string {
  const option = optionOf(entry, 'outputDir');
  if (option) return path.resolve(configDir, option);
  for (const project of config.projects) {
    const panoptic: unknown = project.metadata.panoptic;
    if (panoptic && typeof panoptic === 'object' && 'outputDir' in panoptic && typeof panoptic.outputDir === 'string') return panoptic.outputDir;
  }
  return path.resolve(configDir, DEFAULT_OUTPUT_DIR);
}

/** Playwright's HTML report folder, resolved as its `html` reporter resolves it. */
function playwrightReportDir(entry: ReporterEntry, configDir: string): string {
  const option = optionOf(entry, 'outputFolder');
  if (option) return path.resolve(configDir, option);
  const fromEnv = process.env.PLAYWRIGHT_HTML_OUTPUT_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(configDir, 'playwright-report');
}

/** File systems that keep times in whole seconds (or two, FAT) make a file written now look older. */
const MTIME_SLACK_MS = 2000;

function writtenSince(file: string, since: Date): boolean {
  try {
    return fs.statSync(file).mtimeMs >= since.getTime() - MTIME_SLACK_MS;
  } catch {
    return false;
  }
}

/**
 * Every report and artifact folder the run that began at `since` wrote, in the order a reader wants
 * them. What it did not write is left out: a reporter replaced on the command line, an output turned
 * off, a report a previous run left, or everything when the run only listed its tests.
 */
export function reportLocations(config: FullConfig, since: Date): ReportLocation[] {
  const configDir = config.configFile ? path.dirname(config.configFile) : config.rootDir;
  const locations: ReportLocation[] = [];
  const panoptic = config.reporter.find(([name]) => isPanopticReporter(name));
  if (panoptic) {
    const dir = panopticOutputDir(config, panoptic, configDir);
    locations.push(
      { label: 'Panoptic HTML report', file: path.join(dir, OUTPUT_NAMES.htmlDir, 'index.html') },
      { label: 'Panoptic JSON summary', file: path.join(dir, OUTPUT_NAMES.json) },
      { label: 'Panoptic Markdown summary', file: path.join(dir, OUTPUT_NAMES.markdown) },
    );
  }
  const html = config.reporter.find(([name]) => name === 'html');
  if (html) {
    const dir = playwrightReportDir(html, configDir);
    locations.push({ label: 'Playwright HTML report', file: path.join(dir, 'index.html'), hint: `npx playwright show-report ${relative(dir)}` });
  }
  for (const dir of new Set(config.projects.map((project) => project.outputDir))) {
    locations.push({ label: 'Artifacts', file: dir });
  }
  return locations.filter((location) => writtenSince(location.file, since));
}

/** A path as the user would type it from where they ran the command. */
function relative(file: string): string {
  return path.relative(process.cwd(), file) || '.';
}

/** The lines a run ends with: one location a line, labels aligned, paths relative to the working directory. */
export function formatReportLocations(locations: ReportLocation[]): string {
  if (!locations.length) return '';
  const width = Math.max(...locations.map((location) => location.label.length));
  const lines = locations.map((location) => {
    const shown = fs.statSync(location.file).isDirectory() ? `${relative(location.file)}${path.sep}` : relative(location.file);
    return `  ${location.label.padEnd(width)}  ${shown}${location.hint ? `  (${location.hint})` : ''}`;
  });
  return `\nReports:\n${lines.join('\n')}\n`;
}
