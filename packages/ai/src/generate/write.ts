import fs from 'node:fs/promises';
import path from 'node:path';
import type { GenerateResult } from './types.js';

export interface WrittenFiles {
  spec: string;
  yaml: string;
  /** What was explored and left out, with reasons (JSON). */
  report: string;
}

/** File names from the suite name: lower case, dashes, nothing a file system objects to. */
function baseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'generated';
}

/** Writes the spec, the YAML suite and a JSON report of what was skipped into `dir`. */
export async function writeGenerated(result: GenerateResult, dir: string): Promise<WrittenFiles> {
  await fs.mkdir(dir, { recursive: true });
  const base = baseName(result.name);
  const files: WrittenFiles = {
    spec: path.join(dir, `${base}.spec.ts`),
    yaml: path.join(dir, `${base}.yaml`),
    report: path.join(dir, `${base}.generated.json`),
  };
  await fs.writeFile(files.spec, result.spec);
  await fs.writeFile(files.yaml, result.yaml);
  const { spec: _spec, yaml: _yaml, ...rest } = result;
  await fs.writeFile(files.report, `${JSON.stringify(rest, null, 2)}\n`);
  return files;
}
