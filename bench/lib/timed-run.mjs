// Runs a command and measures its wall time and the CPU time of it and everything it started
// (Playwright's workers included). CPU time swings less than wall time on a shared machine.
// Node reports no children's CPU time, so the command runs under bash, whose `times` does.
import { spawn } from 'node:child_process';

const seconds = (text) => {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
};

const quote = (arg) => `'${String(arg).replaceAll("'", "'\\''")}'`;

/** Resolves to { code, output, wallMs, cpuMs }; output is stdout and stderr together. */
export function timedRun(command, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // `times` prints the shell's own times, then its children's: the second line is the command's.
    const script = `${[command, ...args].map(quote).join(' ')}; code=$?; times >&3; exit $code`;
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let output = '';
    let times = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdio[3].on('data', (chunk) => (times += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const [user, system] = (times.trim().split('\n')[1] ?? '').trim().split(/\s+/);
      const cpuMs = (seconds(user) + seconds(system)) * 1000;
      resolve({ code, output, wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs) });
    });
  });
}
