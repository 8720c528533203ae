import { z } from 'zod';
import { suiteSchema } from './schema.js';

/**
 * The suite schema as JSON Schema, for editors (yaml-language-server reads draft-07 fully) and
 * other tools. Generated from the zod schema, so it cannot disagree with validation; the rules
 * that need code (URL safety, type-specific required keys) are only checked by the loader.
 */
export function suiteJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(suiteSchema, { target: 'draft-07', io: 'input' });
  return {
    $schema,
    title: 'Panoptic suite',
    description:
      'A Panoptic YAML test suite: apps to test, the actions to play on them, and run settings. ' +
      'Compatible with the original Panoptic suite format.',
    ...rest,
  };
}
