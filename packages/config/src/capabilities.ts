import { ACTION_DEFINITIONS, isActionType } from './actions/registry.js';
import { ACTION_TYPES, type ActionType } from './schema.js';

/** The action types this version can play: those whose definition waits for no capability. */
export const AVAILABLE_ACTION_TYPES: readonly ActionType[] = ACTION_TYPES.filter((type) => !ACTION_DEFINITIONS[type].unavailable);

/** Settings blocks whose capability has not landed (settings.enterprise configures the enterprise actions now). */
const CAPABILITY_OF_SETTINGS_BLOCK: Readonly<Record<string, string>> = {};

/** Keys of `settings.cloud` whose capability has not landed: a run fails when one is turned on. */
const CAPABILITY_OF_CLOUD_SETTING: Readonly<Record<string, string>> = {};

/**
 * Keys of `settings.ai_testing` whose capability has not landed: a run fails when one is turned on.
 * Every key of the original schema and the guide is honoured now; the table stays for the next one.
 */
const CAPABILITY_OF_AI_SETTING: Readonly<Record<string, string>> = {};

/** Settings that are accepted for compatibility but change nothing, with the reason. */
const INERT_SETTINGS: Readonly<Record<string, string>> = {
  buffer_size_kb: 'has no effect: Playwright manages its own I/O buffers',
};

/** Why a key of `settings.cloud` is accepted but not acted upon; undefined when it takes effect. */
export function unavailableCloudSettingReason(key: string): string | undefined {
  const capability = entryOf(CAPABILITY_OF_CLOUD_SETTING, key);
  return capability === undefined ? undefined : notAvailable(key, capability);
}

/** Why a key of `settings.ai_testing` is accepted but not acted upon; undefined when it takes effect. */
export function unavailableAiSettingReason(key: string): string | undefined {
  const capability = entryOf(CAPABILITY_OF_AI_SETTING, key);
  return capability === undefined ? undefined : notAvailable(key, capability);
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

/** The table's own entry for `key` (never one inherited from Object.prototype, such as "constructor"). */
function entryOf(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Why an action of this type cannot run in this version; undefined when it can (or is not a known type). */
export function unavailableReason(actionType: string): string | undefined {
  const capability = isActionType(actionType) ? ACTION_DEFINITIONS[actionType].unavailable : undefined;
  return capability ? notAvailable(actionType, capability) : undefined;
}

/**
 * Why a key of `settings` is accepted but not acted upon; undefined when it takes effect, or when
 * its block is turned off (`enabled: false`) and so asks for nothing.
 */
export function unavailableSettingReason(key: string, value?: unknown): string | undefined {
  const off = typeof value === 'object' && value !== null && 'enabled' in value && value.enabled === false;
  const capability = entryOf(CAPABILITY_OF_SETTINGS_BLOCK, key);
  if (capability !== undefined) return off ? undefined : notAvailable(key, capability);
  return entryOf(INERT_SETTINGS, key);
}
