import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema/sessions';
import { users } from '@/db/schema/users';
import { hashRefreshToken } from '@/lib/auth/tokens';
import { apiClient, createUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
});
afterAll(() => app?.close());

const NEW = 'a brand new passphrase';

async function hashOf(id: number) {
  const [row] = await app.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id));
  return row!.h;
}

describe('PUT /api/v1/users/password', () => {
  it('PUT /api/v1/users/password – 200: the old password stops working, the new one works', async () => {
    const user = await createUser(app);
    const before = await hashOf(user.id);
    const res = await api.put(
      '/api/v1/users/password',
      { current_password: user.password, new_password: NEW },
      { token: user.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    const after = await hashOf(user.id);
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\$argon2id\$/);
    expectError(await api.post('/api/v1/auth/login', { email: user.email, password: user.password }), 401, 'INVALID_CREDENTIALS');
    expect((await api.post('/api/v1/auth/login', { email: user.email, password: NEW })).status).toBe(200);
  });

  it('PUT /api/v1/users/password – other sessions are revoked, the current one keeps working', async () => {
    const user = await createUser(app);
    const second = await api.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const res = await api.put(
      '/api/v1/users/password',
      { current_password: user.password, new_password: NEW },
      { token: user.token },
    );
    expect(res.status).toBe(200);

    expectError(await api.get('/api/v1/auth/me', { token: second.body.data.access_token }), 401, 'UNAUTHORIZED');
    expectError(
      await api.post('/api/v1/auth/refresh', { refresh_token: second.body.data.refresh_token }),
      401,
      'UNAUTHORIZED',
    );
    const [revoked] = await app.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashRefreshToken(second.body.data.refresh_token)));
    expect(revoked!.revokedReason).toBe('password changed');

    expect((await api.get('/api/v1/auth/me', { token: user.token })).status).toBe(200);
    expect((await api.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken })).status).toBe(200);
  });

  it('PUT /api/v1/users/password – 401 INVALID_CREDENTIALS naming current_password when it is wrong; nothing changes', async () => {
    const user = await createUser(app);
    const second = await api.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const before = await hashOf(user.id);
    const res = await api.put(
      '/api/v1/users/password',
      { current_password: 'not my password', new_password: NEW },
      { token: user.token },
    );
    expectError(res, 401, 'INVALID_CREDENTIALS', ['current_password']);
    expect(await hashOf(user.id)).toBe(before);
    // A wrong current password must not sign the caller out.
    expect((await api.get('/api/v1/auth/me', { token: user.token })).status).toBe(200);
    expect((await api.get('/api/v1/auth/me', { token: second.body.data.access_token })).status).toBe(200);
  });

  it.each([
    ['7 characters', 'short77'],
    ['129 characters', 'p'.repeat(129)],
  ])('PUT /api/v1/users/password – 400 INVALID_INPUT naming new_password at %s', async (_case, password) => {
    const user = await createUser(app);
    const before = await hashOf(user.id);
    const res = await api.put(
      '/api/v1/users/password',
      { current_password: user.password, new_password: password },
      { token: user.token },
    );
    expectError(res, 400, 'INVALID_INPUT', ['new_password']);
    expect(await hashOf(user.id)).toBe(before);
  });

  it('PUT /api/v1/users/password – 400 INVALID_INPUT when the new password equals the current one', async () => {
    const user = await createUser(app);
    const res = await api.put(
      '/api/v1/users/password',
      { current_password: user.password, new_password: user.password },
      { token: user.token },
    );
    expectError(res, 400, 'INVALID_INPUT', ['new_password']);
  });

  it('PUT /api/v1/users/password – 400 INVALID_INPUT for missing fields and unknown keys', async () => {
    const user = await createUser(app);
    expectError(await api.put('/api/v1/users/password', {}, { token: user.token }), 400, 'INVALID_INPUT', [
      'current_password',
      'new_password',
    ]);
    expectError(
      await api.put(
        '/api/v1/users/password',
        { current_password: user.password, new_password: NEW, confirm: NEW },
        { token: user.token },
      ),
      400,
      'INVALID_INPUT',
    );
    expect((await api.post('/api/v1/auth/login', { email: user.email, password: user.password })).status).toBe(200);
  });

  it('PUT /api/v1/users/password – 401 UNAUTHORIZED anonymously', async () => {
    expectError(await api.put('/api/v1/users/password', { current_password: 'x', new_password: NEW }), 401, 'UNAUTHORIZED');
  });

  it('PUT /api/v1/users/password – 429 RATE_LIMITED after 5 wrong current passwords, even with the right one', async () => {
    const user = await createUser(app);
    for (let i = 0; i < 5; i++) {
      const res = await api.put('/api/v1/users/password', { current_password: `guess ${i}!`, new_password: NEW }, { token: user.token });
      expectError(res, 401, 'INVALID_CREDENTIALS', ['current_password']);
    }
    const blocked = await api.put('/api/v1/users/password', { current_password: user.password, new_password: NEW }, { token: user.token });
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The password did not change: the old one still signs in.
    expect((await api.post('/api/v1/auth/login', { email: user.email, password: user.password })).status).toBe(200);
  });
});
