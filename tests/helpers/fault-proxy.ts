import net from 'node:net';

// A loopback TCP proxy in front of a server that injects faults per connection: each new
// connection takes the next queued fault (or the standing one), optionally after letting
// `afterBytes` of the client's bytes through. Faults are per connection, not per request: clients
// keep connections alive, but every fault here also ends its connection, so the client's next
// attempt opens a new one and meets the next fault.

export type Fault =
  /** Forward `afterBytes` of the request, then reset both sides (the client sees ECONNRESET). */
  | { kind: 'reset'; afterBytes?: number }
  /** Forward `afterBytes`, then forward nothing more either way, keeping the connection open. */
  | { kind: 'stall'; afterBytes?: number }
  /** Answer `503 Service Unavailable` (after the whole request, or after `afterBytes`) and close. */
  | { kind: 'http503'; afterBytes?: number };

export interface FaultCounters {
  connections: number;
  passed: number;
  reset: number;
  stall: number;
  http503: number;
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  counters: FaultCounters;
  /**
   * `METHOD /path?query` of the HTTP requests seen on connections that passed through untouched.
   * Found by scanning the byte stream, so a request line split across two reads can be missed;
   * good enough to tell a multipart upload from a single PUT.
   */
  requests: string[];
  /** Faults for the next connections, one each, in order ('pass' lets one through untouched). */
  queue(...faults: (Fault | 'pass')[]): void;
  /** A fault for every connection that finds the queue empty; `undefined` lets them pass. */
  always(fault: Fault | undefined): void;
  resetCounters(): void;
  /**
   * Closes every open connection, so that clients must connect again and meet the faults now set.
   * Needed because clients keep connections alive, and the Azure SDK shares one pool between
   * all its clients in a process.
   */
  dropConnections(): Promise<void>;
  close(): Promise<void>;
}

const REQUEST_LINE = /(GET|PUT|POST|HEAD|DELETE) (\/\S*) HTTP\/1\.[01]\r\n/g;

const zero = (): FaultCounters => ({ connections: 0, passed: 0, reset: 0, stall: 0, http503: 0, bytesUp: 0, bytesDown: 0 });

const RESPONSE_503 = [
  'HTTP/1.1 503 Service Unavailable',
  'Content-Type: text/plain',
  'Content-Length: 19',
  'Retry-After: 0',
  'Connection: close',
  '',
  'Service Unavailable',
].join('\r\n');

export async function startFaultProxy(target: { host?: string; port: number }): Promise<FaultProxy> {
  const host = target.host ?? '127.0.0.1';
  const pending: (Fault | 'pass')[] = [];
  let standing: Fault | undefined;
  const sockets = new Set<net.Socket>();
  const proxy: FaultProxy = {
    port: 0,
    url: '',
    counters: zero(),
    requests: [],
    queue: (...faults) => void pending.push(...faults),
    always: (fault) => void (standing = fault),
    resetCounters: () => {
      proxy.counters = zero();
      proxy.requests = [];
    },
    dropConnections: async () => {
      for (const socket of sockets) socket.destroy();
      while (sockets.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      // Let the clients' pools see the closed sockets before the next request.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    proxy.counters.connections++;
    const next = pending.shift();
    const fault = next === 'pass' ? undefined : (next ?? standing);
    if (!fault) proxy.counters.passed++;

    // A 503 before any byte reaches the server needs no upstream at all.
    const upstream = fault?.kind === 'http503' && !fault.afterBytes ? undefined : net.connect(target.port, host);
    if (upstream) {
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      upstream.on('data', (chunk: Buffer) => {
        if (tripped && fault?.kind !== 'reset') return;
        proxy.counters.bytesDown += chunk.length;
        client.write(chunk);
      });
      upstream.on('end', () => client.end());
      client.on('end', () => upstream.end());
      client.on('close', () => upstream.destroy());
    }

    let forwarded = 0;
    let tripped = false;
    let request = Buffer.alloc(0);
    const trip = () => {
      tripped = true;
      proxy.counters[fault!.kind]++;
      if (fault!.kind === 'reset') {
        upstream?.destroy();
        client.resetAndDestroy();
      } else if (fault!.kind === 'http503') {
        upstream?.destroy();
        client.end(RESPONSE_503);
      }
      // 'stall': keep both sockets open and drop whatever arrives.
    };

    client.on('data', (chunk: Buffer) => {
      if (tripped) return;
      if (!fault) {
        proxy.counters.bytesUp += chunk.length;
        for (const match of chunk.toString('latin1').matchAll(REQUEST_LINE)) proxy.requests.push(`${match[1]} ${match[2]}`);
        upstream!.write(chunk);
        return;
      }
      const limit = fault.afterBytes ?? 0;
      if (fault.kind === 'http503' && limit === 0) {
        // Read the whole request first, so the client sees an answer rather than a broken pipe.
        request = Buffer.concat([request, chunk]);
        if (requestComplete(request)) trip();
        return;
      }
      const room = Math.max(0, limit - forwarded);
      if (room > 0) {
        const part = chunk.subarray(0, room);
        forwarded += part.length;
        proxy.counters.bytesUp += part.length;
        upstream!.write(part);
      }
      if (forwarded >= limit) trip();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as net.AddressInfo).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  return proxy;
}

/** Whether `data` holds a whole HTTP/1.1 request (head and body), or one waiting for `100 Continue`. */
function requestComplete(data: Buffer): boolean {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = data.subarray(0, end).toString('latin1').toLowerCase();
  if (/^expect:\s*100-continue/m.test(head)) return true;
  const body = data.length - end - 4;
  const length = /^content-length:\s*(\d+)/m.exec(head);
  if (length) return body >= Number(length[1]);
  if (/^transfer-encoding:.*chunked/m.test(head)) return data.subarray(end).includes('\r\n0\r\n');
  return true;
}
