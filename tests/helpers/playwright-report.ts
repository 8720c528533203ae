import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

const DATA_START = '<template id="playwrightReportBase64">data:application/zip;base64,';

/** Every text entry of a zip (a trace, or the HTML report's data), by name. */
export async function zipTexts(data: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const texts = new Map<string, string>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) texts.set(entry.name, await entry.async('string'));
  }
  return texts;
}

/**
 * The data of Playwright's HTML report: `index.html` carries it as a base64 zip (report.json and
 * one JSON file per spec file, with step titles, errors and attachments).
 */
export async function htmlReportData(reportDir: string): Promise<Map<string, string>> {
  const html = fs.readFileSync(path.join(reportDir, 'index.html'), 'utf8');
  const start = html.indexOf(DATA_START);
  if (start < 0) throw new Error(`${reportDir}/index.html holds no report data.`);
  const end = html.indexOf('</template>', start);
  return zipTexts(Buffer.from(html.slice(start + DATA_START.length, end), 'base64'));
}

/** Every trace the HTML report copied to its data folder, each as the texts of its zip. */
export async function htmlReportTraces(reportDir: string): Promise<Map<string, string>[]> {
  const dataDir = path.join(reportDir, 'data');
  if (!fs.existsSync(dataDir)) return [];
  const zips = fs.readdirSync(dataDir).filter((name) => name.endsWith('.zip'));
  return Promise.all(zips.map((name) => zipTexts(fs.readFileSync(path.join(dataDir, name)))));
}

/** All files under a folder, recursively, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((name) => fs.statSync(path.join(dir, name)).isFile());
}
