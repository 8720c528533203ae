import { test } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../../apps/demo/server.mjs';

/** Starts the demo app on a free port for the tests of one file, and stops it after them. */
export function useDemoServer(): { readonly url: string } {
  let server: DemoServer | undefined;
  test.beforeAll(async () => {
    server = await startDemoServer();
  });
  test.afterAll(async () => {
    await server?.close();
  });
  return {
    get url(): string {
      if (!server) throw new Error('The demo server is not started yet.');
      return server.url;
    },
  };
}

/** An inline config that plays the given suites with Panoptic. */
export function suitesConfig(suites: string[], extra = ''): string {
  return [
    "import { defineConfig } from '@playwright/test';",
    "import { fromSuites } from '@panoptic/fixtures/config';",
    `export default defineConfig({ ...fromSuites(${JSON.stringify(suites)}), ${extra} });`,
    '',
  ].join('\n');
}
