import type { Database } from '../db/database.js';

// An API key's bookkeeping in this process, so that a request with a cached key touches no row.
//
// Usage (usage_count, last_used_at) accumulates here and is written for every key at once, in one
// statement per FLUSH_MS, committed without waiting for a disk flush: a crash loses at most that
// much of the counts, never a refusal.
//
// The rate limit is leased: the database's window count (api_keys.window_count) counts the
// requests processes have taken from the window, and a process takes them a few at a time (a
// lease) under the row lock, then admits that many locally. The database never hands out more than
// the limit, so processes together never admit more than the limit in a window. What a process
// leased and did not use when the window ends is lost: at most leaseSize() a process per window,
// so a key used through several processes may be refused that many requests early.

/** How often the usage counts of all keys are written. */
export const FLUSH_MS = 1000;

/** How many requests a process takes from a key's window at a time: one twentieth of the limit, at least one. */
export function leaseSize(limit: number): number {
  return Math.max(1, Math.floor(limit / 20));
}

interface Lease {
  /** The limit the lease was taken under: a changed limit starts over. */
  limit: number;
  /** Requests this process may still admit in the window. */
  left: number;
  /** When the window ends (this process's clock). */
  until: number;
  /** The database had none left for this window. */
  exhausted: boolean;
}

const FLUSH = `
  WITH counted AS (
    UPDATE api_keys a SET usage_count = a.usage_count + v.n, last_used_at = now()
    FROM unnest($1::int[], $2::int[]) AS v(id, n) WHERE a.id = v.id RETURNING 1
  )
  SELECT count(*)::int AS keys, set_config('synchronous_commit', 'off', true) AS sync FROM counted`;

export class KeyUsage {
  private readonly pending = new Map<number, number>();
  private readonly leases = new Map<number, Lease>();
  private readonly asked = new Map<number, Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  /** Counts one admitted request of a key; written within FLUSH_MS. */
  used(keyId: number): void {
    this.pending.set(keyId, (this.pending.get(keyId) ?? 0) + 1);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  /** Writes every pending count in one statement (also when the server stops). */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.flushing;
    const batch = [...this.pending];
    this.pending.clear();
    const write = async (): Promise<void> => {
      await this.db.query(FLUSH, [batch.map(([id]) => id), batch.map(([, n]) => n)]).catch(() => {
        // The database is unreachable: keep the counts for the next flush.
        for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      });
    };
    this.flushing = this.flushing.then(write);
    return this.flushing;
  }

  /**
   * Takes one request from this process's lease of the key's window: 'admit', 'refuse' when the
   * window is spent for everyone, or 'lease' when a new lease must be taken from the database.
   */
  take(keyId: number, limit: number, now = Date.now()): 'admit' | 'refuse' | 'lease' {
    const lease = this.leases.get(keyId);
    if (!lease || lease.limit !== limit || lease.until <= now) {
      this.leases.delete(keyId);
      return 'lease';
    }
    if (lease.left > 0) {
      lease.left -= 1;
      return 'admit';
    }
    return lease.exhausted ? 'refuse' : 'lease';
  }

  /** Records what the database granted; one of the granted requests is the one being admitted. */
  lease(keyId: number, limit: number, granted: number, waitSeconds: number, now = Date.now()): void {
    this.leases.set(keyId, { limit, left: Math.max(0, granted - 1), until: now + waitSeconds * 1000, exhausted: granted === 0 });
  }

  /** Seconds until the key's window ends, for Retry-After. */
  retryAfter(keyId: number, now = Date.now()): number {
    const lease = this.leases.get(keyId);
    return Math.max(1, Math.ceil(((lease?.until ?? now) - now) / 1000));
  }

  /** Requests this process still holds of the key's window (0 when it must ask the database). */
  held(keyId: number, now = Date.now()): number {
    const lease = this.leases.get(keyId);
    return lease && lease.until > now ? lease.left : 0;
  }

  /** The lease request of this process in flight for a key, which others wait for instead of asking too. */
  asking(keyId: number): Promise<unknown> | undefined {
    return this.asked.get(keyId);
  }

  ask(keyId: number, request: Promise<unknown>): void {
    const settled = request.then(() => undefined, () => undefined);
    this.asked.set(keyId, settled);
    void settled.then(() => {
      if (this.asked.get(keyId) === settled) this.asked.delete(keyId);
    });
  }
}
