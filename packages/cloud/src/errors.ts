import { STATUS_CODES } from 'node:http';

/**
 * A storage failure Panoptic recognised. `retryable` is the uploader's verdict on it; `code` and
 * `statusCode` mirror what the store said, when it said something.
 */
export class CloudError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly statusCode?: number;

  constructor(message: string, options: { code: string; retryable?: boolean; statusCode?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CloudError';
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
  }
}

/** A key that could reach outside its prefix or folder. Never retried. */
export class UnsafeKeyError extends CloudError {
  constructor(key: string, reason: string) {
    super(`unsafe storage key ${JSON.stringify(key)}: ${reason}`, { code: 'UnsafeKey' });
    this.name = 'UnsafeKeyError';
  }
}

/** A settings value that cannot work; names the key path and what would be right, never a secret. */
export class CloudConfigError extends CloudError {
  constructor(message: string) {
    super(message, { code: 'InvalidCloudSettings' });
    this.name = 'CloudConfigError';
  }
}

/** The store holds other bytes than were sent (size or MD5 differ after the upload). Retried. */
export class IntegrityError extends CloudError {
  constructor(message: string) {
    super(message, { code: 'IntegrityMismatch', retryable: true });
    this.name = 'IntegrityError';
  }
}

/** The local file changed while it was being uploaded: what went up may be neither version. Retried. */
export class FileChangedError extends CloudError {
  constructor(message: string) {
    super(message, { code: 'FileChanged', retryable: true });
    this.name = 'FileChangedError';
  }
}

/** A request made no progress within the configured time. Retried. */
export class RequestTimeoutError extends CloudError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'RequestTimeout', retryable: true, cause });
    this.name = 'RequestTimeoutError';
  }
}

/**
 * The store answered a request with an error status. The message already says everything (what was
 * asked, where, the status and the service's error code), so `describeError` does not go on to
 * the SDK error behind it, whose own message may be "UnknownError" or a parser's complaint.
 */
export class StoreResponseError extends CloudError {
  constructor(message: string, options: { code: string; statusCode: number; retryable: boolean; cause: unknown }) {
    super(message, options);
    this.name = 'StoreResponseError';
  }
}

export class ObjectNotFoundError extends CloudError {
  constructor(key: string, location: string, cause?: unknown) {
    super(`no object ${JSON.stringify(key)} in ${location}`, { code: 'NotFound', statusCode: 404, cause });
    this.name = 'ObjectNotFoundError';
  }
}

// Signed query strings and connection strings can reach error messages through SDK errors.
const SECRET_PATTERNS: RegExp[] = [
  /\b(sig|signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|AWSAccessKeyId|se|skoid|sktid)=[^&\s;"'<]+/gi,
  /\b(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;\s"'<]+/gi,
];

/** Removes signatures, account keys and signed-URL credentials from text meant for people. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, (_, name: string) => `${name}=[redacted]`), text);
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  statusCode?: unknown;
  status?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** The HTTP status an SDK error carries, whichever SDK it came from. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as ErrorShape;
  for (const value of [shape.$metadata?.httpStatusCode, shape.statusCode, shape.status]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 100) return value;
  }
  return undefined;
}

/**
 * One line that says what went wrong: the message, the service's error code and HTTP status, and
 * the causes behind a wrapper. Secrets are redacted.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    parts.push(describeOne(current));
    // A timeout's cause is the abort it triggered, a store response's the SDK error it explains:
    // nothing more to learn from either.
    const final = current instanceof RequestTimeoutError || current instanceof StoreResponseError;
    current = current instanceof Error && !final ? current.cause : undefined;
  }
  const text = [...new Set(parts)].filter(Boolean).join(': ');
  return redactSecrets(text.length > 600 ? `${text.slice(0, 597)}...` : text);
}

/** The first line of an SDK error's message, trimmed: the SDKs put details (Azure, its whole XML error) on the lines after it. */
export function firstLineOf(message: unknown): string {
  if (typeof message !== 'string') return '';
  const [first = ''] = message.split('\n', 1);
  return first.trim();
}

function describeOne(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const shape = error as ErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  const message = firstLineOf(shape.message);
  const code = typeof shape.code === 'string' ? shape.code : typeof shape.Code === 'string' ? shape.Code : '';
  const status = httpStatusOf(error);
  const generic = ['Error', 'RestError', 'UnknownError', 'CloudError', 'StoreResponseError', ''].includes(name) || message.startsWith(name);
  let text = message || name || 'unknown error';
  if (!generic && message && !message.includes(name)) text = `${name}: ${message}`;
  const statusText = status === undefined ? '' : `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  const details = [statusText && !text.includes(statusText) ? statusText : '', code && !text.includes(code) ? code : ''].filter(Boolean);
  return details.length > 0 ? `${text} (${details.join(', ')})` : text;
}
