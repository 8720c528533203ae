// Writes the suite's JSON Schema from the built package (run `tsc -b` first) to
// schema/panoptic.schema.json, or to the path given as the first argument. The file is committed
// and shipped for editors; a unit test regenerates it elsewhere and fails when the two differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suiteJsonSchema } from '../dist/json-schema.js';

const target = process.argv[2] ?? fileURLToPath(new URL('../schema/panoptic.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(suiteJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
