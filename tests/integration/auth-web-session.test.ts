import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema/sessions';
import { users } from '@/db/schema/users';
import { useLoginStore } from '@/lib/auth/throttle';
import { MemoryCounterStore } from '@/lib/rate-limit';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { webSignIn, webSignOut, type WebSession } from '../helpers/next-auth-session';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
});
afterAll(() => app?.close());
beforeEach(() => useLoginStore(new MemoryCounterStore()));

async function webSessions(user: TestUser) {
  return app.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), eq(sessions.kind, 'web')));
}

async function signedIn(user: TestUser): Promise<WebSession> {
  const session = await webSignIn(app, user.email, user.password);
  expect(session.jar.cookies.has('authjs.session-token')).toBe(true);
  return session;
}

const withCookie = (session: WebSession, headers: Record<string, string> = {}) => ({
  headers: { cookie: session.jar.sessionHeader(), ...headers },
});

describe('web sign-in (next-auth credentials)', () => {
  it('POST /api/auth/callback/credentials – sets an HttpOnly session cookie and records a web session row', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    expect(session.callback.status).toBe(302);
    const cookie = session.callback.setCookies.find((c) => c.startsWith('authjs.session-token='))!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    // Only ids travel in the (encrypted) cookie, never the email.
    expect(cookie).not.toContain(encodeURIComponent(user.email));
    const rows = await webSessions(user);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'web', tokenHash: null, revokedAt: null });
  });

  it('POST /api/auth/callback/credentials – redirects to the callbackUrl on the request’s own origin', async () => {
    const user = await createUser(app);
    const session = await webSignIn(app, user.email, user.password, '/profile');
    expect(session.callback.location).toBe(`${app.url}/profile`);
  });

  it('POST /api/auth/callback/credentials – a wrong password sets no session cookie and says INVALID_CREDENTIALS', async () => {
    const user = await createUser(app);
    const session = await webSignIn(app, user.email, 'wrong password!');
    expect(session.jar.cookies.has('authjs.session-token')).toBe(false);
    expect(new URL(session.callback.location!).searchParams.get('code')).toBe('INVALID_CREDENTIALS');
    expect(await webSessions(user)).toHaveLength(0);
  });

  it('POST /api/auth/callback/credentials – a banned account is refused with ACCOUNT_DISABLED', async () => {
    const user = await createUser(app);
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, user.id));
    const session = await webSignIn(app, user.email, user.password);
    expect(session.jar.cookies.has('authjs.session-token')).toBe(false);
    expect(new URL(session.callback.location!).searchParams.get('code')).toBe('ACCOUNT_DISABLED');
  });

  it('POST /api/auth/callback/credentials – shares the login throttle with the API (RATE_LIMITED)', async () => {
    const user = await createUser(app);
    for (let i = 0; i < 5; i++) {
      expectError(await api.post('/api/v1/auth/login', { email: user.email, password: 'wrong!!!' }), 401, 'INVALID_CREDENTIALS');
    }
    const session = await webSignIn(app, user.email, user.password);
    expect(session.jar.cookies.has('authjs.session-token')).toBe(false);
    expect(new URL(session.callback.location!).searchParams.get('code')).toBe('RATE_LIMITED');
  });
});

describe('the session cookie on the API', () => {
  it('GET /api/v1/auth/me – the session cookie authenticates as the same user as the Bearer token', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const viaCookie = await api.get('/api/v1/auth/me', withCookie(session));
    const viaBearer = await api.get('/api/v1/auth/me', { token: user.token });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body).toEqual(viaBearer.body);
    expect((await api.get('/api/v1/users/me', withCookie(session))).body).toEqual(viaBearer.body);
  });

  it('GET /api/v1/auth/me – a tampered or foreign cookie is no session: 401 UNAUTHORIZED', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const value = session.jar.cookies.get('authjs.session-token')!;
    const tampered = value.slice(0, -6) + (value.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expectError(
      await api.get('/api/v1/auth/me', { headers: { cookie: `authjs.session-token=${tampered}` } }),
      401,
      'UNAUTHORIZED',
    );
    expectError(await api.get('/api/v1/auth/me', { headers: { cookie: 'authjs.session-token=garbage' } }), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – 401 once the web session row has expired', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    await app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(sessions.userId, user.id), eq(sessions.kind, 'web')));
    expectError(await api.get('/api/v1/auth/me', withCookie(session)), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/auth/me – a cookie of a banned user is refused at once', async () => {
    const admin = await createUser(app, { role: 'admin' });
    const user = await createUser(app);
    const session = await signedIn(user);
    expect((await api.put(`/api/v1/admin/users/${user.id}`, { status: 'banned' }, { token: admin.token })).status).toBe(200);
    const res = await api.get('/api/v1/auth/me', withCookie(session));
    expect([401, 403]).toContain(res.status);
    expect(['UNAUTHORIZED', 'ACCOUNT_DISABLED']).toContain(res.body.error_code);
    expect((await webSessions(user))[0]!.revokedAt).toBeInstanceOf(Date);
  });

  it('PUT /api/v1/users/password – a password change through the API ends the web session', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    expect(
      (await api.put('/api/v1/users/password', { current_password: user.password, new_password: 'new passphrase 1' }, { token: user.token }))
        .status,
    ).toBe(200);
    expectError(await api.get('/api/v1/auth/me', withCookie(session)), 401, 'UNAUTHORIZED');
  });
});

