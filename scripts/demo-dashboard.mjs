// `npm run demo -- --dashboard`: a Panoptic server on embedded PGlite in the demo's output folder,
// the demo run published to it by the reporter (with an API key made for the run), then the
// dashboard served until Ctrl-C. Runs accumulate across demos, so trends and flakiness fill in.
// The demo's store (templates/cloud.yaml, a local folder) is the server's artifact store, so a
// test's screenshots show on its page through signed links.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PROJECT = 'demo';
const ADMIN = 'admin';
/** The templates' `output:`, where the demo's server keeps its data (never uploaded: `.panoptic` is not synced). */
const OUTPUT = 'panoptic-results';

const log = (message) => process.stdout.write(`[demo] ${message}\n`);

/**
 * The admin's login: made at the first start and kept beside the data (mode 0600) for the next demo,
 * since the server shows a generated password only once. Without it the old data cannot be signed
 * in to, so it starts over.
 */
async function adminLogin(server, options, loginFile) {
  if (fs.existsSync(loginFile)) return JSON.parse(fs.readFileSync(loginFile, 'utf8'));
  if (fs.existsSync(options.data_dir)) {
    log(`no saved login for ${path.relative(process.cwd(), options.data_dir)}: starting its data over`);
    fs.rmSync(options.data_dir, { recursive: true, force: true });
  }
  const result = await server.initServer(options, { organization_name: 'Panoptic demo', admin_username: ADMIN });
  const login = { username: result.admin_username, password: result.generated_password };
  fs.mkdirSync(path.dirname(loginFile), { recursive: true });
  fs.writeFileSync(loginFile, JSON.stringify(login), { mode: 0o600 });
  return login;
}

/** The port asked for (PANOPTIC_DEMO_PORT, default 8080), or any free one when it is taken. */
async function startOn(server, options, extras) {
  try {
    return await server.startServer(options, extras);
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    log(`port ${options.port} is taken: using a free one`);
    return server.startServer({ ...options, port: 0 }, extras);
  }
}

async function call(url, route, { token, body }) {
  const response = await fetch(new URL(route, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** The demo project (made once) and a key for this run that can publish to it, valid for a day. */
async function demoKey(url, login) {
  const session = await call(url, '/api/v1/sessions', { body: login });
  if (session.status !== 201) throw new Error(`the demo's admin could not sign in: ${session.body.error}`);
  const token = session.body.token;
  const project = await call(url, '/api/v1/projects', { token, body: { name: PROJECT } });
  if (project.status !== 201 && project.status !== 409) throw new Error(`the demo project could not be made: ${project.body.error}`);
  const expires = new Date(Date.now() + 24 * 3600_000).toISOString();
  const key = await call(url, '/api/v1/api-keys', { token, body: { name: `demo run ${new Date().toISOString()}`, permissions: ['runs:write', 'runs:read'], expires_at: expires } });
  if (key.status !== 201) throw new Error(`no API key for the demo run: ${key.body.error}`);
  return key.body.key;
}

/** `playwright test` with the demo's arguments; a Ctrl-C during it stops the demo after the run ends. */
function playwright(args, env, cwd, interrupted) {
  const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), 'test', ...args], { cwd, env, stdio: 'inherit' });
  const onSignal = () => (interrupted.value = true);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function untilStopped() {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The demo with its dashboard; resolves with the run's exit code once the server is stopped. */
export async function demoWithDashboard(playwrightArgs, { cwd = process.cwd(), env = process.env } = {}) {
  const server = await import('@panoptic/server');
  const { loadSuite } = await import('@panoptic/config');
  const output = path.resolve(cwd, OUTPUT);
  const port = env.PANOPTIC_DEMO_PORT === undefined ? 8080 : Number(env.PANOPTIC_DEMO_PORT);
  const options = server.resolveServerOptions({ overrides: { data_dir: path.join(output, '.panoptic', 'server'), port, log: false }, env, cwd });
  const login = await adminLogin(server, options, path.join(output, '.panoptic', 'demo-admin.json'));
  const cloud = loadSuite(path.join(root, 'templates', 'cloud.yaml')).suite.settings?.cloud;
  const running = await startOn(server, options, { artifacts: cloud && { cloud, base_dir: cwd } });
  try {
    log(`Panoptic server on ${running.url}; the run publishes to it`);
    const key = await demoKey(running.url, login);
    const interrupted = { value: false };
    const code = await playwright(playwrightArgs, { ...env, PANOPTIC_SERVER_URL: running.url, PANOPTIC_SERVER_PROJECT: PROJECT, PANOPTIC_API_KEY: key }, cwd, interrupted);
    if (interrupted.value) return code;
    process.stdout.write(
      `\nDashboard of the demo's runs: ${running.url}/dashboard/projects/${PROJECT}\n` +
        `Sign in as "${login.username}" with the password ${login.password}\n` +
        'Serving until Ctrl-C.\n',
    );
    await untilStopped();
    return code;
  } finally {
    await running.close();
    log('Panoptic server stopped');
  }
}
