import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parse, parseAllDocuments } from 'yaml';
import { panopticSubcommand } from '../helpers/cli-program.js';
import { repoRoot } from '../helpers/inline.js';

// The server's deployment files (Dockerfile, compose, Kubernetes) checked as the CI templates are:
// valid YAML, the images and ports they promise, health checks on the server's real health route,
// a `panoptic server` command the CLI accepts, only environment variables the server reads, and no
// secret written into them. Docker is not on the test machine, so nothing here builds an image.

const dir = path.join(repoRoot, 'templates', 'server');
const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
type Doc = Record<string, unknown>;

/** Every NAME the server and its commands read from the environment, from their source. */
function serverEnvNames(): Set<string> {
  const files = [
    ...fs.readdirSync(path.join(repoRoot, 'packages', 'server', 'src'), { recursive: true, encoding: 'utf8' }).map((f) => path.join('packages', 'server', 'src', f)),
    ...fs.readdirSync(path.join(repoRoot, 'packages', 'cli', 'src', 'commands')).filter((f) => f.startsWith('server')).map((f) => path.join('packages', 'cli', 'src', 'commands', f)),
  ].filter((f) => f.endsWith('.ts'));
  const names = files.flatMap((f) => [...fs.readFileSync(path.join(repoRoot, f), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
  return new Set(names);
}

/** `panoptic server …` words are a runnable command whose every flag exists. */
function expectPanopticCommand(args: string[]): void {
  const { command, rest } = panopticSubcommand(args);
  expect(command.commands, `panoptic ${args.join(' ')} is a runnable command`).toHaveLength(0);
  for (let i = 0; i < rest.length; i++) {
    const option = command.options.find((o) => o.long === rest[i]);
    expect(option, `panoptic ${args.join(' ')}: no option ${rest[i]}`).toBeDefined();
    if (option!.required) i++;
  }
}

/** A connection string's password is a placeholder or a variable, never a value. */
function expectNoSecretLiteral(text: string, name: string): void {
  for (const match of text.matchAll(/[a-z]+:\/\/[^:/\s]+:([^@\s]+)@/g)) expect(match[1], `${name}: password in a URL`).toMatch(/^(\$\{|<password>$)/);
  for (const match of text.matchAll(/^[ \t]*-?[ \t]*"?([A-Z_]*(?:PASSWORD|SECRET|TOKEN)[A-Z_]*)"?[ \t]*[:=][ \t]*(.*)$/gm)) {
    expect(match[2]!.trim(), `${name}: ${match[1]} is given a literal`).toMatch(/^(\$\{.*\}|)$/);
  }
}

test('the Dockerfile runs panoptic server start on node:20-slim as a non-root user, with a health check on /api/health', () => {
  const text = read('Dockerfile');
  expect(text).toMatch(/^FROM node:20-slim$/m);
  const user = /^USER (\S+)$/m.exec(text)?.[1];
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);
  expect(text).toMatch(/^EXPOSE 8080$/m);
  expect(text).toContain("fetch('http://127.0.0.1:8080/api/health')");
  const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(text)![1]!) as string[];
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(text)![1]!) as string[];
  expect(entrypoint.slice(0, 2)).toEqual(['/app/node_modules/.bin/panoptic', 'server']);
  expectPanopticCommand([...entrypoint.slice(1), ...cmd]);
  expect(cmd).toEqual(expect.arrayContaining(['--host', '0.0.0.0', '--port', '8080']));
  expectNoSecretLiteral(text, 'Dockerfile');
  // The health route the files probe is the server's own.
  expect(fs.readFileSync(path.join(repoRoot, 'packages', 'server', 'src', 'http', 'app.ts'), 'utf8')).toContain("app.get('/api/health'");
});

test('compose runs the server on postgres:15 with a volume and health checks, secrets only from the env file', () => {
  const text = read('compose.yaml');
  const docs = parseAllDocuments(text);
  expect(docs.flatMap((doc) => doc.errors.map((e) => e.message))).toEqual([]);
  const compose = parse(text, { merge: true }) as { services: Record<string, Doc & { environment?: Record<string, string>; command?: string[] }>; volumes: Doc };
  const { postgres, server, init } = compose.services;
  expect(postgres?.image).toBe('postgres:15');
  expect(postgres?.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
  expect(Object.keys(compose.volumes)).toEqual(['pgdata']);
  expect((postgres?.healthcheck as { test: string[] }).test.join(' ')).toContain('pg_isready');
  expect((server?.healthcheck as { test: string[] }).test.join(' ')).toContain("fetch('http://127.0.0.1:8080/api/health')");
  expect(server?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  expect(server?.ports).toEqual(['8080-8081:8080']);
  expect(server?.environment?.DATABASE_URL).toBe('postgres://panoptic:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in panoptic.env}@postgres:5432/panoptic');
  expect(server?.environment?.DATABASE_URL).toContain(`/${postgres?.environment?.POSTGRES_DB}`);
  expectPanopticCommand(['server', ...(init?.command ?? [])]);
  const known = serverEnvNames();
  for (const service of [server, init]) for (const name of Object.keys(service?.environment ?? {})) expect(known, `the server reads ${name}`).toContain(name);
  expectNoSecretLiteral(text, 'compose.yaml');

  const example = read('panoptic.env.example');
  expectNoSecretLiteral(example, 'panoptic.env.example');
  const variables = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
  expect(variables.sort()).toEqual(['PANOPTIC_ADMIN_PASSWORD', 'POSTGRES_PASSWORD']);
});

test('the Kubernetes manifest: 2 replicas, DATABASE_URL from a Secret, probes on /api/health, a Service to the named port', () => {
  const text = read('kubernetes.yaml');
  const docs = parseAllDocuments(text);
  expect(docs.flatMap((doc) => doc.errors.map((e) => e.message))).toEqual([]);
  type Container = { args: string[]; ports: { name: string; containerPort: number }[]; env: Doc[]; readinessProbe: { httpGet: Doc }; livenessProbe: { httpGet: Doc } };
  const [deployment, service] = docs.map((doc) => doc.toJS() as Doc & { kind: string; spec: Doc });
  expect(deployment?.kind).toBe('Deployment');
  expect(service?.kind).toBe('Service');
  const spec = deployment!.spec as { replicas: number; template: { spec: { securityContext: Doc; containers: Container[] } } };
  expect(spec.replicas).toBe(2);
  expect(spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true });
  const [container] = spec.template.spec.containers;
  expectPanopticCommand(['server', ...container!.args]);
  expect(container!.ports).toEqual([{ name: 'http', containerPort: Number(container!.args[container!.args.indexOf('--port') + 1]) }]);
  for (const probe of [container!.readinessProbe, container!.livenessProbe]) expect(probe.httpGet).toEqual({ path: '/api/health', port: 'http' });
  expect(container!.env).toEqual([{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'panoptic-server', key: 'database-url' } } }]);
  const known = serverEnvNames();
  for (const variable of container!.env) expect(known).toContain(variable.name);
  expect((service!.spec as { ports: Doc[] }).ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
  expect((service!.spec as { selector: Doc }).selector).toEqual((spec as unknown as { selector: { matchLabels: Doc } }).selector.matchLabels);
  expectNoSecretLiteral(text, 'kubernetes.yaml');
});
