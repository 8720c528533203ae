import fs from 'node:fs';
import path from 'node:path';
import { quote } from './values.js';

const INSIDE_OUTPUT = 'expected a relative path inside the output folder';

/**
 * Why an artifact file name (`parameters.filename`, `parameters.output`) could write outside the
 * output folder, or undefined when it cannot. Checked on the text itself so the answer is the same
 * on every operating system.
 */
export function unsafeArtifactPathReason(name: string): string | undefined {
  if (name === '') return `empty file name; ${INSIDE_OUTPUT}`;
  const shown = quote(name);
  if (name.includes('\0')) return `file name ${shown} contains a NUL character; ${INSIDE_OUTPUT}`;
  if (name.includes('\\')) return `file name ${shown} contains a backslash; separate folders with "/"`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    return `file name ${shown} is an absolute path; ${INSIDE_OUTPUT}`;
  }
  if (name.split('/').includes('..')) {
    return `file name ${shown} climbs out of the output folder with ".."; ${INSIDE_OUTPUT}`;
  }
  return undefined;
}

/**
 * The path with symbolic links resolved as far as it exists: the real path of its deepest existing
 * folder, plus the parts that do not exist yet. A link inside the working directory that points
 * elsewhere must not make an outside folder look inside.
 */
export function realPathAsFarAsExists(target: string): string {
  let existing = path.resolve(target);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest.reverse());
    } catch {
      // Missing (or unreadable, and so not writable by this run either): check what exists above it.
      const parent = path.dirname(existing);
      // The root always exists; this only guards against a loop on a broken file system.
      if (parent === existing) return path.join(existing, ...rest.reverse());
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether `target` (relative to `cwd`), symbolic links resolved, lies outside `cwd`. */
export function isOutsideFolder(target: string, cwd: string): boolean {
  const relative = path.relative(realPathAsFarAsExists(cwd), realPathAsFarAsExists(path.resolve(cwd, target)));
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * Why a suite's `output` folder is refused, or undefined when it is fine. A suite is data that may
 * come from anywhere; only the person running the command may send artifacts outside the working
 * directory, by giving the folder on the command line.
 */
export function unsafeOutputReason(output: string, cwd: string): string | undefined {
  const shown = quote(output);
  if (output.includes('\0')) return `output folder ${shown} contains a NUL character`;
  if (!isOutsideFolder(output, cwd)) return undefined;
  return `output folder ${shown} is outside the working directory; use a folder inside it, or give the output folder on the command line`;
}
