import { test, expect, KINDS, addUser, login } from './fixtures.js';

// Quarantine on a real server per database kind: a manager quarantines a test with a reason and an
// expiry, again to change them; a viewer reads the list but cannot quarantine; a CI key reads it;
// an expired entry leaves the list by itself; release answers 204, then 404; both are audited.

const KEY = 'chromium › shop.spec.ts › checkout';
const inHours = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('quarantine and release by a manager, read by a viewer and a CI key, refused to a viewer, expiry, audit', async ({ init, startServer, api, secrets }) => {
      const { password } = await init();
      const { url } = await startServer();
      const admin = await login(api, url, 'admin', password);
      const mia = await addUser(api, url, admin, secrets, 'mia', 'manager');
      const vera = await addUser(api, url, admin, secrets, 'vera', 'viewer');
      const dave = await addUser(api, url, admin, secrets, 'dave', 'developer');
      const shop = (await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop', member_ids: [mia.id, vera.id, dave.id] } })).body.id ?? 0;
      const ciKey = String((await api(url, 'POST', '/api/v1/api-keys', { token: dave.token, body: { name: 'ci', permissions: ['runs:read'], scopes: [shop] } })).body.key);
      const path = '/api/v1/projects/shop/quarantine';

      const put = await api(url, 'PUT', path, { token: mia.token, body: { key: KEY, reason: 'payment sandbox down', expires_at: inHours(24) } });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ key: KEY, reason: 'payment sandbox down', created_by: 'mia' });
      // Again: the reason and expiry are replaced, not added.
      const expires = inHours(48);
      expect((await api(url, 'PUT', path, { token: mia.token, body: { key: KEY, reason: 'see issue 42', expires_at: expires } })).status).toBe(200);

      const refused = await api(url, 'PUT', path, { token: vera.token, body: { key: 'chromium › shop.spec.ts › cart', reason: 'no', expires_at: inHours(1) } });
      expect(refused).toEqual({ status: 403, body: { error: 'the viewer role lacks the permission quarantine:manage' } });
      expect((await api(url, 'DELETE', `${path}?key=${encodeURIComponent(KEY)}`, { token: vera.token })).status).toBe(403);
      const past = await api(url, 'PUT', path, { token: mia.token, body: { key: KEY, reason: 'x', expires_at: inHours(-1) } });
      expect(past.status).toBe(400);
      expect(past.body.error).toContain('is not in the future');

      const listed = [{ key: KEY, reason: 'see issue 42', expires_at: expires, created_by: 'mia' }];
      for (const token of [vera.token, ciKey]) {
        const list = await api(url, 'GET', path, { token });
        expect(list.status).toBe(200);
        expect(list.body).toMatchObject({ project: 'shop', items: listed });
      }
      expect((await api(url, 'GET', `/api/v1/projects/${shop}/quarantine`, { token: ciKey })).body.items).toHaveLength(1);

      // An entry whose expiry passes leaves the list without anyone releasing it.
      const soon = new Date(Date.now() + 1500).toISOString();
      expect((await api(url, 'PUT', path, { token: mia.token, body: { key: 'chromium › shop.spec.ts › cart', reason: 'briefly', expires_at: soon } })).status).toBe(200);
      expect((await api(url, 'GET', path, { token: vera.token })).body.items).toHaveLength(2);
      await expect.poll(async () => (await api(url, 'GET', path, { token: vera.token })).body.items?.map((item) => item.key), { timeout: 10_000 }).toEqual([KEY]);

      expect((await api(url, 'DELETE', `${path}?key=${encodeURIComponent(KEY)}`, { token: mia.token })).status).toBe(204);
      const again = await api(url, 'DELETE', `${path}?key=${encodeURIComponent(KEY)}`, { token: mia.token });
      expect(again).toEqual({ status: 404, body: { error: `the test "${KEY}" is not quarantined in project "shop"` } });
      expect((await api(url, 'GET', path, { token: vera.token })).body.items).toEqual([]);

      const audited = async (action: string) => (await api(url, 'GET', `/api/v1/audit?action=${action}`, { token: admin })).body.items ?? [];
      expect((await audited('test.quarantined')).map((entry) => (entry.details as { reason: string }).reason).sort()).toEqual(['briefly', 'payment sandbox down', 'see issue 42']);
      expect(await audited('test.unquarantined')).toMatchObject([{ actor_name: 'mia', details: { project: 'shop', key: KEY, reason: 'see issue 42' } }]);
    });
  });
}
