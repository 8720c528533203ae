import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Command } from 'commander';
// The program's command tree is internal to the CLI: imported directly.
import { createProgram } from '../../../packages/cli/dist/program.js';
import { repoRoot } from '../../helpers/inline.js';

const readme = fs.readFileSync(path.join(repoRoot, 'packages', 'cli', 'README.md'), 'utf8');

function commandNames(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const name = [...prefix, sub.name()];
    return sub.commands.length ? commandNames(sub, name) : [name.join(' ')];
  });
}

test("the CLI README shows a usage line for each command that stands in for one of the original tool's", () => {
  const names = commandNames(createProgram(() => undefined));
  const standIns = ['run', 'generate', 'record start', 'record stop', 'recvalidate', 'vision'];
  expect(names).toEqual(expect.arrayContaining(standIns));
  expect(standIns.filter((name) => !readme.includes(`npx panoptic ${name} `)), 'commands without a usage line').toEqual([]);
});

test("the CLI README gives each command of the original tool its Panoptic form", () => {
  const table = readme.slice(readme.indexOf("## The original tool's commands"));
  for (const original of ['run', 'record start', 'record stop', 'recvalidate', 'vision detect', 'vision report', 'vision click', 'testgen', 'testgen report']) {
    expect(table, original).toMatch(new RegExp(`^\\| [^|]*\`panoptic ${original}[\` ]`, 'm'));
  }
});
