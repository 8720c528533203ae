import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Every ESM module a process resolves is logged (Panoptic's packages and their lazy imports are ESM).
const MODULE_LOG_HOOKS = `
import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  fs.appendFileSync(process.env.MODULE_LOG, result.url + '\\n');
  return result;
}
`;

// CommonJS modules required by CommonJS modules (mime-types' mime-db, yaml's own files) never reach
// the resolve hook: each process also logs its require cache when it exits.
const REGISTER_HOOKS = `
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register('./module-log-hooks.mjs', import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => fs.appendFileSync(process.env.MODULE_LOG, Object.keys(cache).map((file) => pathToFileURL(file).href + '\\n').join('')));
`;

/**
 * Makes every Node process started with the returned environment (the runner and its workers) log
 * the modules it loads into `modules.txt` in `dir`; `read` gives them (an empty log first, via `reset`).
 */
export function moduleLog(dir: string): { env: NodeJS.ProcessEnv; reset: () => void; read: () => string[] } {
  fs.writeFileSync(path.join(dir, 'module-log-hooks.mjs'), MODULE_LOG_HOOKS);
  fs.writeFileSync(path.join(dir, 'register-hooks.mjs'), REGISTER_HOOKS);
  const log = path.join(dir, 'modules.txt');
  return {
    env: { NODE_OPTIONS: `--import ${pathToFileURL(path.join(dir, 'register-hooks.mjs')).href}`, MODULE_LOG: log },
    reset: () => fs.rmSync(log, { force: true }),
    read: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}
