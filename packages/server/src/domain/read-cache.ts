import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database.js';
import type { Context } from './context.js';
import type { Principal } from './users.js';

// The server's read caches: so that listing runs and reading a test's history do not take the
// database on every request (with 50 clients on 2 cores, a read's SQL and its round trip were most
// of its cost). Every entry is forgotten when the database says its source changed: migration 009's
// triggers NOTIFY at commit (db/database.ts listen), to this process before its own write returns
// and to other server processes as soon as PostgreSQL delivers. While the connection that hears
// other processes is down, nothing is cached or served from cache. A bounded TTL is kept on what
// authenticates (a second or two) as a safety net under the notifications, never as the mechanism.

/** What a principal stays cached for at most, notifications aside. */
export const PRINCIPAL_TTL_MS = 2000;

/**
 * A bounded cache whose entries a notification can forget. A load that began before a forget may
 * have read the old data, so its value is returned but not stored: `generation` tells.
 */
export class Invalidated<V extends object | string> {
  private readonly entries: LRUCache<string, V>;
  private generation = 0;
  private live = false;

  constructor(options: LRUCache.Options<string, V, unknown>) {
    this.entries = new LRUCache(options);
  }

  /** The cached value, if any: nothing while notifications are not flowing. */
  peek(key: string): V | undefined {
    return this.live ? this.entries.get(key) : undefined;
  }

  /** Where forgetting stands: take it before reading the database, and give it to put(). */
  mark(): number {
    return this.generation;
  }

  /** Stores a value read after mark() gave `generation`, unless something was forgotten since. */
  put(key: string, value: V, generation: number): void {
    if (this.live && generation === this.generation) this.entries.set(key, value);
  }

  /** The cached value, or `load`'s, stored unless it is undefined or something was forgotten meanwhile. */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (this.live) {
      const hit = this.entries.get(key);
      if (hit !== undefined) return hit;
    }
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.live && generation === this.generation) this.entries.set(key, value);
    return value;
  }

  /** Forgets every entry whose key starts with `prefix` (all without one). */
  forget(prefix?: string): void {
    this.generation += 1;
    if (prefix === undefined) return this.entries.clear();
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  setLive(on: boolean): void {
    this.forget();
    this.live = on;
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface CachedKey {
  principal: Principal;
  /** Requests a minute; 0: none. */
  limit: number;
  /** When the key expires (epoch ms), by the database's clock when it was read. */
  expires: number | null;
}

export interface ReadCaches {
  /** Serialized JSON answers of the runs reads, keyed by runsKey(). */
  runs: Invalidated<string>;
  /** The principal of a session token or an API key, by its digest. */
  principals: Invalidated<Principal>;
  /** A usable API key by its digest, with what its requests are checked against. */
  keys: Invalidated<CachedKey>;
  /** A project by the id or name a route names it with. */
  projects: Invalidated<{ id: number; name: string }>;
  /** The project ids a principal may see (`ids` undefined: all). */
  scopes: Invalidated<{ ids: number[] | undefined }>;
}

/** The key of a runs read: the project first, so a publish forgets only that project's answers. */
export function runsKey(projectId: number, read: string, query: object): string {
  return `${projectId}\n${read}\n${JSON.stringify(query, Object.keys(query).sort())}`;
}

function create(db: Database): ReadCaches {
  const caches: ReadCaches = {
    // A page of 50 runs or results is tens of kB: the bound is on bytes.
    runs: new Invalidated<string>({ max: 10_000, maxSize: 32 * 1024 * 1024, sizeCalculation: (body, key) => body.length + key.length }),
    principals: new Invalidated<Principal>({ max: 10_000, ttl: PRINCIPAL_TTL_MS }),
    keys: new Invalidated<CachedKey>({ max: 10_000, ttl: PRINCIPAL_TTL_MS }),
    projects: new Invalidated<{ id: number; name: string }>({ max: 10_000 }),
    scopes: new Invalidated<{ ids: number[] | undefined }>({ max: 10_000, ttl: PRINCIPAL_TTL_MS }),
  };
  const all = Object.values(caches) as Array<Invalidated<object | string>>;
  db.listen({
    message(payload) {
      const project = /^project:(\d+)$/.exec(payload)?.[1];
      if (project) return caches.runs.forget(`${project}\n`);
      if (payload === 'auth') {
        caches.principals.forget();
        caches.keys.forget();
        caches.projects.forget();
        return caches.scopes.forget();
      }
      // 'all', or a payload of a newer schema this build does not know: forget everything.
      for (const cache of all) cache.forget();
    },
    live(on) {
      for (const cache of all) cache.setLive(on);
    },
  });
  return caches;
}

const byDatabase = new WeakMap<Database, ReadCaches>();

/** The caches of a context's database, created (and listening) on first use. */
export function readCaches(ctx: Context): ReadCaches {
  let caches = byDatabase.get(ctx.db);
  if (!caches) byDatabase.set(ctx.db, (caches = create(ctx.db)));
  return caches;
}
