import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema/sessions';
import { users } from '@/db/schema/users';
import { hashRefreshToken, successorRefreshToken } from '@/lib/auth/tokens';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
});
afterAll(() => app?.close());

const refresh = (token: string) => api.post('/api/v1/auth/refresh', { refresh_token: token });

async function sessionOf(token: string) {
  const [row] = await app.db.select().from(sessions).where(eq(sessions.tokenHash, hashRefreshToken(token)));
  return row!;
}

async function family(user: TestUser) {
  const { familyId } = await sessionOf(user.refreshToken);
  return app.db.select().from(sessions).where(eq(sessions.familyId, familyId));
}

describe('POST /api/v1/auth/refresh', () => {
  it('POST /api/v1/auth/refresh – 200 with a new pair; the old row is marked rotated, the new one joins the family', async () => {
    const user = await createUser(app);
    const res = await refresh(user.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: {
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: expect.any(Number),
      },
    });
    const { access_token, refresh_token, expires_in } = res.body.data;
    expect(refresh_token).not.toBe(user.refreshToken);
    expect(expires_in).toBeGreaterThan(890);
    expect(expires_in).toBeLessThanOrEqual(900);
    expect(decodeJwt(access_token)).toMatchObject({ sub: String(user.id), user_id: user.id, username: user.username, role: 'user' });

    const old = await sessionOf(user.refreshToken);
    const next = await sessionOf(refresh_token);
    expect(old.rotatedAt).toBeInstanceOf(Date);
    expect(old.revokedAt).toBeNull();
    expect(next).toMatchObject({ familyId: old.familyId, userId: user.id, rotatedAt: null, revokedAt: null, kind: 'api' });

    // The new pair works: the access token on /auth/me, the refresh token for another rotation.
    expect((await api.get('/api/v1/auth/me', { token: access_token })).status).toBe(200);
    const again = await refresh(refresh_token);
    expect(again.status).toBe(200);
    expect(again.body.data.refresh_token).not.toBe(refresh_token);
  });

  it('POST /api/v1/auth/refresh – the access token reflects the current role', async () => {
    const user = await createUser(app);
    await app.db.update(users).set({ role: 'moderator' }).where(eq(users.id, user.id));
    const res = await refresh(user.refreshToken);
    expect(decodeJwt(res.body.data.access_token).role).toBe('moderator');
  });

  it('POST /api/v1/auth/refresh – the same token again within 10 s answers the very same pair', async () => {
    const user = await createUser(app);
    const first = await refresh(user.refreshToken);
    const second = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.data.access_token).toBe(first.body.data.access_token);
    expect(second.body.data.refresh_token).toBe(first.body.data.refresh_token);
    // No extra row and nothing revoked.
    const rows = await family(user);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.revokedAt === null)).toBe(true);
    expect((await api.get('/api/v1/auth/me', { token: second.body.data.access_token })).status).toBe(200);
  });

  it('POST /api/v1/auth/refresh – two concurrent refreshes with one token both get the same pair', async () => {
    const user = await createUser(app);
    const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.data.refresh_token).toBe(b.body.data.refresh_token);
    expect(a.body.data.access_token).toBe(b.body.data.access_token);
    expect(await family(user)).toHaveLength(2);
  });

  it('POST /api/v1/auth/refresh – reuse after 10 s: 401 and the whole family revoked (newest tokens too)', async () => {
    const user = await createUser(app);
    const rotated = await refresh(user.refreshToken);
    const newest = await refresh(rotated.body.data.refresh_token);
    expect(newest.status).toBe(200);
    // The first token was rotated 11 s ago: past the grace window.
    await app.db
      .update(sessions)
      .set({ rotatedAt: new Date(Date.now() - 11_000) })
      .where(eq(sessions.tokenHash, hashRefreshToken(user.refreshToken)));

    const reuse = await refresh(user.refreshToken);
    expectError(reuse, 401, 'UNAUTHORIZED');
    expect(reuse.body.error).toMatch(/reuse/i);

    const rows = await family(user);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.revokedAt).toBeInstanceOf(Date);
      expect(row.revokedReason).toBe('refresh token reuse');
    }
    expectError(await refresh(newest.body.data.refresh_token), 401, 'UNAUTHORIZED');
    expectError(await api.get('/api/v1/auth/me', { token: newest.body.data.access_token }), 401, 'UNAUTHORIZED');
    expectError(await api.get('/api/v1/auth/me', { token: user.token }), 401, 'UNAUTHORIZED');
  });

  it('POST /api/v1/auth/refresh – reuse revokes only that family, not the user’s other logins', async () => {
    const user = await createUser(app);
    const otherLogin = await api.post('/api/v1/auth/login', { email: user.email, password: user.password });
    await refresh(user.refreshToken);
    await app.db
      .update(sessions)
      .set({ rotatedAt: new Date(Date.now() - 11_000) })
      .where(eq(sessions.tokenHash, hashRefreshToken(user.refreshToken)));
    expectError(await refresh(user.refreshToken), 401, 'UNAUTHORIZED');
    expect((await api.get('/api/v1/auth/me', { token: otherLogin.body.data.access_token })).status).toBe(200);
    expect((await refresh(otherLogin.body.data.refresh_token)).status).toBe(200);
  });

  it('POST /api/v1/auth/refresh – 401 TOKEN_EXPIRED for an expired refresh token', async () => {
    const user = await createUser(app);
    await app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.tokenHash, hashRefreshToken(user.refreshToken)));
    expectError(await refresh(user.refreshToken), 401, 'TOKEN_EXPIRED');
    expect((await sessionOf(user.refreshToken)).rotatedAt).toBeNull();
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['a random token of the right shape', 'A'.repeat(43)],
  ])('POST /api/v1/auth/refresh – 401 UNAUTHORIZED for %s', async (_case, value) => {
    expectError(await refresh(value), 401, 'UNAUTHORIZED');
  });

  it('POST /api/v1/auth/refresh – 401 UNAUTHORIZED for the successor token of a token never rotated', async () => {
    // Successors are derived, not random: one must not be usable before its predecessor was rotated.
    const user = await createUser(app);
    expectError(await refresh(successorRefreshToken(user.refreshToken)), 401, 'UNAUTHORIZED');
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('POST /api/v1/auth/refresh – 401 UNAUTHORIZED for a token revoked by logout', async () => {
    const user = await createUser(app);
    expect((await api.post('/api/v1/auth/logout', {}, { token: user.token })).status).toBe(200);
    expectError(await refresh(user.refreshToken), 401, 'UNAUTHORIZED');
  });

  it.each([['banned'], ['suspended']] as const)(
    'POST /api/v1/auth/refresh – 403 ACCOUNT_DISABLED for a %s user, and the family is revoked',
    async (status) => {
      const user = await createUser(app);
      await app.db.update(users).set({ status }).where(eq(users.id, user.id));
      expectError(await refresh(user.refreshToken), 403, 'ACCOUNT_DISABLED');
      const rows = await family(user);
      expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
      // Even once reactivated, that session stays ended.
      await app.db.update(users).set({ status: 'active' }).where(eq(users.id, user.id));
      expectError(await refresh(user.refreshToken), 401, 'UNAUTHORIZED');
    },
  );

  it('POST /api/v1/auth/refresh – 400 INVALID_INPUT without refresh_token, with an unknown key or an oversized token', async () => {
    expectError(await api.post('/api/v1/auth/refresh', {}), 400, 'INVALID_INPUT', ['refresh_token']);
    expectError(await api.post('/api/v1/auth/refresh', { refresh_token: '' }), 400, 'INVALID_INPUT', ['refresh_token']);
    expectError(await api.post('/api/v1/auth/refresh', { refresh_token: 'x'.repeat(201) }), 400, 'INVALID_INPUT', [
      'refresh_token',
    ]);
    expectError(await api.post('/api/v1/auth/refresh', { refresh_token: 'abc', extra: 1 }), 400, 'INVALID_INPUT');
  });
});
