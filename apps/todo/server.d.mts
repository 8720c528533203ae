export interface TodoApp {
  /** The app's page, with a trailing slash, e.g. `http://127.0.0.1:4174/`. */
  url: string;
  /** Serves the broken variant (true) or the working app (false) at the same URL. */
  setBroken(broken: boolean): void;
  close(): Promise<void>;
}

/** Starts the to-do app on a loopback port; `port: 0` (the default) picks a free one. */
export function startTodoApp(options?: { port?: number }): Promise<TodoApp>;
