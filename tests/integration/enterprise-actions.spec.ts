import fs from 'node:fs';
import path from 'node:path';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject, type InlineRun } from '../helpers/inline.js';
import { addUser, expect, login, test } from './server/fixtures.js';

// The enterprise actions of a YAML suite, played by the real runner: once on the suite's own embedded
// database (PGlite under the output folder), once against a running server with an API key from the
// environment. Each mode is one suite run.

const demo = useDemoServer();
const ALICE = 'Alice-pass-2024';
const BOB = 'Bob-pass-2024x';
const TEST_ENV = { PANOPTIC_SCRYPT_COST: '14' };
// A created key as the server shows it once: pk_<id>_<43 base64url characters>.
const API_KEY = /pk_\d+_[A-Za-z0-9_-]{43}/;

function suite(apps: { name: string; actions: object[] }[], enterprise: object): string {
  return JSON.stringify({ name: 'Enterprise', output: 'out', apps: apps.map((app) => ({ ...app, type: 'web', url: demo.url })), settings: { enterprise } });
}

function json(run: InlineRun, project: string, name: string): Record<string, unknown> {
  const attachment = testOf(run.report, project).attachments.find((a) => a.name === name);
  if (!attachment?.path) throw new Error(`no ${name} attachment in ${project}:\n${run.output}`);
  return JSON.parse(fs.readFileSync(attachment.path, 'utf8')) as Record<string, unknown>;
}

/** No secret in any file of the project but the suite that holds its passwords, nor in the run's output. */
function expectNoSecretIn(dir: string, run: InlineRun, secrets: string[]): void {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules'));
  expect(files.length).toBeGreaterThan(5);
  for (const entry of files) {
    const file = path.join(entry.parentPath, entry.name);
    if (file === path.join(dir, 'suite.yaml')) continue;
    const text = fs.readFileSync(file, 'latin1');
    for (const secret of secrets) expect(text.includes(secret), `${path.relative(dir, file)} contains a secret`).toBe(false);
    expect(text, `${path.relative(dir, file)} contains an API key`).not.toMatch(API_KEY);
  }
  for (const secret of secrets) expect(run.output.includes(secret), 'the run output contains a secret').toBe(false);
  expect(run.output).not.toMatch(API_KEY);
}

