import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { READ_CHUNK_BYTES } from './digest.js';
import type { HashReply, HashRequest } from './hash-thread.js';

// Runs in a worker thread: hashes streamed uploads' chunks, and whole files, off the main thread,
// which is busy moving bytes to the store.
interface Job {
  md5?: Hash;
  sha256: Hash;
  bytes: number;
}

const port = parentPort!;
const jobs = new Map<number, Job>();

const newJob = (md5: boolean): Job => ({ ...(md5 ? { md5: createHash('md5') } : {}), sha256: createHash('sha256'), bytes: 0 });

function update(job: Job, chunk: Uint8Array): void {
  job.md5?.update(chunk);
  job.sha256.update(chunk);
  job.bytes += chunk.byteLength;
}

function reply(id: number, job: Job): void {
  const message: HashReply = { id, sha256: job.sha256.digest('hex'), bytes: job.bytes, ...(job.md5 ? { md5: job.md5.digest('hex') } : {}) };
  port.postMessage(message);
}

async function hashFile(id: number, file: string, md5: boolean): Promise<void> {
  const job = newJob(md5);
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) update(job, chunk as Buffer);
    reply(id, job);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error), code: (error as NodeJS.ErrnoException).code } satisfies HashReply);
  }
}

port.on('message', (request: HashRequest) => {
  switch (request.type) {
    case 'start':
      jobs.set(request.id, newJob(request.md5));
      break;
    case 'chunk': {
      const job = jobs.get(request.id);
      if (job) update(job, request.chunk);
      break;
    }
    case 'end': {
      const job = jobs.get(request.id);
      jobs.delete(request.id);
      if (job) reply(request.id, job);
      else port.postMessage({ id: request.id, error: `no hashing job ${request.id} (the stream failed before its end)` } satisfies HashReply);
      break;
    }
    case 'drop':
      jobs.delete(request.id);
      break;
    case 'file':
      void hashFile(request.id, request.file, request.md5);
      break;
  }
});
