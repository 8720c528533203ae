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

function find(program: Command, name: string): Command {
  let command = program;
  for (const part of name.split(' ')) {
    const sub = command.commands.find((candidate) => candidate.name() === part);
    if (!sub) throw new Error(`no command ${name}`);
    command = sub;
  }
  return command;
}

test('the commands outside test runs show examples in their --help', () => {
  const program = createProgram(() => undefined);
  for (const name of ['generate', 'record start', 'record stop', 'recvalidate', 'vision']) {
    let help = '';
    const command = find(program, name).configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    expect(help, name).toContain('Examples:');
    expect(help, name).toContain(`$ panoptic ${name} `);
  }
});

test("the CLI README gives each command of the original tool its Panoptic form", () => {
  const table = readme.slice(readme.indexOf("## The original tool's commands"));
  for (const original of ['run', 'record start', 'record stop', 'recvalidate', 'vision detect', 'vision report', 'vision click', 'testgen', 'testgen report']) {
    expect(table, original).toMatch(new RegExp(`^\\| [^|]*\`panoptic ${original}[\` ]`, 'm'));
  }
});
