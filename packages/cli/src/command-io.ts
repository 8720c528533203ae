/** Where a command runs and writes; tests pass their own, the command line the process's. */
export interface CommandIo {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WriteStream | NodeJS.WritableStream;
}
