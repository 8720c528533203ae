import { z } from 'zod';
import { cloudSettingsSchema } from '@panoptic/model/cloud-settings';
import { qualityGatesSchema } from '@panoptic/model/gates';
import { dateDays, MAX_DATE_DAYS, timerSeconds } from './durations.js';
import { oidcClientSchema } from './oidc-schema.js';
import { slackSchema } from './slack-schema.js';
import { webhookSchema } from './webhook-schema.js';

/** The 27 action types of the original tool, by their original names. */
export const ORIGINAL_ACTION_TYPES = [
  'navigate',
  'click',
  'fill',
  'submit',
  'wait',
  'screenshot',
  'record',
  'vision_click',
  'vision_report',
  'ai_test_generation',
  'smart_error_detection',
  'ai_enhanced_testing',
  'cloud_sync',
  'cloud_analytics',
  'distributed_test',
  'cloud_cleanup',
  'enterprise_status',
  'user_create',
  'user_authenticate',
  'project_create',
  'team_create',
  'api_key_create',
  'audit_report',
  'compliance_check',
  'license_info',
  'backup_data',
  'cleanup_data',
] as const;

/** Panoptic's additions (actions/checks.ts): checks of what a web page shows, a double click, a hover, choosing an option, a shortcut. */
export const PANOPTIC_ACTION_TYPES = ['assert_text', 'assert_count', 'assert_checked', 'assert_visible', 'assert_attribute', 'assert_value', 'assert_url', 'assert_title', 'double_click', 'hover', 'select_option', 'press_key', 'assert_focused'] as const;

/** Every action type a suite may use: the original's, then Panoptic's additions. */
export const ACTION_TYPES = [...ORIGINAL_ACTION_TYPES, ...PANOPTIC_ACTION_TYPES] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

// Every duration is waited with a timer, so none may exceed what a timer can wait.
const seconds = timerSeconds;
const positiveInt = z.number().int().positive();
const stringMap = z.record(z.string(), z.string());

export const actionSchema = z.strictObject({
  name: z.string().min(1).describe('Action name, shown in reports.'),
  type: z.enum(ACTION_TYPES).describe('What the action does.'),
  url: z.string().describe('navigate: the page to open (http or https); wins over value.').optional(),
  target: z.string().describe('click: the element to click when there is no selector.').optional(),
  value: z.string().describe('fill: the text to type; navigate: the page to open (older spelling of url).').optional(),
  selector: z.string().describe('The element the action works on.').optional(),
  wait_time: seconds.describe('wait: seconds to wait (default 1).').optional(),
  parameters: z
    .record(z.string(), z.unknown())
    .describe('Parameters of the action type, e.g. filename for screenshot and record (a path inside the output folder).')
    .optional(),
  screenshot: z.boolean().describe('Take a screenshot after the action.').optional(),
  record: z.boolean().describe('Record a video clip of the action.').optional(),
  duration: seconds.describe('record: seconds to keep recording (default 30).').optional(),
});

/** Panoptic's own addition: an app-level Appium block (mobile apps only). */
export const appiumSchema = z.strictObject({
  server_url: z
    .string()
    .describe(
      'An Appium server or device farm to use instead of the one Panoptic starts (http or https, no credentials: ' +
        'they come from PANOPTIC_APPIUM_USER and PANOPTIC_APPIUM_KEY). PANOPTIC_APPIUM_URL sets it for every app that has none.',
    )
    .optional(),
  capabilities: z
    .record(z.string(), z.unknown())
    .describe(
      'W3C capabilities merged over the ones compiled from the app (platform, device, emulator, path, url). ' +
        'Keys without a vendor prefix get "appium:"; a null value removes a compiled capability.',
    )
    .optional(),
});

export const appSchema = z.strictObject({
  name: z.string().min(1).describe('Unique app name, used in artifact file names (no "/", "\\" or control characters).'),
  type: z.enum(['web', 'desktop', 'mobile']),
  url: z
    .string()
    .describe("web (required): the page to open, http or https; mobile: a page for the device's browser, or a deep link into the app.")
    .optional(),
  path: z
    .string()
    .describe('desktop (required): the program to start; mobile: the app (.apk, .ipa, .app, relative to the suite) that Appium installs and starts.')
    .optional(),
  platform: z.enum(['android', 'ios']).describe('mobile (required): the platform.').optional(),
  emulator: z.boolean().describe('mobile: an emulator or simulator rather than a real device.').optional(),
  device: z.string().describe('web: the name of a device to emulate; mobile: the device id or name.').optional(),
  timeout: seconds.describe('Seconds; bounds element lookups.').optional(),
  environment: stringMap.describe('Environment variables for the app.').optional(),
  actions: z.array(actionSchema).describe("The app's own actions; they replace the global list.").optional(),
  appium: appiumSchema.describe('mobile: the Appium server and extra capabilities.').optional(),
});

