import type { z } from 'zod';
import type { actionSchema, appSchema, ActionType, suiteSchema } from '../schema.js';
import { ACTION_DEFINITIONS, type ActionParameters } from './registry.js';

type ValidatedSuite = z.output<typeof suiteSchema>;
type ValidatedAction = z.output<typeof actionSchema>;
type ActionFields = Omit<ValidatedAction, 'type' | 'parameters'>;

/** An action of one type, its `parameters` typed by the type's definition. */
export type ActionOf<T extends ActionType> = ActionFields & { type: T; parameters?: ActionParameters<T> };

/** Any action: a union discriminated by `type`, so a `switch` or a handler map narrows `parameters`. */
export type Action = { [T in ActionType]: ActionOf<T> }[ActionType];

export type App = Omit<z.output<typeof appSchema>, 'actions'> & { actions?: Action[] };

export type Suite = Omit<ValidatedSuite, 'apps' | 'actions'> & { apps: App[]; actions?: Action[] };

/**
 * An action whose parameters have passed its definition's check, with them parsed by it. The cast
 * is the one place where the type of `parameters` is tied to `type`: TypeScript cannot follow that
 * through a lookup by a runtime key.
 */
function typedAction(action: ValidatedAction): Action {
  const { parameters, ...fields } = action;
  if (parameters === undefined) return fields as Action;
  return { ...fields, parameters: ACTION_DEFINITIONS[action.type].parameters.parse(parameters) } as Action;
}

/** The validated suite with every action's parameters typed. Call only once validation found no error. */
export function typedSuite(suite: ValidatedSuite): Suite {
  const { apps, actions, ...rest } = suite;
  return {
    ...rest,
    apps: apps.map(({ actions: own, ...app }) => ({ ...app, ...(own ? { actions: own.map(typedAction) } : {}) })),
    ...(actions ? { actions: actions.map(typedAction) } : {}),
  };
}
