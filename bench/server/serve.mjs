// The server under measurement, in a process of its own so the load generator does not share its
// event loop: `panoptic server init` and `start` as the package runs them (request logging as
// deployed, to /dev/null), reporting its URL and the admin's password to the parent over IPC, and
// its own CPU time when asked. BENCH_SERVER_MODULE loads another build (compare.mjs).
const { initServer, resolveServerOptions, startServer } = await import(process.env.BENCH_SERVER_MODULE || '@panoptic/server');

const options = resolveServerOptions({ overrides: { data_dir: process.env.BENCH_DATA_DIR, port: 0 }, env: process.env });
const { generated_password: password } = await initServer(options, { admin_username: 'admin' });
const server = await startServer(options);
process.send?.({ url: server.url, password });
process.on('message', (message) => {
  if (message !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ cpu_ms: (user + system) / 1000 });
});
process.once('disconnect', () => void server.close().then(() => process.exit(0)));
