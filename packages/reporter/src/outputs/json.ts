import fs from 'node:fs/promises';
import path from 'node:path';
import type { Summary } from '../summary.js';

export async function writeSummaryJson(summary: Summary, file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(summary, null, 1));
}
