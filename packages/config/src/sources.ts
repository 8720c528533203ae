import type { IssuePath } from './issues.js';
import type { LoadedSuite } from './load.js';
import type { Action, App } from './schema.js';

/**
 * Where something is written in a suite file: the file's absolute path and a 1-based line and
 * column, the form Playwright takes for a step's `location`.
 */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface LocatedAction {
  action: Action;
  source: SourceLocation;
}

/** Where the value at `path` is written (or its key, with `at: 'key'`). */
export function sourceOf(loaded: LoadedSuite, path: IssuePath, at: 'key' | 'value' = 'value'): SourceLocation {
  return { file: loaded.file, ...loaded.positionOf(path, at) };
}

function appPath(loaded: LoadedSuite, app: App): IssuePath {
  const index = loaded.suite.apps.indexOf(app);
  if (index < 0) throw new Error(`app "${app.name}" is not an app of the loaded suite ${loaded.file}`);
  return ['apps', index];
}

/** Where an app is written, or one of its keys (`url`, `path`) when `key` is given. */
export function appSourceOf(loaded: LoadedSuite, app: App, key?: 'url' | 'path'): SourceLocation {
  const at = appPath(loaded, app);
  return key ? sourceOf(loaded, [...at, key], 'key') : sourceOf(loaded, at);
}

/**
 * The actions an app plays (as `actionsOf` picks them: its own list, else the suite's global one),
 * each with where it is written, so a failure can point at the action in the suite file.
 */
export function locatedActionsOf(loaded: LoadedSuite, app: App): LocatedAction[] {
  const [list, base]: [Action[], IssuePath] = app.actions ? [app.actions, [...appPath(loaded, app), 'actions']] : [loaded.suite.actions ?? [], ['actions']];
  return list.map((action, index) => ({ action, source: sourceOf(loaded, [...base, index]) }));
}
