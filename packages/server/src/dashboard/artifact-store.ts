import crypto from 'node:crypto';
import type { StorageProvider } from '@panoptic/cloud';
import { DomainError } from '../domain/errors.js';
import { BASE } from './layout.js';

// The store the reporter uploads artifacts to, as the server reaches it: each artifact on a test's
// page gets a link that works for minutes. S3 gets a presigned GET and Azure a read-only SAS, both
// signed by @panoptic/cloud's providers; a local folder, and a client-side encrypted store (whose
// own links would serve ciphertext), are served by the server itself behind an HMAC token naming
// the key and its expiry (@panoptic/cloud's link-token.ts). Only pages behind the login, for a
// project the viewer may read, hand out links.

export interface ArtifactStoreInput {
  /** settings.cloud of the suite whose runs upload there, with the same keys and environment. */
  cloud: Record<string, unknown>;
  /** Relative local folders resolve against it, as the reporter resolves them against its working folder. */
  base_dir: string;
}

/** How long a link on a test's page works unless PANOPTIC_ARTIFACT_LINK_SECONDS says otherwise. */
export const DEFAULT_LINK_SECONDS = 300;
/** A link is for looking now, not for keeping: an hour at most. */
const MAX_LINK_SECONDS = 3600;

export interface ServedArtifact {
  key: string;
  body: Buffer;
  contentType: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export interface ArtifactStore {
  /** The store, for messages; never holds a secret. */
  readonly location: string;
  readonly linkSeconds: number;
  /**
   * A link to `key` of a run whose reporter stored it in `runStore`, or undefined when that is not
   * this store. Served links are addresses on this server; signed ones are the store's absolute URLs.
   */
  link(runStore: string | null, key: string): Promise<string | undefined>;
  /** The object a served link's token names, after its signature and expiry are checked. */
  open(token: string): Promise<ServedArtifact>;
}

type Env = Record<string, string | undefined>;

function linkSecondsOf(env: Env): number {
  const raw = env.PANOPTIC_ARTIFACT_LINK_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_LINK_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_LINK_SECONDS) {
    throw new Error(`PANOPTIC_ARTIFACT_LINK_SECONDS must be a whole number of seconds from 1 to ${MAX_LINK_SECONDS}; it is ${JSON.stringify(raw)}`);
  }
  return seconds;
}

/**
 * The HMAC secret of served links: PANOPTIC_ARTIFACT_LINK_SECRET (base64, 32 bytes or more) when
 * several servers answer one address, else random per process, so a restart ends every served link.
 */
function secretOf(env: Env): Buffer {
  const given = env.PANOPTIC_ARTIFACT_LINK_SECRET;
  if (given === undefined || given === '') return crypto.randomBytes(32);
  const secret = Buffer.from(given, 'base64');
  if (secret.length < 32) throw new Error('PANOPTIC_ARTIFACT_LINK_SECRET must be at least 32 bytes, base64-encoded (openssl rand -base64 32)');
  return secret;
}

/** Whether a run's store (as its reporter described it) is this one. A local folder is described relative to the run's output folder, so only its kind can be compared. */
function sameStore(provider: StorageProvider, runStore: string | null): boolean {
  if (runStore === null) return false;
  return provider.name === 'local' ? runStore.startsWith('local folder ') : runStore === provider.location;
}

/** Opens the store (its SDK loads only for the provider configured) and checks the link settings. */
export async function openArtifactStore(input: ArtifactStoreInput, env: Env = process.env): Promise<ArtifactStore> {
  const linkSeconds = linkSecondsOf(env);
  const secret = secretOf(env);
  const cloud = await import('@panoptic/cloud');
  const options = cloud.cloudOptionsFromSettings(input.cloud, env, input.base_dir);
  // Links read the primary store only; its backup copies are for restoring, not for pages.
  const provider = await cloud.createProvider({ ...options, backups: [] }, env);
  const served = provider.name === 'local' || options.encryption?.clientSideKeyEnv !== undefined;
  return {
    location: provider.location,
    linkSeconds,
    async link(runStore, key) {
      if (!sameStore(provider, runStore)) return undefined;
      // A key the reporter could never have written (`..`, absolute) gets no link at all; the served route checks again.
      try {
        cloud.assertSafeKey(key);
      } catch {
        return undefined;
      }
      if (!served) return provider.signedUrl(key, linkSeconds);
      const token = cloud.signLinkToken(secret, key, Math.floor(Date.now() / 1000) + linkSeconds);
      // In the query, not the path: a store key can be longer than a path segment may be.
      return `${BASE}/artifact?${new URLSearchParams({ t: token }).toString()}`;
    },
    async open(token) {
      let verified;
      try {
        verified = cloud.verifyLinkToken(secret, token);
      } catch (error) {
        if (error instanceof cloud.LinkTokenError) throw new DomainError(403, `this artifact link is refused: ${error.message}`);
        throw error;
      }
      try {
        const body = await provider.get(verified.key);
        // The type the uploader stored it with comes from the same table, without a second read.
        return { key: verified.key, body, contentType: cloud.contentTypeFor(verified.key), expiresAt: verified.expiresAt };
      } catch (error) {
        // A key that leaves the store (`..`, a link out of the folder) is refused by the provider before any read.
        if (error instanceof cloud.ObjectNotFoundError || error instanceof cloud.UnsafeKeyError) throw new DomainError(404, 'no such artifact in the store');
        throw error;
      }
    },
  };
}

/**
 * The store, or undefined with a warning in the log saying why not: settings.cloud is written for
 * the reporter, and a server that cannot reach the store still serves everything but the links
 * (test pages then name each artifact's store and key).
 */
export async function artifactStoreOrWarning(input: ArtifactStoreInput, log: { info: (message: string) => void; warn: (message: string) => void }, env: Env = process.env): Promise<ArtifactStore | undefined> {
  try {
    const store = await openArtifactStore(input, env);
    log.info(`artifact links: test pages link into ${store.location} for ${store.linkSeconds} s`);
    return store;
  } catch (error) {
    const { redactSecrets } = await import('@panoptic/cloud');
    log.warn(`artifact links are off: the store of settings.cloud cannot be opened (${redactSecrets((error as Error).message)})`);
    return undefined;
  }
}
