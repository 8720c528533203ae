import fs from 'node:fs';
import path from 'node:path';
import type { CommandIo } from '../command-io.js';
import { CommandError, reportErrors } from '../command-error.js';

export interface ServerPublishFlags {
  url?: string;
  project?: string;
  apiKeyEnv?: string;
  keep?: boolean;
}

/**
 * `panoptic server publish <file-or-output-dir>`: sends the runs a reporter saved when the server
 * could not take them (`<output>/.panoptic/publish/*.json`). Sending one twice is harmless (a shard
 * replaces itself); a sent file is deleted unless --keep. Exit 1 when any was not sent.
 */
export async function serverPublishCommand(target: string, flags: ServerPublishFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  return reportErrors(io, async () => {
    const url = flags.url ?? env.PANOPTIC_SERVER_URL;
    const project = flags.project ?? env.PANOPTIC_SERVER_PROJECT;
    const keyEnv = flags.apiKeyEnv ?? 'PANOPTIC_API_KEY';
    const problems = [
      ...(url ? [] : ['--url <url> is needed (or PANOPTIC_SERVER_URL): the Panoptic server to send to']),
      ...(project ? [] : ['--project <name> is needed (or PANOPTIC_SERVER_PROJECT): the project the run belongs to']),
      ...(env[keyEnv] ? [] : [`${keyEnv} is not set: put an API key with runs:write in it (keys never go on the command line)`]),
    ];
    if (problems.length) throw new CommandError(problems);
    const { readSavedPayload, savedPayloadFiles, sendRun } = await import('@panoptic/reporter/publish');
    const resolved = path.resolve(io.cwd ?? process.cwd(), target);
    if (!fs.existsSync(resolved)) throw new CommandError([`${target} does not exist: give a saved run file or the output folder that holds .panoptic/publish`]);
    const files = await savedPayloadFiles(resolved);
    if (files.length === 0) throw new CommandError([`no saved run in ${target} (looked in ${path.join(target, '.panoptic', 'publish')})`]);
    let failed = 0;
    for (const file of files) {
      try {
        const payload = await readSavedPayload(file);
        const run = await sendRun(url!, project!, env[keyEnv]!, payload);
        const shard = payload.shard ? ` shard ${payload.shard.current} of ${payload.shard.total}` : '';
        stdout.write(`Published run ${run.run_id}${shard} (${payload.tests.length} tests) from ${path.relative(resolved, file) || path.basename(file)} to ${url} project ${project}: ${run.status}${run.complete ? '' : ', waiting for its other shards'}\n`);
        if (!flags.keep) fs.rmSync(file);
      } catch (error) {
        failed++;
        stderr.write(`error: ${file}: ${(error as Error).message}\n`);
      }
    }
    if (failed) stderr.write(`${failed} of ${files.length} saved runs were not published\n`);
    return failed ? 1 : 0;
  });
}
