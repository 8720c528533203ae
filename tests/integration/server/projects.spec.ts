import { test, expect, KINDS, addUser, login, writeSuite } from './fixtures.js';

// Projects and teams with members, the per-project scope rule and max_users / max_projects, on one
// server per database kind: each step builds on the data of the one before.

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('projects and teams are scoped to their members, managers manage their own, and the limits hold', async ({ dir, init, startServer, api, secrets }) => {
      const suite = writeSuite(dir, '    max_users: 5\n    max_projects: 2\n');
      const { password } = await init(['--suite', suite]);
      const server = await startServer(['--suite', suite]);
      const call = (method: string, route: string, token: string, body?: unknown) => api(server.url, method, route, { token, body });
      const admin = await login(api, server.url, 'admin', password);
      const mgr = await addUser(api, server.url, admin, secrets, 'maria', 'manager');
      const dev = await addUser(api, server.url, admin, secrets, 'dave', 'developer');
      const devB = await addUser(api, server.url, admin, secrets, 'bella', 'developer');
      const viewer = await addUser(api, server.url, admin, secrets, 'vic', 'viewer');
      const sixth = await call('POST', '/api/v1/users', admin, { username: 'sam', password: 'Sixth-user-2024', role: 'viewer' });
      expect(sixth).toEqual({ status: 409, body: { error: 'the limit of 5 users is reached (settings.enterprise.max_users): delete one or raise the limit' } });

      const a = await call('POST', '/api/v1/projects', admin, { name: 'shop', description: 'the web shop', owner_id: mgr.id, member_ids: [dev.id] });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ name: 'shop', description: 'the web shop', owner_id: mgr.id, member_ids: [dev.id], team_ids: [] });
      const b = await call('POST', '/api/v1/projects', admin, { name: 'billing', member_ids: [devB.id] });
      const [idA, idB] = [a.body.id ?? 0, b.body.id ?? 0];
      expect((await call('POST', '/api/v1/projects', admin, { name: 'third' })).body.error).toBe('the limit of 2 projects is reached (settings.enterprise.max_projects): delete one or raise the limit');
      expect((await call('POST', '/api/v1/projects', admin, { name: 'shop' })).status).toBe(409);

      // Isolation: another project answers exactly as a missing one does.
      expect((await call('GET', '/api/v1/projects', dev.token)).body.items?.map((p) => p.name)).toEqual(['shop']);
      expect(await call('GET', `/api/v1/projects/${idB}`, dev.token)).toEqual({ status: 404, body: { error: `no project with id ${idB}` } });
      expect(await call('GET', '/api/v1/projects/9999', dev.token)).toEqual({ status: 404, body: { error: 'no project with id 9999' } });
      expect((await call('PATCH', `/api/v1/projects/${idA}`, dev.token, { description: 'mine now' })).body.error).toBe('the developer role lacks the permission projects:manage');
      expect((await call('POST', '/api/v1/projects', dev.token, { name: 'side' })).status).toBe(403);
      expect((await call('GET', '/api/v1/projects', admin)).body.items).toHaveLength(2);

      // A manager manages what it belongs to (it owns shop), and nothing else.
      expect((await call('PATCH', `/api/v1/projects/${idA}`, mgr.token, { description: 'the new shop' })).body).toMatchObject({ description: 'the new shop' });
      expect((await call('PATCH', `/api/v1/projects/${idB}`, mgr.token, { description: 'taken over' })).status).toBe(404);
      expect((await call('POST', `/api/v1/projects/${idB}/members`, mgr.token, { user_id: mgr.id })).status).toBe(404);
      expect((await call('POST', '/api/v1/teams', mgr.token, { name: 'web', project_ids: [idA, idB] })).body).toEqual({ error: `no project with id ${idB}` });
      const team = await call('POST', '/api/v1/teams', mgr.token, { name: 'web', description: 'web QA', project_ids: [idA] });
      expect(team.body).toMatchObject({ name: 'web', lead_id: mgr.id, member_ids: [mgr.id], project_ids: [idA] });
      const teamId = team.body.id ?? 0;

      // A viewer cannot add itself to a team; once a member, it reads the team's projects.
      expect((await call('POST', `/api/v1/teams/${teamId}/members`, viewer.token, { user_id: viewer.id })).body.error).toBe('the viewer role lacks the permission teams:manage');
      expect((await call('GET', '/api/v1/projects', viewer.token)).body.items).toEqual([]);
      expect((await call('POST', `/api/v1/teams/${teamId}/members`, mgr.token, { user_id: viewer.id })).body.member_ids).toEqual([mgr.id, viewer.id]);
      expect((await call('GET', '/api/v1/projects', viewer.token)).body.items?.map((p) => p.name)).toEqual(['shop']);
      expect((await call('GET', '/api/v1/teams', viewer.token)).body.items?.map((t) => t.name)).toEqual(['web']);
      expect((await call('GET', '/api/v1/teams', devB.token)).body.items).toEqual([]);
      expect((await call('GET', `/api/v1/teams/${teamId}`, devB.token)).status).toBe(404);
      expect((await call('DELETE', `/api/v1/teams/${teamId}/members/${viewer.id}`, mgr.token)).body.member_ids).toEqual([mgr.id]);
      expect((await call('GET', `/api/v1/projects/${idA}`, viewer.token)).status).toBe(404);
      expect((await call('GET', `/api/v1/projects/${idA}`, admin)).body).toMatchObject({ team_ids: [teamId] });

      expect((await call('DELETE', `/api/v1/teams/${teamId}`, mgr.token)).status).toBe(204);
      expect((await call('DELETE', `/api/v1/projects/${idB}`, admin)).status).toBe(204);
      expect((await call('POST', '/api/v1/projects', admin, { name: 'third' })).status).toBe(201);
      const trail = await call('GET', '/api/v1/audit?page_size=100', admin);
      const actions = (trail.body.items ?? []).filter((e) => e.target_type === 'project' || e.target_type === 'team').map((e) => `${String(e.actor_name)} ${String(e.action)}`);
      expect(actions.reverse()).toEqual([
        'admin project.created', 'admin project.created', 'maria project.updated', 'maria team.created',
        'maria team.member_added', 'maria team.member_removed', 'maria team.deleted', 'admin project.deleted', 'admin project.created',
      ]);
    });
  });
}
