// The corpus' fixed split: the calibration is fitted on `train`, and checked on `heldOut` only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'failures.jsonl');

/** FNV-1a of the case id: the same case always lands on the same side. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function isHeldOut(id) {
  return hash(id) % 10 >= 7;
}

export function readCorpus(file = CORPUS_FILE) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export function splitCorpus(entries = readCorpus()) {
  return { train: entries.filter((e) => !isHeldOut(e.id)), heldOut: entries.filter((e) => isHeldOut(e.id)) };
}