describe('cross-site requests with the session cookie', () => {
  it('PUT /api/v1/users/me – 403 PERMISSION_DENIED for a cookie-authenticated request from a foreign Origin; nothing changes', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const res = await api.put('/api/v1/users/me', { bio: 'pwned' }, withCookie(session, { origin: 'https://evil.example' }));
    expectError(res, 403, 'PERMISSION_DENIED');
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.bio).toBeNull();
  });

  it('POST /api/v1/auth/logout – a foreign Origin cannot sign the cookie user out', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    expectError(
      await api.post('/api/v1/auth/logout', {}, withCookie(session, { origin: 'https://evil.example' })),
      403,
      'PERMISSION_DENIED',
    );
    expect((await api.get('/api/v1/auth/me', withCookie(session))).status).toBe(200);
  });

  it('PUT /api/v1/users/me – 403 without Origin when Sec-Fetch-Site says cross-site', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const res = await api.put('/api/v1/users/me', { bio: 'x' }, withCookie(session, { 'sec-fetch-site': 'cross-site' }));
    expectError(res, 403, 'PERMISSION_DENIED');
  });

  it('PUT /api/v1/users/me – same-origin cookie requests and requests without Origin are accepted', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const same = await api.put('/api/v1/users/me', { bio: 'same origin' }, withCookie(session, { origin: app.url }));
    expect(same.status).toBe(200);
    expect(same.body.data.bio).toBe('same origin');
    const none = await api.put('/api/v1/users/me', { bio: 'no origin' }, withCookie(session, { 'sec-fetch-site': 'same-origin' }));
    expect(none.status).toBe(200);
  });

  it('GET /api/v1/auth/me – safe methods with the cookie are not refused for a foreign Origin', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const res = await api.get('/api/v1/auth/me', withCookie(session, { origin: 'https://evil.example' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('PUT /api/v1/users/me – a Bearer request from a foreign Origin is accepted (tokens are never sent implicitly)', async () => {
    const user = await createUser(app);
    const res = await api.put('/api/v1/users/me', { bio: 'bearer' }, { token: user.token, headers: { origin: 'https://other.example' } });
    expect(res.status).toBe(200);
  });
});

describe('web sign-out', () => {
  it('POST /api/auth/signout – revokes the web session row; the cookie stops authenticating', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const cookie = session.jar.sessionHeader();
    const res = await webSignOut(app, session);
    expect(res.status).toBe(302);
    expect(session.jar.cookies.has('authjs.session-token')).toBe(false);
    const rows = await webSessions(user);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revokedAt).toBeInstanceOf(Date);
    expect(rows[0]!.revokedReason).toBe('web sign-out');
    // A copy of the old cookie (another tab, a thief) no longer works either.
    expectError(await api.get('/api/v1/auth/me', { headers: { cookie } }), 401, 'UNAUTHORIZED');
    // The API login of the same user is untouched.
    expect((await api.get('/api/v1/auth/me', { token: user.token })).status).toBe(200);
  });

  it('POST /api/auth/signout – without the CSRF token nothing is revoked', async () => {
    const user = await createUser(app);
    const session = await signedIn(user);
    const res = await fetch(`${app.url}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.jar.sessionHeader() },
      body: new URLSearchParams({ callbackUrl: '/' }),
    });
    await res.text();
    expect((await webSessions(user))[0]!.revokedAt).toBeNull();
    expect((await api.get('/api/v1/auth/me', withCookie(session))).status).toBe(200);
  });
});