test('the enterprise actions on the suite\'s embedded database: users, project, team, key, login, audit, status, backup', async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  const admin = [
    { name: 'status before', type: 'enterprise_status', parameters: { output: 'status-before.json' } },
    { name: 'alice', type: 'user_create', parameters: { username: 'alice', password: ALICE, role: 'manager', email: 'alice@example.com', output: 'alice.json' } },
    { name: 'bob', type: 'user_create', parameters: { username: 'bob', password: BOB, role: 'developer' } },
    { name: 'project', type: 'project_create', parameters: { name: 'web', owner_id: 'alice', member_ids: ['bob'], output: 'project.json' } },
    { name: 'team', type: 'team_create', parameters: { name: 'qa', lead_id: 'alice', member_ids: ['bob'], project_ids: ['web'], output: 'team.json' } },
    { name: 'key', type: 'api_key_create', parameters: { name: 'ci', user_id: 'bob', permissions: ['runs:write', 'projects:read'], scopes: ['web'], output: 'key.json' } },
    { name: 'login', type: 'user_authenticate', parameters: { username: 'alice', password: ALICE, output: 'login.json' } },
    { name: 'audit', type: 'audit_report', parameters: { page_size: 100, output: 'audit.json' } },
    { name: 'status', type: 'enterprise_status', parameters: { output: 'status.json' } },
    { name: 'backup', type: 'backup_data', parameters: { output: 'backup.json' } },
    { name: 'compliance', type: 'compliance_check', parameters: { standards: ['SOC2'], output: 'compliance.json' } },
    { name: 'licence', type: 'license_info', parameters: { output: 'licence.json' } },
    { name: 'cleanup', type: 'cleanup_data', parameters: { dry_run: true, include_audit: true, output: 'cleanup.json' } },
  ];
  const enterprise = { organization_name: 'Acme', storage_path: 'out/enterprise-db', password_policy: { min_length: 10 }, max_users: 5, backup_config: { locations: ['out/backups'] } };
  const dir = writeProject({
    // One worker plays the apps in order: the intruder's failed login comes before the admin's audit report.
    'suite.yaml': suite([{ name: 'intruder', actions: [{ name: 'guess', type: 'user_authenticate', parameters: { username: 'alice', password: 'wrong-guess-123' } }] }, { name: 'admin', actions: admin }], enterprise),
    // The intruder's action creates the database (PGlite's initdb): seconds on a quiet machine, more
    // than the default 30 s test timeout on a loaded one.
    'playwright.config.ts': suitesConfig(['suite.yaml'], 'workers: 1, timeout: 90_000'),
  });
  const run = await runPlaywright(dir, [], TEST_ENV);
  expect(run.exitCode, run.output).toBe(1);
  const intruder = testOf(run.report, 'intruder');
  expect(intruder.status).toBe('failed');
  expect(intruder.errors.join('\n')).toContain('refused user "alice": wrong username or password');
  const adminRun = testOf(run.report, 'admin');
  expect(adminRun.status, run.output).toBe('passed');
  // The app's 13 actions share one database open: opening PGlite costs seconds each time.
  expect(adminRun.stdout.match(/enterprise: opened database /g), adminRun.stdout).toHaveLength(1);
  expect(adminRun.stdout.match(/ done on database /g)).toHaveLength(admin.length);

  expect(json(run, 'admin', 'status-before.json')).toMatchObject({ organization: { name: 'Acme' }, database: 'pglite', users: { total: 0 } });
  const alice = json(run, 'admin', 'alice.json').user as Record<string, unknown>;
  expect(alice).toMatchObject({ username: 'alice', role: 'manager', email: 'alice@example.com', active: true });
  const project = json(run, 'admin', 'project.json').project as { id: number; owner_id: number; member_ids: number[] };
  expect(project.owner_id).toBe(alice.id);
  const team = json(run, 'admin', 'team.json').team as { lead_id: number; project_ids: number[]; member_ids: number[] };
  expect(team).toMatchObject({ lead_id: alice.id, project_ids: [project.id] });
  const key = json(run, 'admin', 'key.json').api_key as Record<string, unknown>;
  expect(key).toMatchObject({ name: 'ci', permissions: ['runs:write', 'projects:read'], scopes: [project.id], enabled: true });
  expect(key).not.toHaveProperty('key');
  expect(json(run, 'admin', 'login.json')).toMatchObject({ username: 'alice', authenticated: true, user_id: alice.id });
  const audit = json(run, 'admin', 'audit.json') as { items: { action: string; actor_name: string; details: Record<string, unknown> }[] };
  const actions = audit.items.map((item) => item.action);
  for (const action of ['organization.created', 'user.created', 'project.created', 'team.created', 'api_key.created', 'auth.login', 'auth.login_failed']) expect(actions).toContain(action);
  expect(audit.items.find((item) => item.action === 'user.created')?.actor_name).toBe('suite suite.yaml');
  expect(json(run, 'admin', 'status.json')).toMatchObject({ users: { total: 2, by_role: { manager: 1, developer: 1 } }, projects: 1, teams: 1, api_keys: { total: 1 }, limits: { max_users: 5 } });
  const backup = json(run, 'admin', 'backup.json') as { manifest: { file: string }; locations: { location: string; error?: string }[] };
  expect(backup.locations).toEqual([expect.objectContaining({ location: expect.stringContaining('backups') })]);
  expect(fs.existsSync(path.join(dir, 'out', 'backups', backup.manifest.file))).toBe(true);
  const compliance = json(run, 'admin', 'compliance.json') as { standards: string[]; findings: unknown[] };
  expect(compliance.standards).toEqual(['SOC2']);
  expect(compliance.findings.length).toBeGreaterThan(0);
  expect(json(run, 'admin', 'licence.json')).toMatchObject({ configured: false, usage: { users: { used: 2, limit: 5 }, projects: { used: 1 } } });
  expect(json(run, 'admin', 'cleanup.json')).toMatchObject({ dry_run: true });
  expectNoSecretIn(dir, run, [ALICE, BOB, 'wrong-guess-123']);
});

test('against a running server the actions act as the API key in the environment; a viewer\'s key cannot create users', async ({ init, startServer, api, secrets, dir }, testInfo) => {
  testInfo.setTimeout(120_000);
  const { password } = await init();
  const server = await startServer();
  const adminToken = await login(api, server.url, 'admin', password);
  const vera = await addUser(api, server.url, adminToken, secrets, 'vera', 'viewer');
  const created = await api(server.url, 'POST', '/api/v1/api-keys', { token: adminToken, body: { user_id: vera.id, name: 'viewer key', permissions: ['projects:read', 'teams:read'] } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const viewerKey = String(created.body.key);
  const apps = [
    { name: 'status', actions: [{ name: 'status', type: 'enterprise_status', parameters: { output: 'status.json' } }] },
    { name: 'create', actions: [{ name: 'create', type: 'user_create', parameters: { username: 'mallory', password: 'Mallory-pass-2024' } }] },
  ];
  fs.writeFileSync(path.join(dir, 'suite.yaml'), suite(apps, { server_url: server.url, api_key_env: 'VIEWER_KEY' }));
  fs.writeFileSync(path.join(dir, 'playwright.config.ts'), suitesConfig(['suite.yaml'], 'workers: 1'));
  const run = await runPlaywright(dir, [], { VIEWER_KEY: viewerKey });
  expect(run.exitCode, run.output).toBe(1);
  expect(testOf(run.report, 'status').status, run.output).toBe('passed');
  expect(json(run, 'status', 'status.json')).toMatchObject({ server: server.url, me: { username: 'vera', role: 'viewer' } });
  const create = testOf(run.report, 'create');
  expect(create.status).toBe('failed');
  expect(create.errors.join('\n')).toContain('POST /api/v1/users answered 403');
  expect(create.errors.join('\n')).toContain('lacks the permission users:manage');
  const users = await api(server.url, 'GET', '/api/v1/users', { token: adminToken });
  expect(users.body.items?.map((user) => user.username)).toEqual(['admin', 'vera']);
  expectNoSecretIn(dir, run, [password, 'Mallory-pass-2024', viewerKey]);
});
