import type { ActionType } from './schema.js';

/**
 * What this version of Panoptic can actually play. Suites may use everything the original schema
 * allows; what is listed as unavailable here validates with a warning, and the runner fails such an
 * action with the same message instead of pretending it ran.
 */
export const AVAILABLE_ACTION_TYPES = [
  'navigate',
  'click',
  'fill',
  'submit',
  'wait',
  'screenshot',
  'record',
  'vision_click',
  'vision_report',
  'ai_enhanced_testing',
  'cloud_sync',
  'cloud_analytics',
  'cloud_cleanup',
  'distributed_test',
  'ai_test_generation',
  'smart_error_detection',
] as const satisfies readonly ActionType[];

export type AvailableActionType = (typeof AVAILABLE_ACTION_TYPES)[number];

const CAPABILITY_OF_ACTION: Readonly<Record<Exclude<ActionType, AvailableActionType>, string>> = {
  enterprise_status: 'enterprise management',
  user_create: 'enterprise management',
  user_authenticate: 'enterprise management',
  project_create: 'enterprise management',
  team_create: 'enterprise management',
  api_key_create: 'enterprise management',
  audit_report: 'enterprise management',
  compliance_check: 'enterprise management',
  license_info: 'enterprise management',
  backup_data: 'enterprise management',
  cleanup_data: 'enterprise management',
};

const CAPABILITY_OF_APP_TYPE: Readonly<Record<string, string>> = {
};

const CAPABILITY_OF_SETTINGS_BLOCK: Readonly<Record<string, string>> = {
  enterprise: 'enterprise management',
};

/** Keys of `settings.cloud` whose capability has not landed: a run fails when one is turned on. */
const CAPABILITY_OF_CLOUD_SETTING: Readonly<Record<string, string>> = {
  enable_sync: 'background sync during a run (use the cloud_sync action or `panoptic sync`)',
  sync_interval: 'background sync during a run (use the cloud_sync action or `panoptic sync`)',
  enable_cdn: 'CDN links',
  cdn_endpoint: 'CDN links',
  encryption: "client-side encryption (use the store's server-side encryption)",
  backup_locations: 'backup copies to other stores',
};

/** Keys of `settings.ai_testing` whose capability has not landed: a run fails when one is turned on. */
const CAPABILITY_OF_AI_SETTING: Readonly<Record<string, string>> = {
  smart_error_recovery: 'AI error recovery',
  adaptive_test_priority: 'adaptive test priority',
  enable_learning: 'learning from past runs',
};

/** Settings that are accepted for compatibility but change nothing, with the reason. */
const INERT_SETTINGS: Readonly<Record<string, string>> = {
  buffer_size_kb: 'has no effect: Playwright manages its own I/O buffers',
};

/** Why a key of `settings.cloud` is accepted but not acted upon; undefined when it takes effect. */
export function unavailableCloudSettingReason(key: string): string | undefined {
  if (!hasOwn(CAPABILITY_OF_CLOUD_SETTING, key)) return undefined;
  return notAvailable(key, CAPABILITY_OF_CLOUD_SETTING[key]);
}

/** Why a key of `settings.ai_testing` is accepted but not acted upon; undefined when it takes effect. */
export function unavailableAiSettingReason(key: string): string | undefined {
  if (!hasOwn(CAPABILITY_OF_AI_SETTING, key)) return undefined;
  return notAvailable(key, CAPABILITY_OF_AI_SETTING[key]);
}

/** Whether a setting's value asks for something (an empty list, false or 0 asks for nothing). */
export function isTurnedOn(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.values(value).some(isTurnedOn);
  return Boolean(value);
}

function notAvailable(subject: string, capability: string, verb = 'needs'): string {
  return `${subject} ${verb} ${capability} which is not available yet in Panoptic`;
}

function hasOwn<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** Why an action of this type cannot run in this version; undefined when it can (or is not a known type). */
export function unavailableReason(actionType: string): string | undefined {
  if (!hasOwn(CAPABILITY_OF_ACTION, actionType)) return undefined;
  return notAvailable(actionType, CAPABILITY_OF_ACTION[actionType]);
}

/** Why apps of this type cannot run in this version; undefined when they can. */
export function unavailableAppTypeReason(appType: string): string | undefined {
  if (!hasOwn(CAPABILITY_OF_APP_TYPE, appType)) return undefined;
  return notAvailable(`${appType} apps`, CAPABILITY_OF_APP_TYPE[appType], 'need');
}

/** Why a key of `settings` is accepted but not acted upon; undefined when it takes effect. */
export function unavailableSettingReason(key: string): string | undefined {
  if (hasOwn(CAPABILITY_OF_SETTINGS_BLOCK, key)) return notAvailable(key, CAPABILITY_OF_SETTINGS_BLOCK[key]);
  if (hasOwn(INERT_SETTINGS, key)) return INERT_SETTINGS[key];
  return undefined;
}
