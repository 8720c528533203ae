import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../helpers/inline.js';
import { PUBLISHED_PACKAGES } from '../helpers/packages.js';

// What `npm publish` would send, read from `npm pack --dry-run --json` (npm's own file list), so a
// package that lacks its README, ships its sources or names a file it does not hold fails here
// before a user installs it.

interface PackResult {
  name: string;
  files: { path: string }[];
}

interface Manifest {
  name?: string;
  version?: string;
  description?: string;
  license?: string;
  keywords?: string[];
  homepage?: string;
  bugs?: { url?: string };
  repository?: { type?: string; url?: string; directory?: string };
  files?: string[];
  exports?: unknown;
  types?: string;
  bin?: unknown;
  engines?: { node?: string };
  publishConfig?: { access?: string };
}

function npm(args: string[]): { status: number | null; stdout: string; output: string } {
  // npm is a .cmd script on Windows, which only a shell runs.
  const result = spawnSync('npm', args, { cwd: repoRoot, encoding: 'utf8', shell: process.platform === 'win32' });
  return { status: result.status, stdout: result.stdout, output: result.stdout + result.stderr };
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as Manifest;
}

function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

const workspaces = PUBLISHED_PACKAGES.flatMap((dir) => ['-w', `packages/${dir}`]);

test('each package tarball holds its README, LICENSE and every file its exports, types and bin name, and no sources', () => {
  const pack = npm(['pack', '--dry-run', '--json', ...workspaces]);
  expect(pack.status, pack.output).toBe(0);
  const results = JSON.parse(pack.stdout) as PackResult[];
  expect(results.map((result) => result.name).sort()).toEqual(PUBLISHED_PACKAGES.map((dir) => manifestOf(dir).name).sort());
  for (const dir of PUBLISHED_PACKAGES) {
    const manifest = manifestOf(dir);
    const files = new Set(results.find((result) => result.name === manifest.name)?.files.map((file) => file.path));
    const named = [...targets(manifest.exports), ...targets(manifest.bin), manifest.types ?? 'types is not set'];
    const missing = ['README.md', 'LICENSE', 'package.json', ...named].filter((file) => !files.has(path.posix.normalize(file)));
    expect(missing, `${manifest.name}: files its package.json names that the tarball lacks (is the build current?)`).toEqual([]);
    const unwanted = [...files].filter((file) => /^(src|tests?)\/|\.tsbuildinfo$|\.map$|(^|\/)tsconfig\.json$/.test(file));
    expect(unwanted, `${manifest.name}: sources, build state or source maps in the tarball`).toEqual([]);
  }
});

test('each package has the metadata a registry page and npm need', () => {
  for (const dir of PUBLISHED_PACKAGES) {
    const manifest = manifestOf(dir);
    const name = manifest.name ?? dir;
    expect(manifest.version, name).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.description?.length ?? 0, `${name}: description`).toBeGreaterThan(20);
    expect(manifest.license, name).toBe('MIT');
    expect(manifest.keywords?.length ?? 0, `${name}: keywords`).toBeGreaterThan(2);
    expect(manifest.homepage, `${name}: homepage`).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url, `${name}: bugs`).toMatch(/^https:\/\//);
    expect(manifest.repository, `${name}: repository`).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/.+\.git$/), directory: `packages/${dir}` });
    expect(manifest.files, `${name}: files`).toContain('dist');
    expect(manifest.exports, `${name}: exports`).toBeTruthy();
    expect(manifest.types, `${name}: types`).toBe('./dist/index.d.ts');
    expect(manifest.engines?.node, `${name}: engines`).toBe('>=20');
    // A scoped package is private on the registry unless it says otherwise.
    if (name.startsWith('@')) expect(manifest.publishConfig?.access, `${name}: publishConfig.access`).toBe('public');
  }
});

test('npm publish --dry-run accepts every package without correcting its package.json', () => {
  const publish = npm(['publish', '--dry-run', ...workspaces]);
  expect(publish.status, publish.output).toBe(0);
  expect(publish.output).not.toMatch(/auto-corrected|errors corrected|npm error/);
  for (const dir of PUBLISHED_PACKAGES) expect(publish.output).toContain(`+ ${manifestOf(dir).name}@`);
});
