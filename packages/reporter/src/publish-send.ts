import fs from 'node:fs/promises';
import path from 'node:path';
import type { GatesResult } from '@panoptic/model/gates';
import { readRunPublish, type RunPublish } from '@panoptic/model/run-publish';

// The HTTP side of publishing, shared by the reporter and `panoptic server publish`: one PUT per run
// or shard, and reading the payloads a reporter saved when the server could not take them.

/** A publish waits this long for the server; a run never hangs on a server that does not answer. */
const TIMEOUT_MS = 60_000;

export interface PublishedRun {
  run_id: string;
  complete: boolean;
  status: string;
  /** The project's quality gates as the server judged the run when it became complete (null before, and from servers without gates). */
  gates: GatesResult | null;
}

/** PUTs the payload into the project; resolves to the run as the server now holds it, throws the server's reason. */
export async function sendRun(url: string, project: string, apiKey: string, payload: RunPublish): Promise<PublishedRun> {
  const target = new URL(`/api/v1/projects/${encodeURIComponent(project)}/runs/${encodeURIComponent(payload.run_id)}`, url);
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${(error as Error).message}${cause ? ` (${cause.code ?? cause.message ?? ''})` : ''}`, { cause: error });
  }
  const text = await response.text();
  let body: { error?: string; run_id?: string; complete?: boolean; status?: string; gates?: GatesResult | null } = {};
  try {
    body = text ? (JSON.parse(text) as typeof body) : {};
  } catch {
    // Not the server's JSON (a proxy's page): the status says enough.
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}${body.error ? `: ${body.error}` : ''}`);
  return { run_id: body.run_id ?? payload.run_id, complete: body.complete ?? false, status: body.status ?? payload.status, gates: body.gates ?? null };
}

/** The saved payloads at `target`: a file itself; an output folder's .panoptic/publish/*.json; a publish folder's *.json. */
export async function savedPayloadFiles(target: string): Promise<string[]> {
  if (!(await fs.stat(target)).isDirectory()) return [target];
  const dir = path.basename(target) === 'publish' ? target : path.join(target, '.panoptic', 'publish');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.json')).sort().map((name) => path.join(dir, name));
}

export async function readSavedPayload(file: string): Promise<RunPublish> {
  return readRunPublish(JSON.parse(await fs.readFile(file, 'utf8')), file);
}
