import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JSONReport, JSONReportSpec, JSONReportSuite } from '@playwright/test/reporter';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
const panopticCli = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');

export interface InlineRun {
  dir: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  output: string;
  /** Playwright's own JSON report, when the run got as far as writing one. */
  report?: JSONReport;
}

/** Writes `files` into a fresh temp folder that resolves the repo's packages. */
export function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-test-'));
  // Packages resolve through the repo's node_modules, as they would from an installed project.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // ESM like the packages, unless a test brings its own package.json.
  const all = { 'package.json': JSON.stringify({ name: 'inline-project', private: true, type: 'module' }), ...files };
  for (const [name, content] of Object.entries(all)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export type CommandResult = Omit<InlineRun, 'report' | 'dir'>;

/**
 * Runs `command` in `dir` without colours and without the suites this process's config published,
 * collecting its output. `env` adds to the environment.
 */
export function runCommand(command: string, args: string[], dir: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '', ...env },
      // npm and npx are .cmd scripts on Windows, which only a shell runs.
      shell: process.platform === 'win32' && command !== process.execPath,
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr, output }));
  });
}

function spawnNode(args: string[], dir: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return runCommand(process.execPath, args, dir, { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(dir, 'report.json'), ...env });
}

function readReport(dir: string): JSONReport | undefined {
  const file = path.join(dir, 'report.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as JSONReport) : undefined;
}

/** Runs the real `playwright test` in `dir` with a list and a JSON reporter. */
export async function runPlaywright(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<InlineRun> {
  const result = await spawnNode([playwrightCli, 'test', '--reporter=list,json', ...args], dir, env);
  return { ...result, dir, report: readReport(dir) };
}

/** Runs the real `panoptic` command in `dir`. */
export async function runPanoptic(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<InlineRun> {
  const result = await spawnNode([panopticCli, ...args], dir, env);
  return { ...result, dir, report: readReport(dir) };
}

export interface FlatTest {
  title: string;
  project: string;
  status: string;
  errors: string[];
  attachments: { name: string; contentType: string; path?: string; body?: string }[];
  steps: string[];
  stdout: string;
}

function collectSpecs(suite: JSONReportSuite, into: JSONReportSpec[]): void {
  into.push(...suite.specs);
  for (const child of suite.suites ?? []) collectSpecs(child, into);
}

/** Every test's last attempt, flattened for assertions. */
export function flatTests(report: JSONReport | undefined): FlatTest[] {
  if (!report) throw new Error('The run wrote no JSON report.');
  const specs: JSONReportSpec[] = [];
  for (const suite of report.suites) collectSpecs(suite, specs);
  return specs.flatMap((spec) =>
    spec.tests.map((test) => {
      const result = test.results[test.results.length - 1];
      return {
        title: spec.title,
        project: test.projectName,
        status: result?.status ?? 'skipped',
        errors: (result?.errors ?? []).map((error) => error.message ?? ''),
        attachments: (result?.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType, path: a.path, body: a.body })),
        steps: (result?.steps ?? []).map((step) => step.title),
        stdout: (result?.stdout ?? []).map((entry) => ('text' in entry ? entry.text : '')).join(''),
      };
    }),
  );
}

export function testOf(report: JSONReport | undefined, project: string): FlatTest {
  const found = flatTests(report).find((test) => test.project === project);
  if (!found) throw new Error(`No test ran in project "${project}".`);
  return found;
}
