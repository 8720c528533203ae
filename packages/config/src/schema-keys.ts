import { z } from 'zod';
import type { IssuePath } from './issues.js';

/** Strips the wrappers that do not change which keys a map accepts. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function child(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  const current = unwrap(schema);
  if (current instanceof z.ZodObject) {
    const shape = current.shape as Record<string, z.ZodType>;
    const known = typeof segment === 'string' && Object.prototype.hasOwnProperty.call(shape, segment);
    return known ? shape[segment] : undefined;
  }
  if (current instanceof z.ZodArray) return current.element as z.ZodType;
  if (current instanceof z.ZodRecord) return current.valueType as z.ZodType;
  return undefined;
}

/** The keys the schema allows in the map at `path`, for "did you mean" and "expected one of". */
export function allowedKeysAt(schema: z.ZodType, path: IssuePath): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = current && child(current, segment);
  }
  const map = current && unwrap(current);
  return map instanceof z.ZodObject ? Object.keys(map.shape) : [];
}
