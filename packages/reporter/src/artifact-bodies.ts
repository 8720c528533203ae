import type { Artifact } from './summary.js';

/**
 * Attachments given as a body (`testInfo.attach(name, { body })`, a screenshot taken to a Buffer)
 * have no file to link. Their bytes stay here, beside the run model and out of summary.json, for
 * the HTML report to write next to the page like any copied file.
 */
const bodies = new WeakMap<Artifact, Buffer>();
const ids = new WeakMap<Artifact, string>();
let next = 0;

export function keepBody(artifact: Artifact, body: Buffer): void {
  bodies.set(artifact, body);
}

export function bodyOf(artifact: Artifact): Buffer | undefined {
  return bodies.get(artifact);
}

/** What the report finds an artifact's copy under: its file, else its kept body; undefined when it has neither. */
export function sourceOf(artifact: Artifact): string | undefined {
  if (artifact.path) return artifact.path;
  if (!bodies.has(artifact)) return undefined;
  let id = ids.get(artifact);
  if (!id) ids.set(artifact, (id = `attachment body ${++next}`));
  return id;
}
