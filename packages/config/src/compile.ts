import path from 'node:path';
import { createHash } from 'node:crypto';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import type { PlaywrightTestOptions, PlaywrightWorkerOptions, Project } from '@playwright/test';

type UseOptions = PlaywrightTestOptions & PlaywrightWorkerOptions;
import type { Action, AiTestingSettings, App, Settings } from './schema.js';
import type { LoadedSuite } from './load.js';
import { distributedRun } from './distributed.js';
import { deviceBrowserFor, deviceNameFor } from './device-browser.js';
import { storeFolderName } from './store-folder.js';
import { DEFAULT_ELEMENT_TIMEOUT_SECONDS, DEFAULT_PAGE_TIMEOUT_SECONDS } from './timeouts.js';

export { deviceNameFor } from './device-browser.js';

/** The subset of a Playwright device descriptor Panoptic applies to a context. */
export interface DeviceDescriptor {
  viewport: { width: number; height: number };
  userAgent: string;
  deviceScaleFactor: number;
  isMobile: boolean;
  hasTouch: boolean;
  defaultBrowserType?: string;
  screen?: { width: number; height: number };
}

export type ScreenshotType = 'png' | 'jpeg';

/**
 * The Panoptic fixtures' options (`test.use()` or config `use:`); for YAML suites each comes from a
 * suite setting (see README, "Settings").
 */
export interface PanopticUseOptions {
  /** The YAML suite a test plays, and which of its apps. */
  panopticSuiteFile: string | undefined;
  panopticApp: string | undefined;
  /** The run's output folder (the suite's `output`). */
  panopticOutputDir: string;
  panopticScreenshotType: ScreenshotType;
  panopticScreenshotQuality: number | undefined;
  panopticVideoFormat: 'webm' | 'mp4';
  panopticBlockImages: boolean;
  panopticPerformanceMetrics: boolean;
  panopticLogLevel: 'debug' | 'info' | 'warn' | 'error';
  panopticReuseBrowser: boolean;
  panopticMaxScreenshotBytes: number | undefined;
  panopticMaxVideoBytes: number | undefined;
  /**
   * The store of the `cloud` service for tests without a suite, in `settings.cloud`'s form. Tests of a
   * suite use the suite's `settings.cloud`, read from the suite file so secrets stay out of the config.
   */
  panopticCloud: Record<string, unknown> | undefined;
  /**
   * `settings.ai_testing` of the `ai` service for tests without a suite; tests of a suite use the
   * suite's own block.
   */
  panopticAiTesting: AiTestingSettings | undefined;
}

export type CompiledUse = Partial<UseOptions> & Partial<PanopticUseOptions>;

export interface CompileOptions {
  /** Folder holding the spec that plays suites, and its file name. */
  specDir: string;
  specFile: string;
  /** Playwright's device descriptors, to resolve `device` / `mobile_device`. */
  devices?: Readonly<Record<string, DeviceDescriptor>>;
  /** An output folder given on the command line; it wins over the suite's `output`. */
  output?: string;
  cwd?: string;
  /** Merged into every project's `use` (e.g. launchOptions, browserName). */
  use?: Partial<UseOptions>;
  /** Whether a Playwright browser is installed; a device's own browser (WebKit for iPhones) is used only then. */
  isBrowserInstalled?: (browser: string) => boolean;
}

/** A project whose `use` is typed with Playwright's own options (a bare `Project` types it as `{}`). */
export type CompiledProject = Project<PlaywrightTestOptions, PlaywrightWorkerOptions>;

export interface CompiledSuite {
  projects: CompiledProject[];
  /** What the run does differently from what the suite asks, e.g. an iPhone emulated in Chromium. */
  notes: string[];
  /** From `parallel_tests` and `max_concurrent_browsers`, when either is set. */
  workers?: number;
  outputDir: string;
}

export const DEFAULT_OUTPUT = DEFAULT_OUTPUT_DIR;

/**
 * A tag that selects one app's test. Projects filter with `grep` on it because Playwright loads a
 * spec file once for all projects, so the spec cannot know at load time which project it serves.
 */
export function appTag(suiteFile: string, appName: string): string {
  const digest = createHash('sha1').update(`${suiteFile}\0${appName}`).digest('hex').slice(0, 10);
  return `@panoptic-${digest}`;
}

/**
 * The folder a suite's runs are stored under in a store (`<prefix>/<this>/<run id>/…`): its `name`,
 * else its file name, as a key segment that no other name maps to. Tests' uploads and the
 * reporter's agree on it, so one run is one folder.
 */
export function storeFolderOf(suiteName: string | undefined, suiteFile: string): string {
  return storeFolderName(suiteName || path.basename(suiteFile, path.extname(suiteFile)));
}

export function resolveOutputDir(loaded: LoadedSuite, options: Pick<CompileOptions, 'output' | 'cwd'>): string {
  const cwd = options.cwd ?? process.cwd();
  return path.resolve(cwd, options.output ?? loaded.suite.output ?? DEFAULT_OUTPUT);
}


