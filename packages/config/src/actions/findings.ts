import type { Finding, IssuePath } from '../issues.js';
import { isMap, rawActions, rawApps, type RawMap } from '../raw.js';
import { showValue } from '../values.js';
import { findingsFromZod } from '../zod-findings.js';
import type { ActionKey, AppType } from './definition.js';
import { ACTION_DEFINITIONS, isActionType } from './registry.js';
import type { ActionType } from '../schema.js';

/** The keys some action types read and others do not (`name`, `type`, `parameters`, `screenshot` and `record` every type has). */
const ACTION_KEYS: readonly ActionKey[] = ['url', 'target', 'value', 'selector', 'wait_time', 'duration'];

/** The app keys each app type reads; any other is a located warning. */
const APP_KEYS: Readonly<Record<AppType, readonly string[]>> = {
  web: ['name', 'type', 'url', 'device', 'timeout', 'actions'],
  desktop: ['name', 'type', 'path', 'timeout', 'environment', 'actions'],
  mobile: ['name', 'type', 'url', 'path', 'platform', 'emulator', 'device', 'timeout', 'actions', 'appium'],
};

function knownAppType(value: unknown): value is AppType {
  return value === 'web' || value === 'desktop' || value === 'mobile';
}

/** Each action's `parameters` checked against its type's definition: unknown keys (with did-you-mean) and wrong values. */
function parameterFindings(action: RawMap, path: IssuePath): Finding[] {
  const { type } = action;
  if (!isActionType(type) || !isMap(action.parameters)) return [];
  const schema = ACTION_DEFINITIONS[type].parameters;
  const result = schema.safeParse(action.parameters);
  if (result.success) return [];
  const takesNone = Object.keys(schema.shape).length === 0;
  return findingsFromZod(result.error.issues, action.parameters, schema, new Set(), [...path, 'parameters']).map((finding) =>
    takesNone && finding.at === 'key' ? { ...finding, message: `unknown key: ${type} takes no parameters` } : finding,
  );
}

/** Action keys the type never reads: accepted, but said, since the user surely meant something by them. */
function inertKeyFindings(action: RawMap, path: IssuePath): Finding[] {
  const { type } = action;
  if (!isActionType(type)) return [];
  const reads = ACTION_DEFINITIONS[type].keys;
  return ACTION_KEYS.filter((key) => action[key] !== undefined && !reads.includes(key)).map((key) => ({
    path: [...path, key],
    message: `has no effect on a ${type} action${reads.length ? `; it reads ${reads.map((k) => `"${k}"`).join(', ')}` : ''}`,
    at: 'key' as const,
  }));
}

/** App keys the app's type never reads. */
function inertAppKeyFindings(app: RawMap, path: IssuePath): Finding[] {
  const type = app.type;
  if (!knownAppType(type)) return [];
  const reads = APP_KEYS[type];
  return Object.keys(app)
    // `appium` off a mobile app is an error of the mobile rules; keys no app type reads are schema errors.
    .filter((key) => key !== 'appium' && !reads.includes(key) && Object.values(APP_KEYS).some((keys) => keys.includes(key)))
    .map((key) => ({ path: [...path, key], message: `has no effect on a ${type} app`, at: 'key' as const }));
}

/**
 * Actions an app of this type cannot play. Its own actions are errors; a global action is played by
 * every app without its own, so one that only some of them can play is a warning on those apps (it
 * fails their test when reached), as the original's suites mixed app types under one list.
 */
function appTypeFindings(suite: unknown): { errors: Finding[]; warnings: Finding[] } {
  const errors: Finding[] = [];
  const globalsLeftOut = new Map<number, { type: ActionType; apps: string[] }>();
  const globals = isMap(suite) && Array.isArray(suite.actions) ? suite.actions : [];
  for (const { app, path } of rawApps(suite)) {
    const appType = app.type;
    if (!knownAppType(appType)) continue;
    const own = Array.isArray(app.actions) ? (app.actions as unknown[]) : undefined;
    (own ?? globals).forEach((action, index) => {
      if (!isMap(action) || !isActionType(action.type) || ACTION_DEFINITIONS[action.type].appTypes.includes(appType)) return;
      if (own) errors.push({ path: [...path, 'actions', index, 'type'], message: `${action.type} cannot be played by a ${appType} app; ${worksOn(action.type)}` });
      else {
        const entry = globalsLeftOut.get(index) ?? { type: action.type, apps: [] };
        entry.apps.push(`${showValue(app.name, [...path, 'name'])} (${appType})`);
        globalsLeftOut.set(index, entry);
      }
    });
  }
  const warnings = [...globalsLeftOut].map(([index, { type, apps }]): Finding => {
    return { path: ['actions', index, 'type'], message: `${type} cannot be played by ${apps.join(', ')}, which play${apps.length === 1 ? 's' : ''} the global actions: those tests fail here; ${worksOn(type)}` };
  });
  return { errors, warnings };
}

function worksOn(type: ActionType): string {
  return `it works on ${ACTION_DEFINITIONS[type].appTypes.join(' and ')} apps`;
}

/** Errors: parameters that do not fit their action type, and actions their app cannot play. */
export function actionFindings(suite: unknown): Finding[] {
  return [...rawActions(suite).flatMap(({ action, path }) => parameterFindings(action, path)), ...appTypeFindings(suite).errors];
}

/** Warnings: action and app keys that change nothing for their type, and global actions some apps cannot play. */
export function inertKeyWarnings(suite: unknown): Finding[] {
  return [
    ...rawActions(suite).flatMap(({ action, path }) => inertKeyFindings(action, path)),
    ...rawApps(suite).flatMap(({ app, path }) => inertAppKeyFindings(app, path)),
    ...appTypeFindings(suite).warnings,
  ];
}
