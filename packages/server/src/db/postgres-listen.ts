import type pgModule from 'pg';
import type { NotifyListener } from './database.js';

/** How long to wait before connecting again after the listening connection failed or ended. */
const RETRY_MS = 1000;

/**
 * One connection that LISTENs on `channel` for as long as the process runs, reconnecting after a
 * failure: notifications of other server processes on the same PostgreSQL arrive here. While it is
 * down, notifications are lost, so `live(false)` is said first and `live(true)` only once LISTEN
 * has taken effect again.
 */
export function listenForOthers(pg: typeof pgModule, connectionString: string, channel: string, listener: NotifyListener): { close: () => Promise<void> } {
  let client: pgModule.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const retry = (): void => {
    listener.live(false);
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, RETRY_MS);
    timer.unref();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    client = next;
    next.on('error', () => undefined);
    next.on('end', () => {
      if (client === next) retry();
    });
    next.on('notification', (message) => listener.message(message.payload ?? ''));
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (!closed && client === next) listener.live(true);
    } catch {
      await next.end().catch(() => undefined);
      if (client === next) retry();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
