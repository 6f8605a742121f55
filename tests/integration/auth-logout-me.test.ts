import { eq } from 'drizzle-orm';
import { decodeJwt, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema/sessions';
import { users } from '@/db/schema/users';
import { hashRefreshToken, signAccessToken } from '@/lib/auth/tokens';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let alice: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  alice = await createUser(app);
});
afterAll(() => app?.close());

const me = (authorization?: string) =>
  api.get('/api/v1/auth/me', authorization ? { headers: { authorization } } : {});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function sessionOf(refreshToken: string) {
  const [row] = await app.db.select().from(sessions).where(eq(sessions.tokenHash, hashRefreshToken(refreshToken)));
  return row!;
}

describe('GET /api/v1/auth/me', () => {
  it('GET /api/v1/auth/me – 200 with the full profile of the caller', async () => {
    const res = await api.get('/api/v1/auth/me', { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: {
        id: alice.id,
        username: alice.username,
        email: alice.email,
        role: 'user',
        first_name: null,
        last_name: null,
        bio: null,
        avatar: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    });
  });

  it('GET /api/v1/auth/me – the scheme name is case-insensitive', async () => {
    expect((await me(`bearer ${alice.token}`)).status).toBe(200);
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED without credentials', async () => {
    expectError(await me(), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 TOKEN_EXPIRED for an expired access token', async () => {
    const { sid } = decodeJwt(alice.token) as { sid: number };
    const { token } = await signAccessToken({
      userId: alice.id,
      username: alice.username,
      role: 'user',
      sessionId: sid,
      issuedAt: Math.floor(Date.now() / 1000) - 3600,
    });
    expectError(await me(`Bearer ${token}`), 401, 'TOKEN_EXPIRED');
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED for a token signed with another key', async () => {
    const claims = decodeJwt(alice.token);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(randomBytes(32));
    expectError(await me(`Bearer ${token}`), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED for an unsigned `alg: none` token', async () => {
    const claims = decodeJwt(alice.token);
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    expectError(await me(`Bearer ${token}`), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED for a tampered payload (role raised to admin)', async () => {
    const [header, , signature] = alice.token.split('.');
    const payload = b64url({ ...decodeJwt(alice.token), role: 'admin' });
    expectError(await me(`Bearer ${header}.${payload}.${signature}`), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED for a tampered payload (another user id)', async () => {
    const bob = await createUser(app);
    const [header, , signature] = alice.token.split('.');
    const payload = b64url({ ...decodeJwt(alice.token), sub: String(bob.id), user_id: bob.id });
    expectError(await me(`Bearer ${header}.${payload}.${signature}`), 401, 'UNAUTHORIZED');
  });

  it.each([
    ['the Basic scheme', 'Basic xyz'],
    ['a bare token', 'TOKEN'],
    ['an empty Bearer', 'Bearer '],
    ['two tokens', 'Bearer a b'],
    ['garbage', 'Bearer not.a.jwt'],
  ])('GET /api/v1/auth/me – 401 UNAUTHORIZED for %s', async (_case, header) => {
    expectError(await me(header === 'TOKEN' ? alice.token : header), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – a bad Bearer token is refused even when a session cookie is also sent', async () => {
    const res = await api.get('/api/v1/auth/me', {
      headers: { authorization: 'Bearer nope', cookie: 'authjs.session-token=whatever' },
    });
    expectError(res, 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED for a valid signature whose session no longer exists', async () => {
    const user = await createUser(app);
    await app.db.delete(sessions).where(eq(sessions.userId, user.id));
    expectError(await api.get('/api/v1/auth/me', { token: user.token }), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 UNAUTHORIZED once the account is deleted', async () => {
    const user = await createUser(app);
    await app.db.delete(users).where(eq(users.id, user.id));
    expectError(await api.get('/api/v1/auth/me', { token: user.token }), 401, 'UNAUTHORIZED');
  });

  it.each([['suspended'], ['banned']] as const)(
    'GET /api/v1/auth/me – 403 ACCOUNT_DISABLED for a %s account on its next request',
    async (status) => {
      const user = await createUser(app);
      await app.db.update(users).set({ status }).where(eq(users.id, user.id));
      expectError(await api.get('/api/v1/auth/me', { token: user.token }), 403, 'ACCOUNT_DISABLED');
    },
  );
});

describe('POST /api/v1/auth/logout', () => {
  it('POST /api/v1/auth/logout – without a body revokes the current session: its access and refresh tokens stop working', async () => {
    const user = await createUser(app);
    const res = await api.post('/api/v1/auth/logout', undefined, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    const row = await sessionOf(user.refreshToken);
    expect(row.revokedAt).toBeInstanceOf(Date);
    expect(row.revokedReason).toBe('logout');
    expectError(await api.get('/api/v1/auth/me', { token: user.token }), 401, 'UNAUTHORIZED');
    expectError(await api.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken }), 401, 'UNAUTHORIZED');
  });

  it('POST /api/v1/auth/logout – with a truly empty body (no JSON) also logs out', async () => {
    const user = await createUser(app);
    const res = await api.call('POST', '/api/v1/auth/logout', undefined, { token: user.token });
    expect(res.status).toBe(200);
    expect((await sessionOf(user.refreshToken)).revokedAt).toBeInstanceOf(Date);
  });

  it('POST /api/v1/auth/logout – the current session only: the user’s other logins stay valid', async () => {
    const user = await createUser(app);
    const other = await api.post('/api/v1/auth/login', { email: user.email, password: user.password });
    expect((await api.post('/api/v1/auth/logout', {}, { token: user.token })).status).toBe(200);
    expect((await api.get('/api/v1/auth/me', { token: other.body.data.access_token })).status).toBe(200);
  });

  it('POST /api/v1/auth/logout – after a rotation revokes the whole family (older rows included)', async () => {
    const user = await createUser(app);
    const rotated = await api.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken });
    const res = await api.post('/api/v1/auth/logout', {}, { token: rotated.body.data.access_token });
    expect(res.status).toBe(200);
    expect((await sessionOf(user.refreshToken)).revokedAt).toBeInstanceOf(Date);
    expect((await sessionOf(rotated.body.data.refresh_token)).revokedAt).toBeInstanceOf(Date);
    expectError(
      await api.post('/api/v1/auth/refresh', { refresh_token: rotated.body.data.refresh_token }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('POST /api/v1/auth/logout – with the caller’s refresh_token revokes that session, the current one stays', async () => {
    const user = await createUser(app);
    const phone = await api.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const res = await api.post('/api/v1/auth/logout', { refresh_token: phone.body.data.refresh_token }, { token: user.token });
    expect(res.status).toBe(200);
    expect((await sessionOf(phone.body.data.refresh_token)).revokedAt).toBeInstanceOf(Date);
    expect((await sessionOf(user.refreshToken)).revokedAt).toBeNull();
    expectError(await api.get('/api/v1/auth/me', { token: phone.body.data.access_token }), 401, 'UNAUTHORIZED');
    expect((await api.get('/api/v1/auth/me', { token: user.token })).status).toBe(200);
  });

  it('POST /api/v1/auth/logout – 401 UNAUTHORIZED for someone else’s refresh token, which stays valid', async () => {
    const attacker = await createUser(app);
    const victim = await createUser(app);
    const res = await api.post('/api/v1/auth/logout', { refresh_token: victim.refreshToken }, { token: attacker.token });
    expectError(res, 401, 'UNAUTHORIZED');
    expect((await sessionOf(victim.refreshToken)).revokedAt).toBeNull();
    expect((await sessionOf(attacker.refreshToken)).revokedAt).toBeNull();
    expect((await api.post('/api/v1/auth/refresh', { refresh_token: victim.refreshToken })).status).toBe(200);
  });

  it('POST /api/v1/auth/logout – 401 UNAUTHORIZED for an unknown refresh token', async () => {
    const user = await createUser(app);
    expectError(
      await api.post('/api/v1/auth/logout', { refresh_token: 'unknown-token' }, { token: user.token }),
      401,
      'UNAUTHORIZED',
    );
    expect((await api.get('/api/v1/auth/me', { token: user.token })).status).toBe(200);
  });

  it('POST /api/v1/auth/logout – 401 UNAUTHORIZED anonymously, even with a refresh token', async () => {
    const user = await createUser(app);
    expectError(await api.post('/api/v1/auth/logout', {}), 401, 'UNAUTHORIZED');
    expectError(await api.post('/api/v1/auth/logout', { refresh_token: user.refreshToken }), 401, 'UNAUTHORIZED');
    expect((await sessionOf(user.refreshToken)).revokedAt).toBeNull();
  });

  it('POST /api/v1/auth/logout – 400 INVALID_INPUT for an unknown key', async () => {
    const user = await createUser(app);
    expectError(await api.post('/api/v1/auth/logout', { everywhere: true }, { token: user.token }), 400, 'INVALID_INPUT');
    expect((await sessionOf(user.refreshToken)).revokedAt).toBeNull();
  });
});
