import { createHash } from 'node:crypto';

/** Long names are cut so that the folder, with the prefix and run id around it, fits a storage key. */
const MAX_BASE = 100;
const HASH_LENGTH = 10;
/** A clean name of this shape could be another name's mapped form, so it is mapped too. */
const MAPPED_SHAPE = new RegExp(`-[0-9a-f]{${HASH_LENGTH}}$`);

/**
 * Turns a suite's name into its folder in a store: only `[A-Za-z0-9._-]`, as storage keys allow.
 * Names that are already such a key stay as they are; any other name gets a hash of its exact text
 * appended, so that names differing only in what the cleaning drops ("Login flow", "Login/flow",
 * "Login-flow") never share a folder or a history. Names with no usable character ("日本語") map
 * to `suite-<hash>`.
 */
export function storeFolderName(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (cleaned === name && name.length <= MAX_BASE && !MAPPED_SHAPE.test(name)) return name;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  const base = cleaned.slice(0, MAX_BASE).replace(/[.-]+$/, '');
  return `${base || 'suite'}-${hash}`;
}
