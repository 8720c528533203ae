import type { z } from 'zod';
import { ACTION_TYPES, type ActionType } from '../schema.js';
import { AI_ACTIONS } from './ai.js';
import { BASIC_ACTIONS } from './basic.js';
import { CHECK_ACTIONS } from './checks.js';
import { CLOUD_ACTIONS } from './cloud.js';
import type { ActionDefinition } from './definition.js';
import { ENTERPRISE_ACTIONS } from './enterprise.js';

/** One definition per action type; the compiler checks that none is missing and none is extra. */
export const ACTION_DEFINITIONS = {
  ...BASIC_ACTIONS,
  ...AI_ACTIONS,
  ...CLOUD_ACTIONS,
  ...ENTERPRISE_ACTIONS,
  ...CHECK_ACTIONS,
} satisfies Record<ActionType, ActionDefinition>;

type Definitions = typeof ACTION_DEFINITIONS;

// And no definition for a type the schema does not know.
const noExtraDefinition: Record<Exclude<keyof Definitions, ActionType>, never> = {};
void noExtraDefinition;

/** The typed `parameters` of an action type, as validation leaves them. */
export type ActionParameters<T extends ActionType> = z.output<Definitions[T]['parameters']>;

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && (ACTION_TYPES as readonly string[]).includes(value);
}
