import { z } from 'zod';
import { ACTION_DEFINITIONS } from './actions/registry.js';
import { ACTION_TYPES, actionSchema, suiteSchema } from './schema.js';

type JsonSchema = Record<string, unknown>;

function toJson(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-07', io: 'input' });
  return rest;
}

/**
 * The action schema for editors: the common keys, then per type (`if type is X then ...`) its
 * summary and its own `parameters`, so an editor completes and checks each type's parameters.
 */
function actionJsonSchema(): JsonSchema {
  const action = toJson(actionSchema);
  const perType = ACTION_TYPES.map((type) => {
    const definition = ACTION_DEFINITIONS[type];
    const parameters = { ...toJson(definition.parameters), description: `Parameters of ${type}.` };
    return {
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: { properties: { type: { description: definition.summary }, parameters } },
    };
  });
  return { ...action, allOf: perType };
}

/** Replaces every inlined action schema (global and per app) with a reference to the one definition. */
function referToAction(node: unknown, isAction: (value: JsonSchema) => boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => referToAction(item, isAction));
  if (!node || typeof node !== 'object') return node;
  const map = node as JsonSchema;
  if (isAction(map)) return { $ref: '#/definitions/action' };
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, referToAction(value, isAction)]));
}

/**
 * The suite schema as JSON Schema, for editors (yaml-language-server reads draft-07 fully) and
 * other tools. Generated from the zod schemas and the action definitions, so it cannot disagree with
 * validation; the rules that need code (URL safety, type-specific required keys) are only checked
 * by the loader.
 */
export function suiteJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(suiteSchema, { target: 'draft-07', io: 'input' });
  const inlined = JSON.stringify(toJson(actionSchema));
  const body = referToAction(rest, (value) => JSON.stringify(value) === inlined) as JsonSchema;
  return {
    $schema,
    title: 'Panoptic suite',
    description:
      'A Panoptic YAML test suite: apps to test, the actions to play on them, and run settings. ' +
      'Compatible with the original Panoptic suite format.',
    ...body,
    definitions: { action: actionJsonSchema() },
  };
}
