import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema/sessions';
import { users, type Role } from '@/db/schema/users';
import { toErrorBody } from '@/lib/errors';
import { adminDeleteUser, adminUpdateUser } from '@/lib/users/service';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let superAdmin: TestUser;
let admin: TestUser;
let moderator: TestUser;
let member: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [superAdmin, admin, moderator, member] = await Promise.all([
    createUser(app, { role: 'super_admin' }),
    createUser(app, { role: 'admin' }),
    createUser(app, { role: 'moderator' }),
    createUser(app),
  ]);
});
afterAll(() => app?.close());

const adminUserKeys = [
  'avatar',
  'bio',
  'created_at',
  'email',
  'first_name',
  'id',
  'last_login_at',
  'last_name',
  'role',
  'status',
  'updated_at',
  'username',
];

const put = (caller: TestUser, id: number, body: unknown) => api.put(`/api/v1/admin/users/${id}`, body, { token: caller.token });

async function row(id: number) {
  const [r] = await app.db.select().from(users).where(eq(users.id, id));
  return r;
}

let seq = 0;
const newTag = () => `adm${Date.now().toString(36)}${++seq}`;

describe('GET /api/v1/admin/users', () => {
  it('GET /api/v1/admin/users – 200 paginated accounts with status and last_login_at, banned ones included', async () => {
    const tag = newTag();
    const banned = await createUser(app, { username: `${tag}_b` });
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, banned.id));
    const res = await api.get(`/api/v1/admin/users?search=${tag}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 1, pages: 1, has_next: false, has_previous: false });
    expect(res.body.data).toHaveLength(1);
    const [item] = res.body.data;
    expect(Object.keys(item).sort()).toEqual(adminUserKeys);
    expect(item).toMatchObject({ id: banned.id, email: banned.email, role: 'user', status: 'banned' });
    expect(Date.parse(item.last_login_at)).not.toBeNaN();
  });

  it('GET /api/v1/admin/users – filters by role, status and search, combined, with pagination', async () => {
    const tag = newTag();
    const a = await createUser(app, { username: `${tag}_a`, role: 'moderator' });
    const b = await createUser(app, { username: `${tag}_b`, role: 'moderator' });
    const c = await createUser(app, { username: `${tag}_c` });
    await app.db.update(users).set({ status: 'suspended' }).where(eq(users.id, b.id));
    const ids = async (query: string) =>
      (await api.get(`/api/v1/admin/users?search=${tag}&${query}`, { token: admin.token })).body.data.map(
        (u: { id: number }) => u.id,
      );
    expect(await ids('role=moderator')).toEqual([a.id, b.id]);
    expect(await ids('role=user')).toEqual([c.id]);
    expect(await ids('status=suspended')).toEqual([b.id]);
    expect(await ids('status=active')).toEqual([a.id, c.id]);
    expect(await ids('role=moderator&status=active')).toEqual([a.id]);
    expect(await ids('role=admin')).toEqual([]);
    const page = await api.get(`/api/v1/admin/users?search=${tag}&limit=2&page=2`, { token: admin.token });
    expect(page.body.data.map((u: { id: number }) => u.id)).toEqual([c.id]);
    expect(page.body.pagination).toEqual({ page: 2, limit: 2, total: 3, pages: 2, has_next: false, has_previous: true });
    const all = await api.get('/api/v1/admin/users?role=super_admin', { token: admin.token });
    expect(all.body.data.map((u: { id: number }) => u.id)).toContain(superAdmin.id);
  });

  it.each([
    ['role=owner', 'role'],
    ['status=deleted', 'status'],
    ['page=abc', 'page'],
  ])('GET /api/v1/admin/users – 400 INVALID_INPUT for %s', async (query, field) => {
    expectError(await api.get(`/api/v1/admin/users?${query}`, { token: admin.token }), 400, 'INVALID_INPUT', [field]);
  });

  it('GET /api/v1/admin/users – limit=500 is clamped to 100', async () => {
    const res = await api.get('/api/v1/admin/users?limit=500', { token: admin.token });
    expect(res.body.pagination.limit).toBe(100);
  });

  it('GET /api/v1/admin/users – super_admin is allowed too', async () => {
    expect((await api.get('/api/v1/admin/users', { token: superAdmin.token })).status).toBe(200);
  });
});

describe('admin endpoints: who may call them', () => {
  it.each([
    ['GET', '/api/v1/admin/users', undefined],
    ['GET', '/api/v1/admin/users/:id', undefined],
    ['PUT', '/api/v1/admin/users/:id', { role: 'moderator' }],
    ['DELETE', '/api/v1/admin/users/:id', undefined],
  ] as const)('%s %s – 403 PERMISSION_DENIED for a user and a moderator, 401 anonymously', async (method, path, body) => {
    const target = await createUser(app);
    const url = path.replace(':id', String(target.id));
    expectError(await api.call(method, url, body, { token: member.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.call(method, url, body, { token: moderator.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.call(method, url, body), 401, 'UNAUTHORIZED');
    expect(await row(target.id)).toMatchObject({ role: 'user', status: 'active' });
  });
});

describe('GET /api/v1/admin/users/:id', () => {
  it('GET /api/v1/admin/users/:id – 200 with the account, email and status', async () => {
    const target = await createUser(app);
    const res = await api.get(`/api/v1/admin/users/${target.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(adminUserKeys);
    expect(res.body.data).toMatchObject({ id: target.id, username: target.username, email: target.email, status: 'active' });
  });

  it('GET /api/v1/admin/users/:id – 404 USER_NOT_FOUND for an unknown id, 400 for a non-numeric one', async () => {
    expectError(await api.get('/api/v1/admin/users/2147483647', { token: admin.token }), 404, 'USER_NOT_FOUND');
    expectError(await api.get('/api/v1/admin/users/abc', { token: admin.token }), 400, 'INVALID_INPUT', ['id']);
  });
});

