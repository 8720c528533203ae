import { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { Digests } from './digest.js';

export type HashRequest =
  | { type: 'start'; id: number; md5: boolean }
  | { type: 'chunk'; id: number; chunk: Uint8Array }
  | { type: 'end'; id: number }
  /** The upload failed: forget the job. */
  | { type: 'drop'; id: number }
  | { type: 'file'; id: number; file: string; md5: boolean };

export type HashReply = (Digests & { id: number }) | { id: number; error: string; code?: string };

/** A pass-through stream hashed on the thread. */
export interface DigestingStream {
  stream: Transform;
  /** The digests of everything that went through; ask once the stream has ended. */
  digests: () => Promise<Digests>;
  /** The upload failed: the thread forgets this stream (a no-op once the digests were asked for). */
  discard: () => void;
}

interface Waiting {
  resolve: (digests: Digests) => void;
  reject: (error: Error) => void;
}

/**
 * Hashing (MD5 at ~700 MB/s, SHA-256) of large uploads would hold the main thread, which also moves
 * the bytes and, in a reporter, serves the test runner, for a fifth of a second per 100 MB. One
 * thread per process does it instead, started at the first large upload; it keeps the process alive
 * only while someone waits for its answer.
 */
class HashThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  private current(): Worker {
    if (this.worker) return this.worker;
    // None of the process's flags (loaders, --input-type...) apply to a plain hashing script.
    const worker = new Worker(new URL('./hash-worker.js', import.meta.url), { execArgv: [] });
    worker.unref();
    worker.on('message', (reply: HashReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!this.waiting.size) worker.unref();
      if ('error' in reply) waiting?.reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {}));
      else waiting?.resolve({ sha256: reply.sha256, bytes: reply.bytes, ...(reply.md5 ? { md5: reply.md5 } : {}) });
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the hashing thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private answer(id: number, request: HashRequest): Promise<Digests> {
    return new Promise<Digests>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const worker = this.current();
      worker.ref();
      worker.postMessage(request);
    });
  }

  stream(md5: boolean): DigestingStream {
    const worker = this.current();
    const id = this.nextId++;
    worker.postMessage({ type: 'start', id, md5 } satisfies HashRequest);
    let result: Promise<Digests> | undefined;
    let dropped = false;
    const discard = (): void => {
      if (result || dropped) return;
      dropped = true;
      worker.postMessage({ type: 'drop', id } satisfies HashRequest);
    };
    const stream = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        // The message gets a copy: the chunk itself goes on to the store.
        worker.postMessage({ type: 'chunk', id, chunk } satisfies HashRequest);
        callback(null, chunk);
      },
      destroy(error, callback) {
        // Also called after a clean end (autoDestroy), when the digests are still to be asked for.
        if (error) discard();
        callback(error);
      },
    });
    return { stream, digests: () => (result ??= this.answer(id, { type: 'end', id })), discard };
  }

  file(file: string, md5: boolean): Promise<Digests> {
    const id = this.nextId++;
    return this.answer(id, { type: 'file', id, file, md5 });
  }
}

let thread: HashThread | undefined;

/** Like `digestingStream`, hashed on the process's hashing thread; `digests()` once the stream has ended. */
export function digestingStreamOffThread(options: { md5: boolean }): DigestingStream {
  return (thread ??= new HashThread()).stream(options.md5);
}

/** Like `digestFile`, on the process's hashing thread. */
export function digestFileOffThread(file: string, options: { md5: boolean }): Promise<Digests> {
  return (thread ??= new HashThread()).file(file, options.md5);
}
