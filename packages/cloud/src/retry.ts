import { setTimeout as wait } from 'node:timers/promises';
import { httpStatusOf } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included (at least 1). `TransferOptions.retryAttempts` + 1. */
  attempts: number;
  /** The first backoff; each further retry doubles it, capped at `maxBackoffMs`, with full jitter. */
  backoffMs: number;
  maxBackoffMs?: number;
  /** Which failures are worth another attempt; `isRetryableError` by default. */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each wait, with the attempt that failed (1-based) and the delay that follows. */
  onRetry?: (info: { attempt: number; error: unknown; delayMs: number }) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const DEFAULT_MAX_BACKOFF_MS = 30_000;

/**
 * Runs `fn` until it succeeds, the error is not retryable, or `attempts` are used up; then throws
 * the last error unchanged. `fn` receives the attempt number (1-based) so callers can count.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts));
  const isRetryable = options.isRetryable ?? isRetryableError;
  const sleep = options.sleep ?? wait;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      const delayMs = backoffDelay(attempt, options.backoffMs, options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, random);
      options.onRetry?.({ attempt, error, delayMs });
      await sleep(delayMs);
    }
  }
}

/**
 * "Full jitter": a uniformly random wait between 0 and `backoffMs * 2^(retry-1)` (capped), which
 * spreads out clients that failed together better than a fixed exponential delay.
 */
export function backoffDelay(retry: number, backoffMs: number, maxBackoffMs = DEFAULT_MAX_BACKOFF_MS, random: () => number = Math.random): number {
  const ceiling = Math.min(maxBackoffMs, Math.max(0, backoffMs) * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  // Azure core: the request never got a response.
  'REQUEST_SEND_ERROR',
]);

// Service error codes (S3, Azure) and SDK error names that mean "try again later".
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'InternalError',
  'ServiceUnavailable',
  'ServerBusy',
  'OperationTimedOut',
]);

const NETWORK_MESSAGE = /socket hang up|\baborted\b|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|premature close|other side closed|timed out/i;

/**
 * Whether a failure is worth another attempt: network failures (reset, refused, timed out, broken
 * pipe, socket hang up, aborted), HTTP 408/429/500/502/503/504, and SDK errors marked retryable or
 * throttled. Not: other 4xx (400 bad request or bad digest, 403 credentials, 404, 412), anything
 * unrecognised. Looks through `cause` chains; the outermost verdict wins.
 */
export function isRetryableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const verdict = classify(current);
    if (verdict !== undefined) return verdict;
    if (current instanceof AggregateError && current.errors.some((inner) => isRetryableError(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface Classifiable {
  retryable?: unknown;
  $retryable?: unknown;
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
}

function classify(error: object): boolean | undefined {
  const e = error as Classifiable;
  if (typeof e.retryable === 'boolean') return e.retryable;
  const status = httpStatusOf(error);
  // A response with an error status is decisive: a 400 that also mentions a timeout stays a 400.
  if (status !== undefined && status >= 400) return RETRYABLE_STATUS.has(status);
  if (e.$retryable) return true;
  for (const value of [e.name, e.code, e.Code]) {
    if (typeof value !== 'string') continue;
    if (TRANSIENT_NAMES.has(value) || NETWORK_CODES.has(value)) return true;
  }
  if (typeof e.message === 'string' && NETWORK_MESSAGE.test(e.message)) return true;
  return undefined;
}