export const aiTestingSchema = z.strictObject({
  enable_error_detection: z.boolean().optional(),
  enable_test_generation: z.boolean().optional(),
  enable_vision_analysis: z.boolean().optional(),
  auto_generate_tests: z.boolean().optional(),
  smart_error_recovery: z
    .boolean()
    .describe('An action whose locator matched nothing is tried once more on the closest element of the page, when that element is at confidence_threshold or above; never an assertion.')
    .optional(),
  adaptive_test_priority: z
    .boolean()
    .describe("The suite's apps run most-likely-to-fail first: recent failures, flaky score, and apps of suites changed since git's HEAD.")
    .optional(),
  confidence_threshold: z.number().min(0).max(1).optional(),
  max_generated_tests: positiveInt.optional(),
  enable_learning: z
    .boolean()
    .describe('Failure confidences are recalibrated from the categories confirmed or corrected with `panoptic errors label`, kept next to the history.')
    .optional(),
  max_elements_to_analyze: positiveInt.optional(),
  parallel_workers: positiveInt.optional(),
});

// The cloud settings are read by @panoptic/cloud too: their schema is owned by @panoptic/model.
export const cloudSchema = cloudSettingsSchema;

const looseMap = z.record(z.string(), z.unknown());

const API_KEY_IN_SUITE = 'an API key is a secret and never goes in a suite: put it in the environment variable that settings.enterprise.api_key_env names (default PANOPTIC_API_KEY)';

export const enterpriseSchema = z.strictObject({
  enabled: z.boolean().optional(),
  organization_name: z.string().optional(),
  domain: z.string().optional(),
  storage_path: z.string().optional(),
  /** Panoptic's own addition: the enterprise actions talk to this server instead of the database in storage_path. */
  server_url: z.url({ protocol: /^https?$/ }).describe('The Panoptic server the enterprise actions use (http or https); without it they open storage_path.').optional(),
  /** Panoptic's own addition. */
  api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).describe('The environment variable holding the API key for server_url (default PANOPTIC_API_KEY).').optional(),
  /** Accepted by the shape only to be refused with a message that says where the key goes. */
  api_key: z.unknown().describe(`Never set: ${API_KEY_IN_SUITE}.`).optional(),
  auth_method: z.enum(['local', 'ldap', 'sso', 'oauth2']).optional(),
  default_role: z.string().optional(),
  max_users: z.number().int().nonnegative().optional(),
  max_projects: z.number().int().nonnegative().optional(),
  max_api_keys: z.number().int().nonnegative().optional(),
  api_rate_limit: z.number().int().nonnegative().optional(),
  // Minutes, as in the original; a session's end is a date in the database, not a timer.
  session_timeout: z.number().positive().max(MAX_DATE_DAYS * 24 * 60).describe('Minutes a session lasts after login.').optional(),
  /** Panoptic's own addition. */
  session_idle_timeout: z
    .number()
    .nonnegative()
    .max(MAX_DATE_DAYS * 24 * 60)
    .describe('Minutes a session may go unused before it ends (default 60; 0: never).')
    .optional(),
  password_policy: z
    .strictObject({
      min_length: z.number().int().nonnegative().optional(),
      require_uppercase: z.boolean().optional(),
      require_lowercase: z.boolean().optional(),
      require_numbers: z.boolean().optional(),
      require_symbols: z.boolean().optional(),
      max_age_days: dateDays.optional(),
      max_history: z.number().int().nonnegative().optional(),
    })
    .optional(),
  license: z
    .strictObject({
      key: z.string().optional(),
      type: z.string().optional(),
      max_users: z.number().int().nonnegative().optional(),
      max_projects: z.number().int().nonnegative().optional(),
      max_api_keys: z.number().int().nonnegative().optional(),
      expires_at: z.string().optional(),
      features: z.array(z.string()).optional(),
      validation_url: z.string().optional(),
    })
    .optional(),
  backup_config: z
    .strictObject({
      enabled: z.boolean().optional(),
      schedule: z.string().optional(),
      retention_days: dateDays.optional(),
      locations: z.array(z.string()).optional(),
      compression: z.boolean().optional(),
      encryption: z.boolean().optional(),
    })
    .optional(),
  compliance: z
    .strictObject({
      enabled: z.boolean().optional(),
      standards: z.array(z.string()).optional(),
      data_retention: dateDays.optional(),
      audit_retention: dateDays.optional(),
      data_encryption: z.boolean().optional(),
      audit_encryption: z.boolean().optional(),
      require_approval: z.boolean().optional(),
      approval_workflow: z.array(z.string()).optional(),
    })
    .optional(),
  integration: z
    .strictObject({
      ldap: looseMap.optional(),
      sso: oidcClientSchema('sso').describe('OpenID Connect sign-in for auth_method sso: issuer, client_id, redirect_url, scopes, client_secret_env.').optional(),
      oauth2: oidcClientSchema('oauth2').describe('OpenID Connect sign-in for auth_method oauth2 (same keys as sso).').optional(),
      webhook: webhookSchema
        .describe('Signed HTTP deliveries of audit events and finished runs: url or urls, events (patterns), secret_env, timeout, retries, retry_delay.')
        .optional(),
      slack: slackSchema.describe('A Slack-compatible message from the server when a complete run fails a quality gate or brings a new failure: url_env, secret_env.').optional(),
      siem: looseMap.optional(),
      monitoring: looseMap.optional(),
    })
    .optional(),
  config_path: z.string().optional(),
}).superRefine((settings, ctx) => {
  // Located at the key like any issue; the value is never quoted (it is a secret).
  if (settings.api_key !== undefined) ctx.addIssue({ code: 'custom', path: ['api_key'], message: API_KEY_IN_SUITE });
  const method = settings.auth_method;
  if ((method === 'sso' || method === 'oauth2') && !settings.integration?.[method]) {
    ctx.addIssue({ code: 'custom', path: ['auth_method'], message: `auth_method ${method} signs in with OpenID Connect: set integration.${method} (issuer, client_id, redirect_url)` });
  }
});

