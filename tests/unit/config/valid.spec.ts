import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, devices } from '@playwright/test';
import { z } from 'zod';
import { ACTION_TYPES, ORIGINAL_ACTION_TYPES, formatIssue, loadSuite, parseSuite, suiteSchema, unavailableReason } from '@panoptic/config';
import { CWD, FILE, WEB_APP, valid, warningsOf, yaml } from './helpers.js';

const FULL_SUITE = fileURLToPath(new URL('./fixtures/full-suite.yaml', import.meta.url));
const knownDevices = Object.keys(devices);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

/** Every value each map schema receives, wherever it occurs (one action schema serves two lists). */
function collect(schema: z.ZodType, value: unknown, at: string, seen: Map<z.ZodObject, { at: string; values: unknown[] }>): void {
  const current = unwrap(schema);
  if (current instanceof z.ZodArray) {
    for (const item of Array.isArray(value) ? value : []) collect(current.element as z.ZodType, item, `${at}[]`, seen);
  } else if (current instanceof z.ZodObject && isRecord(value)) {
    const entry = seen.get(current) ?? { at, values: [] };
    entry.values.push(value);
    seen.set(current, entry);
    for (const [key, child] of Object.entries(current.shape)) {
      if (key in value) collect(child, value[key], at ? `${at}.${key}` : key, seen);
    }
  }
}

/** Schema keys no value uses, as dotted paths; free maps (records) have no keys to use. */
function unusedKeys(schema: z.ZodType, value: unknown): string[] {
  const seen = new Map<z.ZodObject, { at: string; values: unknown[] }>();
  collect(schema, value, '', seen);
  const unused: string[] = [];
  const visit = (node: z.ZodType, at: string): void => {
    const current = unwrap(node);
    if (current instanceof z.ZodArray) return visit(current.element as z.ZodType, `${at}[]`);
    if (!(current instanceof z.ZodObject)) return;
    const values = seen.get(current)?.values ?? [];
    for (const [key, child] of Object.entries(current.shape)) {
      const keyPath = at ? `${at}.${key}` : key;
      if (values.some((map) => isRecord(map) && key in map)) visit(child, keyPath);
      else unused.push(keyPath);
    }
  };
  visit(schema, '');
  return unused;
}

test('the full suite uses every key of the schema, the 27 original action types and Panoptic\'s additions', () => {
  const loaded = loadSuite(FULL_SUITE, { knownDevices });
  // encryption_key, api_key, the client and webhook secrets, the Slack url and webhook_url are in the schema only to be refused with a
  // message that says where the secret goes; a webhook takes url or urls, not both.
  expect(unusedKeys(suiteSchema, loaded.suite)).toEqual([
    'settings.cloud.encryption_key',
    'settings.enterprise.api_key',
    'settings.enterprise.integration.sso.client_secret',
    'settings.enterprise.integration.oauth2.client_secret',
    'settings.enterprise.integration.webhook.url',
    'settings.enterprise.integration.webhook.secret',
    'settings.enterprise.integration.slack.url',
    'settings.quality_gates.notify.webhook_url',
  ]);
  const types = [...(loaded.suite.actions ?? []), ...loaded.suite.apps.flatMap((app) => app.actions ?? [])].map((action) => action.type);
  expect(new Set(types)).toEqual(new Set(ACTION_TYPES));
  expect(ORIGINAL_ACTION_TYPES).toHaveLength(27);
});

test('the full suite validates, warning about what this version cannot do', () => {
  const loaded = loadSuite(FULL_SUITE, { knownDevices, cwd: path.dirname(FULL_SUITE) });
  expect(loaded.file).toBe(FULL_SUITE);
  expect(loaded.dir).toBe(path.dirname(FULL_SUITE));
  expect(loaded.suite.name).toBe('Full suite');
  expect(loaded.suite.apps.map((app) => app.name)).toEqual(['web-app', 'desktop-app', 'mobile-app']);

  const warnings = loaded.warnings.map(formatIssue);
  // buffer_size_kb, kms_key_id and encryption_scope (not a local store's), the distributed_nodes note,
  // the web app's environment, settings.output (the top-level output wins) and 5 web-only global actions that
  // the desktop and mobile apps also play.
  expect(warnings).toHaveLength(1 + 2 + 1 + 1 + 1 + 5);
  expect(warnings).toContain('full-suite.yaml:138:3 - settings.output: ignored: the top-level output is used instead (set the folder in one place)');
  expect(warnings).toContain('full-suite.yaml:10:5 - apps[0].environment: has no effect on a web app');
  expect(warnings).toContain(
    'full-suite.yaml:76:11 - actions[0].type: vision_click cannot be played by "desktop-app" (desktop), "mobile-app" (mobile), which play the global actions: those tests fail here; it works on web apps',
  );
  expect(warnings.filter((warning) => warning.includes('actions[9]'))).toEqual([]);
  expect(warnings.filter((warning) => warning.includes('actions[17]'))).toEqual([]);
  expect(warnings.filter((warning) => warning.includes('settings.cloud.k') || warning.includes('settings.cloud.encryption'))).toEqual([
    'full-suite.yaml:189:5 - settings.cloud.kms_key_id: has no effect: SSE-KMS is S3\'s, provider "local" takes no KMS key id',
    'full-suite.yaml:190:5 - settings.cloud.encryption_scope: has no effect: an encryption scope is Azure\'s, provider "local" has none',
  ]);
  expect(warnings.some((warning) => warning.includes('settings.enterprise'))).toBe(false);
  expect(warnings.slice(-1)).toEqual([
    'full-suite.yaml:200:5 - settings.cloud.distributed_nodes: mapped onto CI shards: Panoptic does not contact nodes, each CI job runs one shard of `panoptic shard plan`; ' +
      "2 node(s) = 2 shard(s) (1: node one, ordered by priority); capacity weighs a shard's share of the work; id, location, endpoint and api_key are not used; " +
      "distributed.node_count (2) wins over the list's length (1), so capacities are not used",
  ]);
  // enable_cdn and enable_distributed are false: they ask for nothing, so nothing is said; sync and backups are honoured.
  expect(warnings.some((warning) => /enable_cdn|enable_distributed|enable_sync|sync_interval|cdn_endpoint|backup_locations/.test(warning))).toBe(false);
  const actionWarnings = loaded.warnings.filter((warning) => warning.path[0] === 'actions' && !warning.message.includes('cannot be played by'));
  expect(actionWarnings.map((warning) => warning.message)).toEqual(
    (loaded.suite.actions ?? []).map((action) => unavailableReason(action.type)).filter((reason) => reason !== undefined),
  );
});

