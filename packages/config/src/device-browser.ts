import type { App, Settings } from './schema.js';
import type { DeviceDescriptor } from './compile.js';

export interface DeviceBrowser {
  /** The browser the app runs in when it is not Chromium (the device's own, installed). */
  browserName?: 'firefox' | 'webkit';
  /** Said in the run's output and on the test when the device's own browser is missing. */
  note?: string;
}

/** The device an app emulates: a web app's own `device`, else the suite's `mobile_device`. */
export function deviceNameFor(app: App, settings: Settings): string | undefined {
  if (app.type !== 'web') return undefined;
  return app.device || settings.mobile_device || undefined;
}

/**
 * Playwright's iPhone and iPad descriptors default to WebKit. Where that browser is installed the app
 * runs in it, as `...devices['iPhone 13']` would; where it is not, the app runs in Chromium with the
 * device's viewport, user agent, touch and scale, and a note says so rather than failing the run.
 */
export function deviceBrowserFor(
  app: App,
  settings: Settings,
  devices: Readonly<Record<string, DeviceDescriptor>>,
  isInstalled: (browser: string) => boolean,
): DeviceBrowser {
  const name = deviceNameFor(app, settings);
  const wanted = name ? devices[name]?.defaultBrowserType : undefined;
  if (!name || (wanted !== 'webkit' && wanted !== 'firefox')) return {};
  if (isInstalled(wanted)) return { browserName: wanted };
  return {
    note: `device "${name}" defaults to ${wanted === 'webkit' ? 'WebKit' : 'Firefox'}, which is not installed: app "${app.name}" runs in Chromium with the device's viewport, user agent, touch and scale`,
  };
}
