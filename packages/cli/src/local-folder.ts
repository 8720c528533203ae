import fs from 'node:fs';
import { CommandError } from './command-error.js';

export function assertFolder(dir: string): void {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new CommandError([`${dir}: not a folder`]);
}
