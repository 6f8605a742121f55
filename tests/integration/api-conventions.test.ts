import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let user: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  user = await createUser(app);
});
afterAll(() => app?.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectSecurityHeaders(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(headers.get('x-frame-options')).toBe('DENY');
}

const allowSet = (headers: Headers) =>
  (headers.get('allow') ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean)
    .sort();

describe('unknown paths and methods', () => {
  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v1'],
    ['POST', '/api/v1/auth/nope'],
    ['GET', '/api/v1/users/1/nope'],
    ['DELETE', '/api/v1/admin/nope/1'],
  ])('%s %s – 404 NOT_FOUND JSON envelope', async (method, path) => {
    const res = await api.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
    expectError(res, 404, 'NOT_FOUND');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body.error).toContain(path);
    expectSecurityHeaders(res.headers);
  });

  it.each([
    ['DELETE', '/api/v1/auth/login', ['OPTIONS', 'POST']],
    ['GET', '/api/v1/auth/refresh', ['OPTIONS', 'POST']],
    ['PATCH', '/api/v1/users/me', ['GET', 'HEAD', 'OPTIONS', 'PUT']],
    ['POST', '/api/v1/users/42', ['GET', 'HEAD', 'OPTIONS']],
    ['POST', '/api/v1/admin/users/42', ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT']],
    ['PUT', '/api/v1/users/except-me', ['GET', 'HEAD', 'OPTIONS']],
    ['GET', '/api/v1/users/password', ['OPTIONS', 'PUT']],
    ['POST', '/api/v1/openapi.json', ['GET', 'HEAD', 'OPTIONS']],
  ])('%s %s – 405 METHOD_NOT_ALLOWED envelope with an Allow header', async (method, path, allowed) => {
    const res = await api.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {}, {
      token: user.token,
    });
    expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(allowSet(res.headers)).toEqual(allowed);
    expectSecurityHeaders(res.headers);
  });

  it('HEAD /api/v1/health – answered like GET, without a body', async () => {
    const res = await fetch(`${app.url}/api/v1/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('request bodies', () => {
  it('POST /api/v1/auth/login – 400 INVALID_INPUT for malformed JSON, naming _body', async () => {
    const res = await api.post('/api/v1/auth/login', undefined, {
      raw: 'email=a&password=b',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'INVALID_INPUT', ['_body']);
  });

  it('POST /api/v1/auth/login – an empty body reads as {} and names the missing fields', async () => {
    const res = await api.call('POST', '/api/v1/auth/login');
    expectError(res, 400, 'INVALID_INPUT', ['email', 'password']);
  });

  it('POST /api/v1/auth/register – 413 FILE_TOO_LARGE for a JSON body over 1 MiB', async () => {
    const res = await api.post('/api/v1/auth/register', { username: 'big', bio: 'x'.repeat(1024 * 1024 + 10) });
    expectError(res, 413, 'FILE_TOO_LARGE');
  });
});

describe('security headers', () => {
  it('GET /api/v1/health – API answers carry nosniff, Referrer-Policy, X-Frame-Options DENY and a data-only CSP', async () => {
    const res = await api.get('/api/v1/health');
    expectSecurityHeaders(res.headers);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });

  it('GET /api/v1/auth/me – error answers carry the same headers and no-store', async () => {
    const res = await api.get('/api/v1/auth/me');
    expectError(res, 401, 'UNAUTHORIZED');
    expectSecurityHeaders(res.headers);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('GET / – pages carry a CSP with a per-response nonce that every script tag uses', async () => {
    const [a, b] = await Promise.all([fetch(app.url + '/'), fetch(app.url + '/')]);
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expectSecurityHeaders(res.headers);
    }
    const csp = a.headers.get('content-security-policy')!;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
    expect(b.headers.get('content-security-policy')).not.toContain(nonce!);

    const html = await a.text();
    await b.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('GET /a-page-that-does-not-exist – the 404 page carries the headers too', async () => {
    const res = await fetch(`${app.url}/a-page-that-does-not-exist`);
    await res.text();
    expect(res.status).toBe(404);
    expectSecurityHeaders(res.headers);
    expect(res.headers.get('content-security-policy')).toMatch(/'nonce-/);
  });
});

describe('X-Request-Id', () => {
  it('GET /api/v1/health – echoes a well-formed X-Request-Id', async () => {
    const res = await api.get('/api/v1/health', { headers: { 'x-request-id': 'client-req.0001_abc' } });
    expect(res.headers.get('x-request-id')).toBe('client-req.0001_abc');
  });

  it('GET /api/v1/health – generates one when absent, a new one per request', async () => {
    const [a, b] = await Promise.all([api.get('/api/v1/health'), api.get('/api/v1/health')]);
    expect(a.headers.get('x-request-id')).toMatch(UUID);
    expect(b.headers.get('x-request-id')).toMatch(UUID);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('GET /api/v1/health – replaces a malformed X-Request-Id instead of echoing it', async () => {
    const res = await api.get('/api/v1/health', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('GET /api/v1/nope – the 404 envelope carries the request id, and so do error answers', async () => {
    const notFound = await api.get('/api/v1/nope', { headers: { 'x-request-id': 'req-404-abcdef' } });
    expect(notFound.headers.get('x-request-id')).toBe('req-404-abcdef');
    const unauthorized = await api.get('/api/v1/auth/me', { headers: { 'x-request-id': 'req-401-abcdef' } });
    expect(unauthorized.headers.get('x-request-id')).toBe('req-401-abcdef');
  });

  it('GET / – pages carry a request id too', async () => {
    const res = await fetch(app.url + '/', { headers: { 'x-request-id': 'page-req-12345' } });
    await res.text();
    expect(res.headers.get('x-request-id')).toBe('page-req-12345');
  });
});

describe('CORS without CORS_ALLOWED_ORIGINS', () => {
  it('OPTIONS /api/v1/auth/login – a preflight gets 204 and no Access-Control-Allow-Origin', async () => {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GET /api/v1/health – a cross-origin request gets no Access-Control-Allow-Origin', async () => {
    const res = await api.get('/api/v1/health', { headers: { origin: 'https://app.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
