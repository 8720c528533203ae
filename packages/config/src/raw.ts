import type { IssuePath } from './issues.js';

/**
 * Helpers over the suite as parsed from YAML, before (or regardless of) schema validation: the
 * semantic checks run on it too, so that one pass reports schema and semantic problems together.
 */
export type RawMap = Record<string, unknown>;

export function isMap(value: unknown): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(root: unknown, path: IssuePath): { present: boolean; value: unknown } {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number' && segment < value.length) value = value[segment];
    else if (isMap(value) && Object.prototype.hasOwnProperty.call(value, segment)) value = value[String(segment)];
    else return { present: false, value: undefined };
  }
  return { present: true, value };
}

export function setAt(root: unknown, path: IssuePath, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)).value;
  const key = path[path.length - 1];
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isMap(parent) && key !== undefined) parent[String(key)] = value;
}

export function deleteAt(root: unknown, path: IssuePath): void {
  const parent = getAt(root, path.slice(0, -1)).value;
  const key = path[path.length - 1];
  if (isMap(parent) && typeof key === 'string') delete parent[key];
}

export interface RawApp {
  app: RawMap;
  path: IssuePath;
}

export interface RawAction {
  action: RawMap;
  path: IssuePath;
}

export function rawApps(suite: unknown): RawApp[] {
  const apps = isMap(suite) ? suite.apps : undefined;
  if (!Array.isArray(apps)) return [];
  return apps.flatMap((app, index) => (isMap(app) ? [{ app, path: ['apps', index] }] : []));
}

/** Global actions and every app's own actions, each with its path. */
export function rawActions(suite: unknown): RawAction[] {
  const lists: { list: unknown; path: IssuePath }[] = [];
  if (isMap(suite)) lists.push({ list: suite.actions, path: ['actions'] });
  for (const { app, path } of rawApps(suite)) lists.push({ list: app.actions, path: [...path, 'actions'] });
  return lists.flatMap(({ list, path }) =>
    Array.isArray(list)
      ? list.flatMap((action, index) => (isMap(action) ? [{ action, path: [...path, index] }] : []))
      : [],
  );
}

export function rawSettings(suite: unknown): RawMap | undefined {
  const settings = isMap(suite) ? suite.settings : undefined;
  return isMap(settings) ? settings : undefined;
}