export const settingsSchema = z.strictObject({
  output: z
    .string()
    .describe("The output folder, as the original's performance guide writes it; the top-level output wins when both are set.")
    .optional(),
  screenshot_format: z.enum(['png', 'jpg', 'jpeg']).optional(),
  /** 1-100; JPEG quality of screenshots. `screenshot_quality` wins when both are set. */
  quality: z.number().int().min(1).max(100).optional(),
  screenshot_quality: z.number().int().min(1).max(100).optional(),
  video_format: z.enum(['webm', 'mp4']).optional(),
  headless: z.boolean().optional(),
  window_width: positiveInt.optional(),
  window_height: positiveInt.optional(),
  mobile_device: z.string().describe('The name of a device to emulate.').optional(),
  enable_metrics: z.boolean().optional(),
  log_level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  disable_images: z.boolean().optional(),
  disable_javascript: z.boolean().optional(),
  page_timeout: seconds.describe('Seconds allowed for a page navigation (default 30).').optional(),
  element_timeout: seconds.describe('Seconds allowed for an element lookup (default 10; an app timeout wins).').optional(),
  /** Panoptic's own addition. */
  test_timeout: seconds
    .describe("Seconds each app's test may take in all (Playwright's test timeout; 0: none). Unset: the config's timeout plus the app's waits and recordings.")
    .optional(),
  max_concurrent_browsers: positiveInt.optional(),
  reuse_browsers: z.boolean().optional(),
  parallel_tests: positiveInt.optional(),
  max_screenshot_size_mb: z.number().positive().optional(),
  max_video_size_mb: z.number().positive().optional(),
  buffer_size_kb: positiveInt.describe('Accepted for compatibility; no effect (Playwright manages its own I/O buffers).').optional(),
  /** Panoptic's own addition. */
  allow_file_urls: z.boolean().describe('Allow file: URLs in app url and navigate actions (default false).').optional(),
  ai_testing: aiTestingSchema.describe('AI features: test generation (enable_test_generation, max_generated_tests, auto_generate_tests), vision (enable_vision_analysis, max_elements_to_analyze, confidence_threshold, parallel_workers), error detection (enable_error_detection), healing (smart_error_recovery), ordering (adaptive_test_priority) and calibration (enable_learning).').optional(),
  cloud: cloudSchema
    .describe(
      "The store (provider local, aws/s3 or azure) of the cloud_* actions, the cloud fixture and the reporter's uploads, with retention and " +
        'compression, uploads during the run (enable_sync, sync_interval in seconds, delete_local_after_sync), CDN links (enable_cdn, cdn_endpoint) ' +
        'and backup copies (backup_locations), and encryption: server-side (encryption, kms_key_id, encryption_scope) and client-side AES-256-GCM ' +
        '(client_side_encryption; the key in the environment variable encryption_key_env names, never in the suite).',
    )
    .optional(),
  enterprise: enterpriseSchema.describe('Enterprise management: the database (storage_path) or server (server_url, API key from the environment variable api_key_env names) of the enterprise actions, and the organisation, password policy and limits they enforce.').optional(),
  /** Panoptic's own addition; the schema is @panoptic/model's, which the reporter's `gates` option shares. */
  quality_gates: qualityGatesSchema
    .describe('Quality gates the reporter checks at the end of a run (min_pass_rate and max_flaky_rate in percent, max_new_failures, max_duration): a failed gate fails the run; notify sends a Slack-compatible webhook message.')
    .optional(),
});

export const suiteSchema = z.strictObject({
  name: z.string().describe('Suite name, shown in reports.').optional(),
  output: z
    .string()
    .describe('Folder for artifacts, inside the working directory. A folder given on the command line wins.')
    .optional(),
  apps: z.array(appSchema).min(1).describe('The applications to test.'),
  actions: z.array(actionSchema).describe('Global actions, played by every app that has none of its own.').optional(),
  settings: settingsSchema.describe('Run settings.').optional(),
});

// The suite as validation leaves it: each action's `parameters` typed by its action type.
export type { Suite, App, Action, ActionOf } from './actions/typed.js';
export type Settings = z.infer<typeof settingsSchema>;
export type AiTestingSettings = z.infer<typeof aiTestingSchema>;
export type { CloudSettings } from '@panoptic/model/cloud-settings';
export type EnterpriseSettings = z.infer<typeof enterpriseSchema>;