describe('PUT /api/v1/admin/users/:id', () => {
  it('PUT /api/v1/admin/users/:id – an admin makes a user moderator and back', async () => {
    const target = await createUser(app);
    const up = await put(admin, target.id, { role: 'moderator' });
    expect(up.status).toBe(200);
    expect(Object.keys(up.body.data).sort()).toEqual(adminUserKeys);
    expect(up.body.data).toMatchObject({ id: target.id, role: 'moderator', status: 'active' });
    expect((await row(target.id))!.role).toBe('moderator');
    const down = await put(admin, target.id, { role: 'user' });
    expect(down.body.data.role).toBe('user');
    expect((await row(target.id))!.role).toBe('user');
  });

  it('PUT /api/v1/admin/users/:id – a role change applies to the user’s existing token on the next request', async () => {
    const target = await createUser(app);
    expectError(await api.get('/api/v1/admin/users', { token: target.token }), 403, 'PERMISSION_DENIED');
    expect((await put(superAdmin, target.id, { role: 'admin' })).status).toBe(200);
    expect((await api.get('/api/v1/admin/users', { token: target.token })).status).toBe(200);
    expect((await api.get('/api/v1/auth/me', { token: target.token })).body.data.role).toBe('admin');
    expect((await put(superAdmin, target.id, { role: 'user' })).status).toBe(200);
    expectError(await api.get('/api/v1/admin/users', { token: target.token }), 403, 'PERMISSION_DENIED');
  });

  it.each([['admin'], ['super_admin']] as const)(
    'PUT /api/v1/admin/users/:id – 403 PERMISSION_DENIED when an admin grants %s',
    async (role) => {
      const target = await createUser(app);
      expectError(await put(admin, target.id, { role }), 403, 'PERMISSION_DENIED');
      expect((await row(target.id))!.role).toBe('user');
    },
  );

  it.each([['admin'], ['super_admin']] as const)('PUT /api/v1/admin/users/:id – a super_admin grants %s', async (role) => {
    const target = await createUser(app);
    const res = await put(superAdmin, target.id, { role });
    expect(res.status).toBe(200);
    expect(res.body.data.role).toBe(role);
    expect((await row(target.id))!.role).toBe(role);
  });

  it('PUT /api/v1/admin/users/:id – a super_admin demotes and suspends an admin', async () => {
    const target = await createUser(app, { role: 'admin' });
    expect((await put(superAdmin, target.id, { role: 'moderator', status: 'suspended' })).body.data).toMatchObject({
      role: 'moderator',
      status: 'suspended',
    });
  });

  it.each([
    ['an admin', { status: 'banned' }, () => admin],
    ['an admin', { role: 'user' }, () => admin],
    ['a super_admin', { role: 'admin' }, () => superAdmin],
    ['a super_admin', { status: 'suspended' }, () => superAdmin],
  ] as const)('PUT /api/v1/admin/users/:id – 403 PERMISSION_DENIED when %s changes themself (%j)', async (_who, body, who) => {
    const caller = who();
    const before = await row(caller.id);
    expectError(await put(caller, caller.id, body), 403, 'PERMISSION_DENIED');
    expect(await row(caller.id)).toMatchObject({ role: before!.role, status: 'active' });
  });

  it.each([
    ['admin', { status: 'banned' }],
    ['admin', { role: 'user' }],
    ['super_admin', { role: 'user' }],
    ['super_admin', { status: 'suspended' }],
  ] as const)('PUT /api/v1/admin/users/:id – 403 PERMISSION_DENIED when an admin touches someone with role %s (%j)', async (role, body) => {
    const target = await createUser(app, { role: role as Role });
    expectError(await put(admin, target.id, body), 403, 'PERMISSION_DENIED');
    expect(await row(target.id)).toMatchObject({ role, status: 'active' });
  });

  it.each([['banned'], ['suspended']] as const)(
    'PUT /api/v1/admin/users/:id – %s: every session is revoked at once; the existing access token gets 403 ACCOUNT_DISABLED and refresh fails',
    async (status) => {
      const target = await createUser(app);
      const secondLogin = await api.post('/api/v1/auth/login', { email: target.email, password: target.password });
      expect((await api.get('/api/v1/auth/me', { token: target.token })).status).toBe(200);

      const res = await put(admin, target.id, { status });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id: target.id, status });

      const rows = await app.db.select().from(sessions).where(eq(sessions.userId, target.id));
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) {
        expect(r.revokedAt).toBeInstanceOf(Date);
        expect(r.revokedReason).toBe(`account ${status}`);
      }
      expectError(await api.get('/api/v1/auth/me', { token: target.token }), 403, 'ACCOUNT_DISABLED');
      expectError(await api.get('/api/v1/users', { token: secondLogin.body.data.access_token }), 403, 'ACCOUNT_DISABLED');
      expectError(await api.post('/api/v1/auth/refresh', { refresh_token: target.refreshToken }), 403, 'ACCOUNT_DISABLED');
      expectError(
        await api.post('/api/v1/auth/login', { email: target.email, password: target.password }),
        403,
        'ACCOUNT_DISABLED',
      );
    },
  );

  it('PUT /api/v1/admin/users/:id – reactivating lets a banned user sign in again (old sessions stay ended)', async () => {
    const target = await createUser(app);
    expect((await put(admin, target.id, { status: 'banned' })).status).toBe(200);
    const res = await put(admin, target.id, { status: 'active' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('active');
    const login = await api.post('/api/v1/auth/login', { email: target.email, password: target.password });
    expect(login.status).toBe(200);
    expect((await api.get('/api/v1/auth/me', { token: login.body.data.access_token })).status).toBe(200);
    expectError(await api.get('/api/v1/auth/me', { token: target.token }), 401, 'UNAUTHORIZED');
    expectError(await api.post('/api/v1/auth/refresh', { refresh_token: target.refreshToken }), 401, 'UNAUTHORIZED');
  });

  it('PUT /api/v1/admin/users/:id – a role change alone does not sign the user out', async () => {
    const target = await createUser(app);
    expect((await put(admin, target.id, { role: 'moderator' })).status).toBe(200);
    expect((await api.post('/api/v1/auth/refresh', { refresh_token: target.refreshToken })).status).toBe(200);
  });

  it('PUT /api/v1/admin/users/:id – a super_admin may demote a suspended super_admin while staying the active one', async () => {
    const other = await createUser(app, { role: 'super_admin' });
    await app.db.update(users).set({ status: 'suspended' }).where(eq(users.id, other.id));
    // Make the caller the only active super_admin for the duration of this test.
    const others = await app.db
      .update(users)
      .set({ status: 'suspended' })
      .where(and(eq(users.role, 'super_admin'), eq(users.status, 'active'), ne(users.id, superAdmin.id)))
      .returning({ id: users.id });
    try {
      const res = await put(superAdmin, other.id, { role: 'admin' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toMatchObject({ role: 'admin', status: 'suspended' });
    } finally {
      for (const { id } of others) await app.db.update(users).set({ status: 'active' }).where(eq(users.id, id));
    }
  });

  it.each([
    ['demote', { role: 'admin' }],
    ['ban', { status: 'banned' }],
  ])(
    'PUT /api/v1/admin/users/:id – 409 INVALID_STATE: two super_admins who %s each other at once leave one super_admin',
    async (_verb, body) => {
      const a = await createUser(app, { role: 'super_admin' });
      const b = await createUser(app, { role: 'super_admin' });
      // a and b are the only active super_admins during this test.
      const others = await app.db
        .update(users)
        .set({ status: 'suspended' })
        .where(
          and(eq(users.role, 'super_admin'), eq(users.status, 'active'), ne(users.id, a.id), ne(users.id, b.id)),
        )
        .returning({ id: users.id });
      try {
        const [ab, ba] = await Promise.all([put(a, b.id, body), put(b, a.id, body)]);
        const results = [ab, ba];
        const ok = results.filter((r) => r.status === 200);
        const refused = results.filter((r) => r.status !== 200);
        expect(ok, JSON.stringify(results.map((r) => r.body))).toHaveLength(1);
        // The loser is refused: 409 INVALID_STATE when it got past authorization before the winner
        // committed; otherwise it already arrives demoted (PERMISSION_DENIED) or banned (ACCOUNT_DISABLED).
        const loser = refused[0]!;
        const outcome = `${loser.status} ${loser.body.error_code}`;
        expect(['409 INVALID_STATE', '403 PERMISSION_DENIED', '403 ACCOUNT_DISABLED']).toContain(outcome);
        expectError(loser, loser.status, loser.body.error_code);
        const remaining = await app.db
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'super_admin'), eq(users.status, 'active')));
        expect(remaining.map((r) => r.id).filter((id) => id === a.id || id === b.id)).toHaveLength(1);
      } finally {
        for (const { id } of others) await app.db.update(users).set({ status: 'active' }).where(eq(users.id, id));
      }
    },
  );

  it.each([
    ['demoted', (ctx: Parameters<typeof adminUpdateUser>[0], id: number) => adminUpdateUser(ctx, id, { role: 'admin' })],
    ['banned', (ctx: Parameters<typeof adminUpdateUser>[0], id: number) => adminUpdateUser(ctx, id, { status: 'banned' })],
    ['deleted', (ctx: Parameters<typeof adminUpdateUser>[0], id: number) => adminDeleteUser(ctx, id)],
  ] as const)(
    'PUT/DELETE /api/v1/admin/users/:id – 409 INVALID_STATE: the last active super_admin cannot be %s (a request authorized just before its caller lost the role)',
    async (_verb, act) => {
      const last = await createUser(app, { role: 'super_admin' });
      const stale = await createUser(app, { role: 'super_admin' });
      const others = await app.db
        .update(users)
        .set({ status: 'suspended' })
        .where(and(eq(users.role, 'super_admin'), eq(users.status, 'active'), ne(users.id, last.id)))
        .returning({ id: users.id });
      try {
        // `stale` was a super_admin when its request was authorized; `last` is now the only active one.
        const ctx = {
          db: app.db,
          user: {
            id: stale.id,
            username: stale.username,
            email: stale.email,
            role: 'super_admin' as const,
            status: 'active' as const,
            sessionId: 1,
            familyId: '00000000-0000-0000-0000-000000000000',
            via: 'bearer' as const,
          },
        };
        const err = await act(ctx, last.id).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, 'the last super_admin was changed').toBeDefined();
        const mapped = toErrorBody(err);
        expect({ status: mapped.status, code: mapped.body.error_code }).toEqual({ status: 409, code: 'INVALID_STATE' });
        expect(await row(last.id)).toMatchObject({ role: 'super_admin', status: 'active' });
      } finally {
        for (const { id } of others) await app.db.update(users).set({ status: 'active' }).where(eq(users.id, id));
      }
    },
  );

  it.each([
    ['an empty body', {}, []],
    ['an unknown role', { role: 'owner' }, ['role']],
    ['an unknown status', { status: 'deleted' }, ['status']],
    ['an unknown key', { role: 'user', email: 'x@example.test' }, undefined],
  ] as const)('PUT /api/v1/admin/users/:id – 400 INVALID_INPUT for %s', async (_case, body, fields) => {
    const target = await createUser(app);
    const res = await put(admin, target.id, body);
    expectError(res, 400, 'INVALID_INPUT', fields && fields.length ? [...fields] : undefined);
    expect(res.body.details?.length ?? 0).toBeGreaterThan(0);
    expect(await row(target.id)).toMatchObject({ role: 'user', status: 'active', email: target.email });
  });

  it('PUT /api/v1/admin/users/:id – 404 USER_NOT_FOUND for an unknown id', async () => {
    expectError(await put(admin, 2147483647, { role: 'moderator' }), 404, 'USER_NOT_FOUND');
  });
});

