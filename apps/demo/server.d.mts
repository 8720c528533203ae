export interface DemoServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4173`. */
  url: string;
  port: number;
  /** Stops the server, ending pending slow responses and open connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts the demo app; `port: 0` (the default) picks a free port. */
export function startDemoServer(options?: { port?: number; host?: string }): Promise<DemoServer>;