/** Browser context options a web app gets from the suite: viewport, JavaScript, device emulation. */
export function contextOptionsFor(
  app: App,
  settings: Settings,
  devices: Readonly<Record<string, DeviceDescriptor>> = {},
): Partial<PlaywrightTestOptions> {
  const options: Partial<PlaywrightTestOptions> = {};
  const deviceName = deviceNameFor(app, settings);
  if (deviceName) {
    const device = devices[deviceName];
    if (!device) throw new Error(`Unknown device "${deviceName}": it is not one of Playwright's device descriptors.`);
    options.viewport = device.viewport;
    options.userAgent = device.userAgent;
    options.deviceScaleFactor = device.deviceScaleFactor;
    options.isMobile = device.isMobile;
    options.hasTouch = device.hasTouch;
  }
  if (settings.window_width || settings.window_height) {
    options.viewport = {
      width: settings.window_width ?? options.viewport?.width ?? 1280,
      height: settings.window_height ?? options.viewport?.height ?? 720,
    };
  }
  if (settings.disable_javascript) options.javaScriptEnabled = false;
  return options;
}

/** The app's own actions replace the suite's global list, as in the original. */
export function actionsOf(loaded: LoadedSuite, app: App): Action[] {
  return app.actions ?? loaded.suite.actions ?? [];
}

/** Whether any action of the app records video (a `record` action or `record: true`). */
export function appRecords(loaded: LoadedSuite, app: App): boolean {
  return actionsOf(loaded, app).some((action) => action.type === 'record' || action.record === true);
}

function useFor(loaded: LoadedSuite, app: App, outputDir: string, options: CompileOptions): CompiledUse {
  const settings = loaded.suite.settings ?? {};
  const use: CompiledUse = {
    ...options.use,
    ...contextOptionsFor(app, settings, options.devices),
    panopticSuiteFile: loaded.file,
    panopticApp: app.name,
    panopticOutputDir: outputDir,
    panopticScreenshotType: settings.screenshot_format === 'jpg' || settings.screenshot_format === 'jpeg' ? 'jpeg' : 'png',
    panopticScreenshotQuality: settings.screenshot_quality ?? settings.quality,
    panopticVideoFormat: settings.video_format ?? 'webm',
    panopticBlockImages: settings.disable_images ?? false,
    panopticPerformanceMetrics: settings.enable_metrics ?? false,
    panopticLogLevel: settings.log_level ?? 'info',
    panopticReuseBrowser: settings.reuse_browsers ?? true,
    panopticMaxScreenshotBytes: megabytes(settings.max_screenshot_size_mb),
    panopticMaxVideoBytes: megabytes(settings.max_video_size_mb),
  };
  // Clips are cut from the page's video; Playwright keeps its whole video only when the test fails.
  if (appRecords(loaded, app) && options.use?.video === undefined) use.video = 'retain-on-failure';
  const { browserName } = deviceBrowserFor(app, settings, options.devices ?? {}, options.isBrowserInstalled ?? (() => false));
  if (browserName && options.use?.browserName === undefined) {
    use.browserName = browserName;
    // A system Chromium's path would not start another browser, and a Chromium feature switch
    // means nothing to one.
    if (use.launchOptions) {
      const args = use.launchOptions.args?.filter((arg) => !arg.startsWith('--disable-features='));
      use.launchOptions = { ...use.launchOptions, executablePath: undefined, ...(args ? { args } : {}) };
    }
  }
  if (settings.headless !== undefined) use.headless = settings.headless;
  // The suite's own timeouts win over `use` given to fromSuites; the defaults do not.
  const pageTimeout = settings.page_timeout ?? (options.use?.navigationTimeout === undefined ? DEFAULT_PAGE_TIMEOUT_SECONDS : undefined);
  if (pageTimeout !== undefined) use.navigationTimeout = pageTimeout * 1000;
  const elementTimeout = app.timeout ?? settings.element_timeout ?? (options.use?.actionTimeout === undefined ? DEFAULT_ELEMENT_TIMEOUT_SECONDS : undefined);
  if (elementTimeout !== undefined) use.actionTimeout = elementTimeout * 1000;
  return use;
}

function megabytes(mb: number | undefined): number | undefined {
  return mb === undefined ? undefined : Math.round(mb * 1024 * 1024);
}

/** Escapes a string for use inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One Playwright project per app, named after the app, playing it through the Panoptic spec. */
export function compileSuite(loaded: LoadedSuite, options: CompileOptions): CompiledSuite {
  const outputDir = resolveOutputDir(loaded, options);
  const settings = loaded.suite.settings ?? {};
  const projects: CompiledProject[] = loaded.suite.apps.map((app) => ({
    name: app.name,
    testDir: options.specDir,
    testMatch: options.specFile,
    grep: new RegExp(`${escapeRegExp(appTag(loaded.file, app.name))}(\\s|$)`),
    outputDir: path.join(outputDir, 'test-results'),
    metadata: {
      panoptic: {
        suite: loaded.file,
        suiteName: loaded.suite.name,
        app: app.name,
        type: app.type,
        outputDir,
        // The reporter recalibrates failure confidences from the labels in the output folder.
        ...(settings.ai_testing?.enable_learning === true ? { learning: true } : {}),
      },
    },
    use: useFor(loaded, app, outputDir, options),
    ...(settings.test_timeout !== undefined ? { timeout: settings.test_timeout * 1000 } : {}),
  }));
  const perNode = distributedRun(settings.cloud);
  const limits = [settings.parallel_tests, settings.max_concurrent_browsers, perNode.enabled ? perNode.workersPerNode : undefined].filter((n): n is number => n !== undefined);
  const notes = loaded.suite.apps.flatMap((app) => {
    const { note } = deviceBrowserFor(app, settings, options.devices ?? {}, options.isBrowserInstalled ?? (() => false));
    return note ? [`${loaded.file}: ${note}`] : [];
  });
  const compiled: CompiledSuite = { projects, notes, outputDir };
  if (limits.length) compiled.workers = Math.min(...limits);
  return compiled;
}