describe('DELETE /api/v1/admin/users/:id', () => {
  it('DELETE /api/v1/admin/users/:id – an admin deletes a user: row and sessions gone, token refused', async () => {
    const target = await createUser(app);
    const res = await api.delete(`/api/v1/admin/users/${target.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expect(await row(target.id)).toBeUndefined();
    expect(await app.db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    expectError(await api.get('/api/v1/auth/me', { token: target.token }), 401, 'UNAUTHORIZED');
    expectError(await api.get(`/api/v1/admin/users/${target.id}`, { token: admin.token }), 404, 'USER_NOT_FOUND');
    expectError(await api.delete(`/api/v1/admin/users/${target.id}`, { token: admin.token }), 404, 'USER_NOT_FOUND');
  });

  it('DELETE /api/v1/admin/users/:id – an admin deletes a moderator', async () => {
    const target = await createUser(app, { role: 'moderator' });
    expect((await api.delete(`/api/v1/admin/users/${target.id}`, { token: admin.token })).status).toBe(200);
  });

  it('DELETE /api/v1/admin/users/:id – 404 USER_NOT_FOUND for an unknown id', async () => {
    expectError(await api.delete('/api/v1/admin/users/2147483647', { token: admin.token }), 404, 'USER_NOT_FOUND');
  });

  it('DELETE /api/v1/admin/users/:id – 403 PERMISSION_DENIED for an admin on an admin or on themself', async () => {
    const other = await createUser(app, { role: 'admin' });
    expectError(await api.delete(`/api/v1/admin/users/${other.id}`, { token: admin.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.delete(`/api/v1/admin/users/${admin.id}`, { token: admin.token }), 403, 'PERMISSION_DENIED');
    expect(await row(other.id)).toBeDefined();
    expect(await row(admin.id)).toBeDefined();
  });

  it('DELETE /api/v1/admin/users/:id – a super_admin deletes an admin', async () => {
    const other = await createUser(app, { role: 'admin' });
    expect((await api.delete(`/api/v1/admin/users/${other.id}`, { token: superAdmin.token })).status).toBe(200);
    expect(await row(other.id)).toBeUndefined();
  });
});
