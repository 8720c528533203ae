import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signLicense } from '@panoptic/server';
import { test, expect, KINDS, addUser, login, writeSuite, type ApiBody } from './fixtures.js';

// Compliance findings, the licence and the retention cleanup on a real server per database kind: the
// findings follow the configuration and the data, a signed licence verifies and caps the users, the
// cleanup counts, deletes and audits itself, and the audit log exports as CSV and JSON.

type Finding = { standard: string; check: string; passed: boolean; evidence: Record<string, unknown> };
const findingOf = (body: ApiBody, check: string): Finding | undefined => (body.findings as Finding[]).find((f) => f.check === check);

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('compliance follows the policy and data; a signed licence verifies and caps users; cleanup counts, deletes and audits itself; the audit log exports', async ({ dir, init, startServer, api, secrets, panoptic }) => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
      const licenceKey = signLicense({ type: 'enterprise', licensee: 'Acme', max_users: 3, features: ['audit-export'] }, privateKey);
      secrets.add(licenceKey);
      const suite = writeSuite(dir, `    max_users: 10\n    password_policy:\n      min_length: 6\n      require_uppercase: false\n      max_history: 0\n    compliance:\n      data_retention: 0\n      audit_retention: 0\n    license:\n      key: "${licenceKey}"\n      type: free\n`);
      const { password } = await init(['--suite', suite]);
      const server = await startServer(['--suite', suite], { PANOPTIC_LICENSE_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
      const admin = await login(api, server.url, 'admin', password);
      const mona = await addUser(api, server.url, admin, secrets, 'mona', 'manager');
      const vic = await addUser(api, server.url, admin, secrets, 'vic', 'viewer');

      const soc2 = await api(server.url, 'GET', '/api/v1/compliance?standards=SOC2', { token: mona.token });
      expect(soc2.status).toBe(200);
      expect(soc2.body.standards).toEqual(['SOC2']);
      expect(findingOf(soc2.body, 'password.min_length')).toMatchObject({ standard: 'SOC2', passed: false, evidence: { min_length: 6 } });
      expect(findingOf(soc2.body, 'password.character_classes')).toMatchObject({ passed: false, evidence: { required_classes: ['require_lowercase', 'require_numbers'] } });
      expect(findingOf(soc2.body, 'password.max_history')).toMatchObject({ passed: false, evidence: { max_history: 0 } });
      expect(findingOf(soc2.body, 'api_keys.expiry')).toMatchObject({ passed: true, evidence: { count: 0, keys: [] } });
      expect(findingOf(soc2.body, 'users.inactive')).toMatchObject({ passed: true, evidence: { inactive_days: 90, count: 0 } });
      expect(soc2.body.failed).toBe((soc2.body.findings as Finding[]).filter((f) => !f.passed).length);

      const key = await api(server.url, 'POST', '/api/v1/api-keys', { token: admin, body: { name: 'forever', permissions: ['runs:write'] } });
      const pci = await api(server.url, 'GET', '/api/v1/compliance?standards=pci-dss,GDPR', { token: admin });
      expect(pci.body.standards).toEqual(['PCI-DSS', 'GDPR']);
      expect(findingOf(pci.body, 'api_keys.expiry')).toMatchObject({ standard: 'PCI-DSS', passed: false, evidence: { count: 1, keys: [{ id: key.body.id, name: 'forever', user_id: 1 }] } });
      const retention = (pci.body.findings as Finding[]).filter((f) => f.check === 'audit.retention');
      expect(retention).toMatchObject([{ standard: 'PCI-DSS', passed: false, evidence: { audit_retention: 0 } }, { standard: 'GDPR', passed: true }]);
      expect(JSON.stringify(pci.body)).not.toContain(String(key.body.key).slice(-43));
      expect((await api(server.url, 'GET', '/api/v1/compliance?standards=FedRAMP', { token: admin })).body.error).toBe('unknown compliance standard "FedRAMP": use PCI-DSS, HIPAA, SOC2, ISO27001, GDPR');
      expect((await api(server.url, 'GET', '/api/v1/compliance', { token: vic.token })).status).toBe(403);

      // The signed terms win over the settings' type, and their max_users (3) is lower than max_users (10).
      const licence = await api(server.url, 'GET', '/api/v1/license', { token: mona.token });
      expect(licence.body).toMatchObject({
        configured: true, type: 'enterprise', licensee: 'Acme', features: ['audit-export'], verification: { status: 'verified' },
        usage: { users: { used: 3, limit: 3, remaining: 0, limit_source: 'settings.enterprise.license.max_users' }, api_keys: { used: 1, limit: null } },
      });
      const fourth = await api(server.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'zoe', password: 'zoe-pass-2024' } });
      expect(fourth.body.error).toBe('the limit of 3 users is reached (settings.enterprise.license.max_users): delete one or raise the limit');
      expect((await api(server.url, 'GET', '/api/v1/license', { token: vic.token })).status).toBe(403);

      expect((await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'vic', password: 'wrong-Password-1' } })).status).toBe(401);
      const call = (method: string, route: string, body?: unknown, token = admin) => api(server.url, method, route, { token, body });

      const csv = await fetch(new URL('/api/v1/audit/export?format=csv&action=user.created&user=admin', server.url), { headers: { authorization: `Bearer ${admin}` } });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.+\.csv"$/);
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toBe('id,at,actor_id,actor_name,action,target_type,target_id,ip,details');
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).every((line) => line.includes(',user.created,user,'))).toBe(true);
      expect(lines[1]).toContain('""username"":""vic""');
      // Hostile: anyone can put a username (letters, digits and . _ @ -) into the trail with a failed login; the CSV never carries it as a formula.
      expect((await api(server.url, 'POST', '/api/v1/sessions', { body: { username: '@evil.example', password: 'x' } })).status).toBe(401);
      const failed = await fetch(new URL('/api/v1/audit/export?format=csv&action=auth.login_failed&user=%40evil.example', server.url), { headers: { authorization: `Bearer ${admin}` } });
      const failedLines = (await failed.text()).trim().split('\n');
      expect(failedLines).toHaveLength(2);
      expect(failedLines[1]).toContain(",'@evil.example,auth.login_failed,");
      const json = await call('GET', '/api/v1/audit/export?format=json&user=admin&action=auth.login');
      expect(json.body).toMatchObject({ count: 1, filter: { user: 'admin', action: 'auth.login' }, entries: [{ actor_name: 'admin', action: 'auth.login' }] });

      expect((await call('POST', '/api/v1/cleanup', { include_audit: true }, vic.token)).body.error).toBe('the viewer role lacks the permission data:cleanup');
      const total = async (): Promise<number> => (await call('GET', '/api/v1/audit?page_size=1')).body.total ?? -1;
      const before = await total();
      const dry = await call('POST', '/api/v1/cleanup', { dry_run: true, include_audit: true });
      expect(dry.body).toMatchObject({ dry_run: true, deleted: { sessions: 0, api_keys: 0, login_failures: 1, audit_log: before }, skipped: [] });
      expect(await total()).toBe(before);

      const dataOnly = await call('POST', '/api/v1/cleanup', {});
      expect(dataOnly.body).toMatchObject({ dry_run: false, deleted: { sessions: 0, api_keys: 0, login_failures: 1 }, skipped: ['audit_log: include_audit is false'] });
      expect(await total()).toBe(before + 1);

      const all = await call('POST', '/api/v1/cleanup', { include_audit: true, include_data: false });
      expect(all.body).toMatchObject({ deleted: { audit_log: before + 1 }, skipped: ['data: include_data is false'] });
      const trail = await call('GET', '/api/v1/audit');
      expect(trail.body.items).toEqual([
        expect.objectContaining({ actor_name: 'admin', action: 'data.cleaned_up', details: { deleted: { audit_log: before + 1 }, include_data: false, include_audit: true, data_retention: 0, audit_retention: 0 } }),
      ]);

      // The same export from the command line, once the server has let go of the database.
      await server.stop();
      const exported = await panoptic(['server', 'audit-export', '--suite', suite, '--format', 'csv', '--action', 'data.cleaned_up', '--out', 'out/audit.csv']);
      expect(exported.exitCode, exported.output).toBe(0);
      expect(exported.stderr).toMatch(/^Exported 1 audit entries from .+ to .+audit\.csv \(csv\)$/m);
      const written = fs.readFileSync(path.join(dir, 'out', 'audit.csv'), 'utf8').trim().split('\n');
      expect(written).toHaveLength(2);
      expect(written[1]).toContain(',admin,data.cleaned_up,,,127.0.0.1,');
      expect((await panoptic(['server', 'audit-export', '--suite', suite, '--since', 'yesterday'])).stderr).toContain('error: --since yesterday is not a date');

      // A server started with --cleanup-every applies both retentions on its own, audited as the scheduler.
      const scheduled = await startServer(['--suite', suite, '--cleanup-every', '1s']);
      const again = await login(api, scheduled.url, 'admin', password);
      await expect.poll(async () => (await api(scheduled.url, 'GET', '/api/v1/audit?user=scheduled-cleanup', { token: again })).body.items?.[0]?.action, { timeout: 20_000 }).toBe('data.cleaned_up');
      expect(scheduled.output()).toContain('scheduled cleanup deleted {');
    });
  });
}
