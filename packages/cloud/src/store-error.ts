import { STATUS_CODES } from 'node:http';
import { CloudError, StoreResponseError, firstLineOf, httpStatusOf } from './errors.js';
import { isRetryableError } from './retry.js';

/** SDK error names that say nothing about what the store answered. */
const GENERIC_NAMES = new Set(['Error', 'Unknown', 'UnknownError', 'RestError', 'ServiceException', 'S3ServiceException', 'NotFound', 'Forbidden']);
/** SDK messages that say nothing about what the store answered. */
const EMPTY_MESSAGE = /^(UnknownError|Unknown|\d{3})?$/;
/** The AWS SDK's message when the error page is not an S3 error document (a proxy's, a load balancer's). */
const PARSE_FAILURE = /XML parse error|Deserialization error|Unexpected token|is not valid JSON/;
const MAX_BODY_SHOWN = 200;

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $responseBodyText?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined | null } };
}

/** The service's error code (S3 `Code`, Azure `x-ms-error-code`), when the response carried one. */
function serviceCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as SdkErrorShape;
  // Service codes are PascalCase (AccessDenied, SlowDown, AuthorizationFailure); Node's are not (ECONNRESET).
  for (const value of [shape.Code, shape.code]) {
    if (typeof value === 'string' && /^[A-Z][a-z][A-Za-z0-9]*$/.test(value)) return value;
  }
  // Azure sends the code as a header, also on HEAD responses, which have no body to carry it.
  const header = shape.response?.headers?.get?.('x-ms-error-code');
  if (typeof header === 'string' && header !== '') return header;
  if (typeof shape.name === 'string' && /^[A-Z][a-z][A-Za-z0-9]*$/.test(shape.name) && !GENERIC_NAMES.has(shape.name)) return shape.name;
  return undefined;
}

/** What the store said in words, when the SDK has something better than a placeholder. */
function serviceMessageOf(error: unknown, code: string | undefined): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as SdkErrorShape;
  const message = firstLineOf(shape.message);
  if (PARSE_FAILURE.test(message)) {
    const body = typeof shape.$responseBodyText === 'string' ? shape.$responseBodyText.replace(/\s+/g, ' ').trim() : '';
    const shown = body.length > MAX_BODY_SHOWN ? `${body.slice(0, MAX_BODY_SHOWN)}...` : body;
    return shown ? `the response was not the store's error document: ${JSON.stringify(shown)}` : "the response was not the store's error document";
  }
  if (EMPTY_MESSAGE.test(message) || message === code) return undefined;
  return message;
}

/**
 * The error a provider throws when the store answered `what` with an error status: one message with
 * the request, the store, the HTTP status and the service's error code (`503 Service Unavailable`,
 * `403 Forbidden, AccessDenied: ...`), whatever the SDK made of it. Errors without a status (network
 * failures, timeouts) and Panoptic's own errors are returned unchanged. `codeHint` is a code learnt
 * otherwise (a HEAD response has no body to carry one).
 */
export function storeResponseError(error: unknown, what: string, location: string, codeHint?: string): unknown {
  if (error instanceof CloudError) return error;
  const status = httpStatusOf(error);
  if (status === undefined || status < 400) return error;
  const code = serviceCodeOf(error) ?? codeHint;
  const said = serviceMessageOf(error, code);
  const statusText = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  const answer = `${statusText}${code ? `, ${code}` : ''}${said ? `: ${said}` : ''}`;
  return new StoreResponseError(`${what} in ${location} failed: ${answer}`, {
    code: code ?? `HTTP${status}`,
    statusCode: status,
    retryable: isRetryableError(error),
    cause: error,
  });
}
