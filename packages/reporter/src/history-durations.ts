const SEPARATOR = ' › ';

/** Where a key's spec file is: the first part naming a spec inside a package (`@scope/name/...`). */
function packagedSpecAt(parts: readonly string[]): number {
  return parts.findIndex((part) => /^@[^/\s]+\/[^/\s]+\/\S+\.[cm]?[jt]sx?$/.test(part));
}

/**
 * Median durations by history key. A test of a YAML suite is keyed by the spec that plays it named
 * inside its package (`@panoptic/fixtures/dist/play/suite.spec.js`, see specFileOf), while a test
 * list names that spec relative to its config's folder (`node_modules/@panoptic/fixtures/...`,
 * `../../packages/fixtures/...`). A key of a listing is also found when it differs only there: same
 * project and titles, and a file that ends with the spec's path inside its package.
 */
export class HistoryDurations extends Map<string, number> {
  /** Project and titles of packaged-spec keys, each with the spec's path inside its package and the duration. */
  private readonly packaged = new Map<string, { inPackage: string; value: number }[]>();

  override set(key: string, value: number): this {
    super.set(key, value);
    // Map's constructor calls set before the field exists; medianDurations adds entries one by one.
    if (!this.packaged) return this;
    const parts = key.split(SEPARATOR);
    const at = packagedSpecAt(parts);
    if (at >= 0) {
      const rest = `${parts.slice(0, at).join(SEPARATOR)}\0${parts.slice(at + 1).join(SEPARATOR)}`;
      const inPackage = parts[at]!.split('/').slice(2).join('/');
      this.packaged.set(rest, [...(this.packaged.get(rest) ?? []), { inPackage, value }]);
    }
    return this;
  }

  override get(key: string): number | undefined {
    return super.get(key) ?? this.listed(key);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  private listed(key: string): number | undefined {
    if (!this.packaged.size) return undefined;
    const parts = key.split(SEPARATOR);
    for (let at = 0; at < parts.length; at++) {
      const candidates = this.packaged.get(`${parts.slice(0, at).join(SEPARATOR)}\0${parts.slice(at + 1).join(SEPARATOR)}`);
      const file = parts[at]!;
      const found = candidates?.find(({ inPackage }) => file === inPackage || file.endsWith(`/${inPackage}`));
      if (found) return found.value;
    }
    return undefined;
  }
}
