import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, runCommand, type CommandResult } from './inline.js';
import { PUBLISHED_PACKAGES } from './packages.js';

// A project outside the repo that installs Panoptic's packages as a user would: only the packages
// named, with their own dependencies resolved from packed tarballs (npm `overrides`), as a registry
// would serve them. A missing file in a tarball, an undeclared dependency or a broken `exports` map
// fails there and not on a user's machine.

export function exec(command: string, args: string[], cwd: string): Promise<CommandResult> {
  return runCommand(command, args, cwd, { PLAYWRIGHT_JSON_OUTPUT_NAME: 'report.json' });
}

async function mustRun(command: string, args: string[], cwd: string): Promise<string> {
  const result = await exec(command, args, cwd);
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.exitCode}:\n${result.output}`);
  return result.stdout;
}

/** The version the repo has installed, so the project gets the same without asking the registry. */
export function installedVersion(name: string): string {
  const manifest = path.join(repoRoot, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

interface Packed {
  name: string;
  filename: string;
}

export interface PackedProject {
  /** The project's folder. */
  app: string;
  /** Removes the project, its tarballs and all. */
  remove(): void;
}

/**
 * Packs `packages` (folders under packages/), writes `files` and a package.json that depends on
 * `install` (package names) and `devDependencies` (the repo's installed versions), then installs.
 */
export async function installPacked(options: { packages: string[]; install: string[]; devDependencies: string[]; files: Record<string, string> }): Promise<PackedProject> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-packed-'));
  const remove = (): void => fs.rmSync(work, { recursive: true, force: true });
  try {
    const packs = path.join(work, 'packs');
    const app = path.join(work, 'app');
    fs.mkdirSync(packs);
    fs.mkdirSync(app);
    const unknown = options.packages.filter((dir) => !(PUBLISHED_PACKAGES as readonly string[]).includes(dir));
    if (unknown.length) throw new Error(`not published packages: ${unknown.join(', ')}`);
    const workspaces = options.packages.flatMap((dir) => ['-w', `packages/${dir}`]);
    const packed = JSON.parse(await mustRun('npm', ['pack', ...workspaces, '--pack-destination', packs, '--json'], repoRoot)) as Packed[];
    const tarball = (name: string): string => {
      const found = packed.find((pkg) => pkg.name === name);
      if (!found) throw new Error(`${name} was not packed`);
      return `file:${path.join(packs, found.filename)}`;
    };
    const devDependencies = Object.fromEntries(options.devDependencies.map((name) => [name, installedVersion(name)]));
    for (const name of options.install) devDependencies[name] = tarball(name);
    const overrides = Object.fromEntries(packed.filter((pkg) => !options.install.includes(pkg.name)).map((pkg) => [pkg.name, tarball(pkg.name)]));
    const manifest = { name: 'panoptic-consumer', private: true, type: 'module', devDependencies, overrides };
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    for (const [name, content] of Object.entries(options.files)) {
      fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
      fs.writeFileSync(path.join(app, name), content);
    }
    await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], app);
    return { app, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