test('a minimal web suite validates without warnings', () => {
  const loaded = valid(yaml(...WEB_APP));
  expect(loaded.file).toBe(path.join(CWD, FILE));
  expect(loaded.dir).toBe(CWD);
  expect(loaded.suite).toEqual({ apps: [{ name: 'web', type: 'web', url: 'https://example.com' }] });
  expect(loaded.warnings).toEqual([]);
});

test('scalars read as the original tool read them: source text for text, YAML 1.1 words for booleans', () => {
  const loaded = valid(
    yaml(
      'apps:',
      '  - name: 1.10',
      '    type: web',
      '    url: https://example.com',
      '    environment: { PORT: 3000, DEBUG: true }',
      '    actions:',
      '      - name: zip',
      '        type: fill',
      '        selector: "#zip"',
      '        value: 01234',
      'settings:',
      '  headless: yes',
      '  reuse_browsers: Off',
      '  cloud:',
      '    access_key: 0x1F',
    ),
  );
  expect(loaded.suite.settings?.headless).toBe(true);
  expect(loaded.suite.settings?.reuse_browsers).toBe(false);
  const app = loaded.suite.apps[0]!;
  expect(app.name).toBe('1.10');
  expect(app.environment).toEqual({ PORT: '3000', DEBUG: 'true' });
  expect(app.actions?.[0]?.value).toBe('01234');
  expect(loaded.suite.settings?.cloud?.access_key).toBe('0x1F');
});

test('empty optional values count as absent, as the original tool read them', () => {
  const loaded = valid(yaml(...WEB_APP, '    actions:', '    device:', 'settings:', '  mobile_device:', 'output:'));
  expect(loaded.suite).toEqual({ apps: [{ name: 'web', type: 'web', url: 'https://example.com' }], settings: {} });
});

test('merge keys reuse an app definition; problems are shown where they are written', () => {
  const loaded = valid(yaml('apps:', '  - &site', '    name: one', '    type: web', '    url: https://example.com', '  - <<: *site', '    name: two'));
  expect(loaded.suite.apps[1]).toEqual({ name: 'two', type: 'web', url: 'https://example.com' });
  const broken = yaml('apps:', '  - &site', '    name: one', '    type: web', '    url: ftp://example.com', '  - <<: *site', '    name: two', '    type: wbe');
  expect(() => valid(broken)).toThrow(
    [
      'suite.yaml:5:10 - apps[0].url: URL scheme "ftp:" is refused in "ftp://example.com"; expected an absolute http:// or https:// URL',
      'suite.yaml:5:10 - apps[1].url: URL scheme "ftp:" is refused in "ftp://example.com"; expected an absolute http:// or https:// URL',
      'suite.yaml:8:11 - apps[1].type: unknown app type "wbe"; did you mean "web"? Expected one of: web, desktop, mobile',
    ].join('\n'),
  );
});

test('an output folder given on the command line makes the suite\'s own ignored, with a warning', () => {
  const text = yaml(...WEB_APP, 'output: ../../elsewhere');
  const loaded = valid(text, { outputFromCommandLine: true });
  expect(loaded.suite.output).toBeUndefined();
  expect(warningsOf(text, { outputFromCommandLine: true })).toEqual([
    'suite.yaml:5:1 - output: ignored: the output folder given on the command line is used instead',
  ]);
});

test('file names are shown relative to the working directory when inside it, else absolute', () => {
  const text = yaml(...WEB_APP, 'settings: { buffer_size_kb: 8 }');
  const file = path.join(CWD, FILE);
  const inside = parseSuite(text, file, { cwd: path.dirname(CWD) });
  expect(inside.warnings[0]?.file).toBe(path.join(path.basename(CWD), FILE));
  const outside = parseSuite(text, file, { cwd: path.join(CWD, 'sub') });
  expect(outside.warnings[0]?.file).toBe(file);
});
