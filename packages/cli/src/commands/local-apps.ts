import net from 'node:net';
import path from 'node:path';
import type { LoadedSuite } from '@panoptic/config';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The port `apps/demo/server.mjs` serves by default, which the templates drive. */
const DEMO_PORT = 4173;

interface LocalApp {
  app: string;
  file: string;
  url: URL;
}

function localWebApps(suites: LoadedSuite[]): LocalApp[] {
  const apps: LocalApp[] = [];
  for (const loaded of suites) {
    for (const app of loaded.suite.apps) {
      if (app.type !== 'web' || !app.url || !URL.canParse(app.url)) continue;
      const url = new URL(app.url);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname)) apps.push({ app: app.name, file: loaded.file, url });
    }
  }
  return apps;
}

/** Refused at once on this machine means no server; anything else (accepted, slow) counts as up. */
function refused(url: URL): Promise<boolean> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/**
 * One note per web app on this machine whose server is not running: its test could only fail with
 * a connection error, so the run says first what to start. The run still goes ahead: the server may
 * be on its way up.
 */
export async function notesForStoppedApps(suites: LoadedSuite[], cwd: string): Promise<string[]> {
  const apps = localWebApps(suites);
  const down = await Promise.all(apps.map((app) => refused(app.url)));
  return apps
    .filter((_, index) => down[index])
    .map(({ app, file, url }) => {
      const start = Number(url.port) === DEMO_PORT ? 'start it first (the demo app: node apps/demo/server.mjs)' : 'start it first';
      return `note: nothing answers at ${url.origin} (app "${app}" of ${path.relative(cwd, file)}): ${start}`;
    });
}
