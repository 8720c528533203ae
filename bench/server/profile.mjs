#!/usr/bin/env node
// Where the server's CPU goes, from a V8 profile of its process: `node bench/server/profile.mjs
// <file.cpuprofile>...` prints each part's share of the busy time (idle excluded), by self time: a
// package of node_modules, a folder of packages/server/dist, node's own modules, GC. Profiles come
// from BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=<folder>' on run.mjs or compare.mjs.
// `--last <s>` keeps the samples of the profile's last s seconds: the reads, after the runs that
// fill the store were published.
import fs from 'node:fs';

function partOf(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /(?:packages\/server|\.bench-before)\/dist\/(.+?)\/[^/]+\.js$/.exec(url) ?? /(?:packages\/server|\.bench-before)\/dist\/([^/]+)\.js$/.exec(url);
  if (own) return `server/${own[1]}`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?([^/]+).*$/, 'node:$2');
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

const args = process.argv.slice(2);
const lastAt = args.indexOf('--last');
const lastUs = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) * 1e6 : Infinity;
for (const file of args) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  // Samples are node ids; timeDeltas are the microseconds before each sample.
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (profile.endTime - at > lastUs) return;
    const part = partOf(byId.get(id).callFrame);
    self.set(part, (self.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  self.delete('(idle)');
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`${file}: ${(busy / 1000).toFixed(0)} ms busy\n`);
  for (const [part, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) {
    process.stdout.write(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${part}\n`);
  }
}
