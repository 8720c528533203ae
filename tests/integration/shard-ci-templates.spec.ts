import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { parseShard } from '@panoptic/cloud/shards';
import { panopticSubcommand } from '../helpers/cli-program.js';
import { repoRoot } from '../helpers/inline.js';

// Each CI template is valid YAML, and every `npx panoptic` and `npx playwright` command it runs
// exists with the flags it passes: checked against the real command definitions (commander's for
// panoptic, `playwright <command> --help` for Playwright), after the CI's variables are filled in.

const ciDir = path.join(repoRoot, 'templates', 'ci');
const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

type Doc = Record<string, unknown>;

function readDocs(name: string): Doc[] {
  const docs = parseAllDocuments(fs.readFileSync(path.join(ciDir, name), 'utf8'));
  for (const doc of docs) expect(doc.errors.map((e) => e.message), name).toEqual([]);
  return docs.map((doc) => doc.toJS() as Doc);
}

/** Words of one shell command, quotes removed, `$VAR`/`${VAR}`/`${{ expr }}` replaced from `vars`. */
function words(command: string, vars: Record<string, string>): string[] {
  const filled = command
    .replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => lookup(vars, name))
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => lookup(vars, (a ?? b)!));
  return [...filled.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function lookup(vars: Record<string, string>, name: string): string {
  const value = vars[name];
  if (value === undefined) throw new Error(`the template uses ${name}, which the test does not know: add it to the template's variables`);
  return value;
}

/** Simple commands of a script: `a && b; c` and lines are separate commands; `X=$((…))` assignments are skipped. */
function commandsOf(script: string): string[] {
  return script
    .split(/\n|&&|;/)
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('#') && !/^\w+=\$\(\(.*\)\)$/.test(part));
}

const helpCache = new Map<string, string>();
function playwrightHelp(command: string): string {
  if (!helpCache.has(command)) helpCache.set(command, execFileSync(process.execPath, [playwrightCli, command, '--help'], { encoding: 'utf8' }));
  return helpCache.get(command)!;
}

interface Checked {
  panoptic: string[][];
  playwright: string[][];
}

/** Checks one command against the CLIs; returns what it ran, for the template's own checks. */
function checkCommand(argv: string[], checked: Checked): void {
  if (argv[0] !== 'npx') return;
  if (argv[1] === 'panoptic') {
    checkPanoptic(argv.slice(2));
    checked.panoptic.push(argv.slice(2));
  } else if (argv[1] === 'playwright') {
    const [sub, ...rest] = argv.slice(2);
    const help = playwrightHelp(sub!);
    for (const flag of rest.filter((word) => word.startsWith('-'))) expect(help, `playwright ${sub} ${flag}`).toContain(flag.split('=')[0]!);
    checked.playwright.push(argv.slice(2));
  } else {
    throw new Error(`unexpected npx command: ${argv.join(' ')}`);
  }
}

function checkPanoptic(args: string[]): void {
  const { command, rest } = panopticSubcommand(args);
  const name = `panoptic ${args.slice(0, args.length - rest.length).join(' ')}`;
  expect(command.commands, `${name} is a runnable command`).toHaveLength(0);
  const given = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === '--') break;
    expect(word.startsWith('-'), `${name}: unexpected argument "${word}"`).toBe(true);
    const [flag, inline] = word.split('=');
    const option = command.options.find((o) => o.long === flag || o.short === flag);
    expect(option, `${name} has no option ${flag}`).toBeDefined();
    given.add(option!.attributeName());
    if (option!.required && inline === undefined) {
      const value = rest[++i];
      expect(value, `${name} ${flag} needs a value`).toBeDefined();
      if (flag === '--shard') parseShard(value!);
      if (flag === '--total') expect(Number.isInteger(Number(value))).toBe(true);
    }
  }
  for (const option of command.options.filter((o) => o.mandatory)) expect(given.has(option.attributeName()), `${name} needs ${option.long}`).toBe(true);
}

function runAll(scripts: string[], vars: Record<string, string>): Checked {
  const checked: Checked = { panoptic: [], playwright: [] };
  for (const script of scripts) for (const command of commandsOf(script)) checkCommand(words(command, vars), checked);
  return checked;
}

function flagValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at === -1 ? undefined : args[at + 1];
}

