/** File name of the manifest a sync keeps in the store, next to the files it describes. */
export const MANIFEST_NAME = '.panoptic-manifest.json';
const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** SHA-256 (hex) of the local file's content as uploaded (before any compression). */
  sha256: string;
  bytes: number;
  uploadedAt: string;
}

/** What a sync knows is in the store: one entry per path relative to the synced folder. */
export interface SyncManifest {
  version: typeof MANIFEST_VERSION;
  /** Empty for a manifest that was never saved. */
  updatedAt: string;
  files: Record<string, ManifestEntry>;
}

export function emptyManifest(): SyncManifest {
  // No prototype: a file named "__proto__" or "constructor" must be an ordinary entry.
  return { version: MANIFEST_VERSION, updatedAt: '', files: Object.create(null) as Record<string, ManifestEntry> };
}

export function manifestKeyOf(keyPrefix: string): string {
  return keyPrefix ? `${keyPrefix}/${MANIFEST_NAME}` : MANIFEST_NAME;
}

export function serializeManifest(manifest: SyncManifest): Buffer {
  const files = Object.fromEntries(Object.keys(manifest.files).sort().map((name) => [name, manifest.files[name]]));
  return Buffer.from(`${JSON.stringify({ version: manifest.version, updatedAt: manifest.updatedAt, files })}\n`);
}

/** The manifest, or what is wrong with it. Entries that are not well formed are dropped (re-uploaded). */
export function parseManifest(bytes: Buffer): SyncManifest | string {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof data !== 'object' || data === null) return 'not a JSON object';
  const { version, updatedAt, files } = data as { version?: unknown; updatedAt?: unknown; files?: unknown };
  if (version !== MANIFEST_VERSION) return `version ${JSON.stringify(version)}, expected ${MANIFEST_VERSION}`;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return '"files" is not a map';
  const manifest = emptyManifest();
  manifest.updatedAt = typeof updatedAt === 'string' ? updatedAt : '';
  for (const [name, entry] of Object.entries(files as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { sha256, bytes: size, uploadedAt } = entry as Record<string, unknown>;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256) || typeof size !== 'number') continue;
    manifest.files[name] = { sha256, bytes: size, uploadedAt: typeof uploadedAt === 'string' ? uploadedAt : '' };
  }
  return manifest;
}
