import { RequestTimeoutError } from './errors.js';

/**
 * An abort signal that fires when an operation makes no progress for `ms`: `touch()` on every sign
 * of progress, `pause()` while nothing is in flight. Used where an SDK offers progress events and an
 * abort signal but no idle timeout, so a stalled connection fails (retryably) instead of hanging.
 */
export class IdleTimeout {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private fired = false;

  constructor(
    private readonly ms: number,
    private readonly what: string,
  ) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch = (): void => {
    if (this.fired) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new RequestTimeoutError(this.message()));
    }, this.ms);
  };

  pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The error to throw for a failure: a `RequestTimeoutError` (caused by it) when the timeout fired. */
  explain(error: unknown): unknown {
    return this.fired ? new RequestTimeoutError(this.message(), error) : error;
  }

  async run<T>(operation: (timeout: IdleTimeout) => Promise<T>): Promise<T> {
    try {
      return await operation(this);
    } catch (error) {
      throw this.explain(error);
    } finally {
      this.pause();
    }
  }

  private message(): string {
    return `${this.what} made no progress for ${this.ms} ms (requestTimeoutMs) and was cancelled`;
  }
}

/** Runs `operation` under a fresh idle timeout of `ms` (none when `ms` is 0). */
export function withIdleTimeout<T>(ms: number, what: string, operation: (timeout: IdleTimeout | undefined) => Promise<T>): Promise<T> {
  if (!(ms > 0)) return operation(undefined);
  return new IdleTimeout(ms, what).run(operation);
}