/** Plan, run and merge are all there, and the shard totals agree with the plan's. */
function expectShardFlow(checked: Checked, total: number): void {
  const verbs = checked.panoptic.map((args) => `${args[0]} ${args[1]}`);
  expect(verbs).toEqual(expect.arrayContaining(['shard plan', 'shard run', 'shard merge']));
  const plan = checked.panoptic.find((args) => args[1] === 'plan')!;
  expect(Number(flagValue(plan, '--total'))).toBe(total);
  expect(plan).toContain('--upload');
  const run = checked.panoptic.find((args) => args[1] === 'run')!;
  expect(parseShard(flagValue(run, '--shard')!).total).toBe(total);
}

test('GitHub Actions: a plan job, a matrix of shard jobs and a merge job that runs also after failures', () => {
  const [workflow] = readDocs('github-actions.yml');
  const env = workflow!.env as Record<string, string | number>;
  const jobs = workflow!.jobs as Record<string, { needs?: string; if?: string; steps: { run?: string; uses?: string }[]; strategy?: { matrix: { shard: number[] } } }>;
  expect(Object.keys(jobs)).toEqual(['plan', 'test', 'merge']);
  const total = Number(env.SHARDS);
  expect(jobs.test!.strategy!.matrix.shard).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(jobs.test!.needs).toBe('plan');
  expect(jobs.merge!.needs).toBe('test');
  expect(jobs.merge!.if).toContain('!cancelled()');
  const scripts = Object.values(jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
  const checked = runAll(scripts, { SHARDS: String(total), SUITE: String(env.SUITE), 'matrix.shard': '1' });
  expectShardFlow(checked, total);
  expect(checked.playwright).toContainEqual(['install', '--with-deps', 'chromium']);
});

test('GitLab CI: parallel shard jobs numbered by CI_NODE_INDEX, a merge job that always runs', () => {
  const [pipeline] = readDocs('gitlab-ci.yml');
  const variables = pipeline!.variables as Record<string, string>;
  const jobs = Object.entries(pipeline!).filter(([, value]) => value && typeof value === 'object' && 'script' in (value as Doc)) as [string, { stage: string; script: string[]; parallel?: number; when?: string }][];
  expect(jobs.map(([name, job]) => [name, job.stage])).toEqual([
    ['panoptic-plan', 'plan'],
    ['panoptic-shard', 'test'],
    ['panoptic-merge', 'report'],
  ]);
  const total = Number(variables.SHARDS);
  expect(jobs[1]![1].parallel).toBe(total);
  expect(jobs[2]![1].when).toBe('always');
  const scripts = [...((pipeline!.default as { before_script: string[] }).before_script), ...jobs.flatMap(([, job]) => job.script)];
  const checked = runAll(scripts, { ...variables, CI_NODE_INDEX: '1', CI_NODE_TOTAL: String(total) });
  expectShardFlow(checked, total);
});

test('Kubernetes: a plan Job, an Indexed Job of shards with store credentials from a Secret, a merge Job', () => {
  const docs = readDocs('kubernetes.yaml') as { kind: string; metadata: { labels: { step: string } }; spec: Doc & { template: { spec: { containers: { command: string[]; args: string[]; envFrom: { secretRef: { name: string } }[]; env: { name: string }[] }[] } } } }[];
  expect(docs.map((doc) => [doc.kind, doc.metadata.labels.step])).toEqual([
    ['Job', 'plan'],
    ['Job', 'shards'],
    ['Job', 'merge'],
  ]);
  const shards = docs[1]!.spec;
  expect(shards.completionMode).toBe('Indexed');
  const total = shards.completions as number;
  expect(shards.parallelism).toBe(total);
  const containers = docs.flatMap((doc) => doc.spec.template.spec.containers);
  for (const container of containers) {
    expect(container.envFrom).toEqual([{ secretRef: { name: 'panoptic-store' } }]);
    expect(container.env.map((e) => e.name)).toContain('PANOPTIC_RUN_ID');
    expect(container.command).toEqual(['sh', '-c']);
  }
  const checked = runAll(containers.flatMap((c) => c.args), { SHARD: '1', PANOPTIC_RUN_ID: 'k8s-run' });
  expectShardFlow(checked, total);
});
