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

const ids = { type: 'array', items: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, maxItems: 1000 } as const;
const dateTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const DESCRIPTION = { type: 'string', maxLength: 4000 } as const;
export const USER_ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

/** A project (owner_id, team_ids) or a team (lead_id, project_ids): the fields of the original's project_create and team_create. */
export function groupSchema(person: 'owner_id' | 'lead_id', linked: 'team_ids' | 'project_ids') {
  return {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      description: nullableString,
      [person]: { type: ['integer', 'null'] },
      member_ids: ids,
      [linked]: ids,
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
    },
    required: ['id', 'name', 'member_ids', linked],
  } as const;
}

export function groupBody(person: 'owner_id' | 'lead_id', linked: 'team_ids' | 'project_ids', required: readonly string[]) {
  return {
    type: 'object',
    properties: { name: NAME, description: DESCRIPTION, [person]: USER_ID, member_ids: ids, [linked]: ids },
    required,
    additionalProperties: false,
  } as const;
}

/** An API key as listed: never its secret or hash. */
export const apiKeySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    user_id: { type: 'integer' },
    name: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string', enum: PERMISSIONS } },
    scopes: ids,
    rate_limit: { type: ['integer', 'null'] },
    enabled: { type: 'boolean' },
    expires_at: dateTime,
    created_at: { type: 'string', format: 'date-time' },
    usage_count: { type: 'integer' },
    last_used_at: dateTime,
  },
  required: ['id', 'user_id', 'name', 'permissions', 'scopes', 'enabled', 'usage_count'],
} as const;

export const newApiKeySchema = {
  type: 'object',
  properties: {
    user_id: USER_ID,
    name: NAME,
    permissions: { type: 'array', items: { type: 'string', enum: PERMISSIONS }, minItems: 1, uniqueItems: true },
    scopes: ids,
    rate_limit: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    enabled: { type: 'boolean' },
    expires_at: { type: 'string', format: 'date-time' },
  },
  required: ['name', 'permissions'],
  additionalProperties: false,
} as const;

/** The query keys of a paged list route. */
export const PAGING = { page: { type: 'integer', minimum: 1, default: 1 }, page_size: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } as const;

/** A page of `items` as list routes answer it: the items, how many match in all, and the page asked for. */
export function pageOf<Item extends object>(items: Item) {
  return { type: 'object', properties: { items: { type: 'array', items }, total: { type: 'integer' }, page: { type: 'integer' }, page_size: { type: 'integer' } } } as const;
}
