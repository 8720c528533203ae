import { PERMISSIONS, ROLES } from '../domain/permissions.js';

// JSON schemas of the API: Fastify validates requests with them, serialises responses through them
// (a field not listed here, such as a hash, is never sent) and @fastify/swagger publishes them.

export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } },
  required: ['error'],
} as const;

const nullableString = { type: ['string', 'null'] } as const;

export const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    email: nullableString,
    first_name: nullableString,
    last_name: nullableString,
    role: { type: 'string', enum: ROLES },
    active: { type: 'boolean' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    last_login_at: { type: ['string', 'null'], format: 'date-time' },
    password_changed_at: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'username', 'role', 'active'],
} as const;

export const meSchema = {
  ...userSchema,
  properties: { ...userSchema.properties, permissions: { type: 'array', items: { type: 'string', enum: PERMISSIONS } } },
} as const;

export const USERNAME = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._@-]+$' } as const;
export const PASSWORD = { type: 'string', minLength: 1, maxLength: 1024 } as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
  required: ['id'],
} as const;

export const auditEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor_id: { type: ['integer', 'null'] },
    actor_name: nullableString,
    action: { type: 'string' },
    target_type: nullableString,
    target_id: nullableString,
    ip: nullableString,
    details: { type: 'object', additionalProperties: true },
  },
} as const;

/** Error responses a protected route can give, for the OpenAPI document. */
export const protectedErrors = { 401: errorSchema, 403: errorSchema } as const;
