import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { webSignIn } from '../helpers/next-auth-session';
import { startTestApp, type TestApp } from '../helpers/server';

const ALLOWED = 'https://app.example';
const FOREIGN = 'https://evil.example';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let user: TestUser;

beforeAll(async () => {
  app = await startTestApp({ CORS_ALLOWED_ORIGINS: `${ALLOWED}, https://second.example/` });
  api = apiClient(app);
  user = await createUser(app);
});
afterAll(() => app?.close());

function preflight(path: string, origin: string, method = 'POST', headers = 'authorization, content-type') {
  return fetch(`${app.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

describe('CORS with CORS_ALLOWED_ORIGINS', () => {
  it('OPTIONS /api/v1/auth/login – 204 preflight for an allowed origin with Allow-Origin, -Methods, -Headers and credentials', async () => {
    const res = await preflight('/api/v1/auth/login', ALLOWED);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const methods = res.headers.get('access-control-allow-methods')!.split(',').map((m) => m.trim());
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    expect(res.headers.get('access-control-allow-headers')!.toLowerCase()).toContain('authorization');
    expect(res.headers.get('access-control-allow-headers')!.toLowerCase()).toContain('content-type');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('OPTIONS /api/v1/users/me – a second configured origin (given with a trailing slash) is allowed too', async () => {
    const res = await preflight('/api/v1/users/me', 'https://second.example', 'PUT');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://second.example');
  });

  it('OPTIONS /api/v1/auth/login – a disallowed origin gets no Access-Control-Allow-Origin', async () => {
    const res = await preflight('/api/v1/auth/login', FOREIGN);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('OPTIONS /api/v1/auth/login – an origin that only shares a prefix is not allowed', async () => {
    for (const origin of [`${ALLOWED}.evil.example`, 'http://app.example', `${ALLOWED}:8443`]) {
      const res = await preflight('/api/v1/auth/login', origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('POST /api/v1/auth/login – an allowed origin can read the answer and the exposed headers', async () => {
    const res = await api.post(
      '/api/v1/auth/login',
      { email: user.email, password: user.password },
      { headers: { origin: ALLOWED } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const exposed = res.headers.get('access-control-expose-headers')!;
    expect(exposed).toContain('Retry-After');
    expect(exposed).toContain('X-Request-Id');
  });

  it('GET /api/v1/auth/me – a disallowed origin gets the answer without CORS headers (the browser hides it)', async () => {
    const res = await api.get('/api/v1/auth/me', { token: user.token, headers: { origin: FOREIGN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GET /api/v1/nope – the 404 and 405 envelopes carry CORS headers for an allowed origin', async () => {
    const notFound = await api.get('/api/v1/nope', { headers: { origin: ALLOWED } });
    expectError(notFound, 404, 'NOT_FOUND');
    expect(notFound.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const notAllowed = await api.call('DELETE', '/api/v1/auth/login', undefined, { headers: { origin: ALLOWED } });
    expectError(notAllowed, 405, 'METHOD_NOT_ALLOWED');
    expect(notAllowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('GET / – pages are not given CORS headers', async () => {
    const res = await fetch(`${app.url}/`, { headers: { origin: ALLOWED } });
    await res.text();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('cookie-authenticated writes and CORS_ALLOWED_ORIGINS', () => {
  it('PUT /api/v1/users/me – accepted from an allowed origin, 403 PERMISSION_DENIED from a foreign one', async () => {
    const member = await createUser(app);
    const session = await webSignIn(app, member.email, member.password);
    const cookie = session.jar.sessionHeader();

    const allowed = await api.put('/api/v1/users/me', { bio: 'from the app' }, { headers: { cookie, origin: ALLOWED } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);

    const foreign = await api.put('/api/v1/users/me', { bio: 'from evil' }, { headers: { cookie, origin: FOREIGN } });
    expectError(foreign, 403, 'PERMISSION_DENIED');
    const [row] = await app.db.select().from(users).where(eq(users.id, member.id));
    expect(row!.bio).toBe('from the app');
  });

  it('PUT /api/v1/users/me – a malformed Origin is refused for a cookie request', async () => {
    const member = await createUser(app);
    const session = await webSignIn(app, member.email, member.password);
    const res = await api.put('/api/v1/users/me', { bio: 'x' }, { headers: { cookie: session.jar.sessionHeader(), origin: 'null' } });
    expectError(res, 403, 'PERMISSION_DENIED');
  });
});
