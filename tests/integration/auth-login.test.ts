import { eq, sql } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema/sessions';
import { users } from '@/db/schema/users';
import { loginLimits, useLoginStore } from '@/lib/auth/throttle';
import { hashRefreshToken } from '@/lib/auth/tokens';
import { MemoryCounterStore, RedisCounterStore } from '@/lib/rate-limit';
import { connectRedis } from '@/lib/redis';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError, withoutTimestamp } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
});
afterAll(() => app?.close());

// Every test starts with clean throttling counters (the address counter is shared by all tests here).
beforeEach(() => useLoginStore(new MemoryCounterStore()));

const login = (email: string, password: string) => api.post('/api/v1/auth/login', { email, password });

async function fail(user: Pick<TestUser, 'email'>, times: number, email = user.email) {
  for (let i = 0; i < times; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
}

function expectRateLimited(res: Awaited<ReturnType<typeof login>>) {
  expectError(res, 429, 'RATE_LIMITED');
  const retryAfter = res.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(loginLimits.account.windowMs / 1000);
}

describe('POST /api/v1/auth/login', () => {
  it('POST /api/v1/auth/login – 200 with a Bearer pair, expires_in 900 and the user', async () => {
    const user = await createUser(app);
    const res = await login(user.email, user.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      success: true,
      data: {
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refresh_token: expect.stringMatching(/^[\w-]{40,}$/),
        token_type: 'Bearer',
        expires_in: 900,
        user: { id: user.id, username: user.username, email: user.email, role: 'user' },
      },
    });
  });

  it('POST /api/v1/auth/login – the access token carries sub, user_id, username, role, iat and exp (HS256)', async () => {
    const user = await createUser(app, { role: 'moderator' });
    const res = await login(user.email, user.password);
    const token = res.body.data.access_token as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: String(user.id), user_id: user.id, username: user.username, role: 'moderator' });
    expect(typeof claims.sub).toBe('string');
    expect(Number.isInteger(claims.iat)).toBe(true);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(30);
  });

  it('POST /api/v1/auth/login – records an api session (hashed refresh token, user agent, 30-day expiry) and last_login_at', async () => {
    const user = await createUser(app);
    const res = await api.post(
      '/api/v1/auth/login',
      { email: user.email, password: user.password },
      { headers: { 'user-agent': 'talas-tests/1.0' } },
    );
    const refresh = res.body.data.refresh_token as string;
    const [row] = await app.db.select().from(sessions).where(eq(sessions.tokenHash, hashRefreshToken(refresh)));
    expect(row).toMatchObject({ userId: user.id, kind: 'api', userAgent: 'talas-tests/1.0', rotatedAt: null, revokedAt: null });
    const days = (row!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    // Only the hash is stored: no column holds the token itself.
    expect(JSON.stringify(row)).not.toContain(refresh);
    const [u] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(Date.now() - u!.lastLoginAt!.getTime()).toBeLessThan(30_000);
  });

  it('POST /api/v1/auth/login – the email matches in any case and with surrounding spaces', async () => {
    const user = await createUser(app);
    const res = await login(`  ${user.email.toUpperCase()} `, user.password);
    expect(res.status).toBe(200);
    expect(res.body.data.user.id).toBe(user.id);
  });

  it('POST /api/v1/auth/login – 401 INVALID_CREDENTIALS: unknown email and wrong password get the same body', async () => {
    const user = await createUser(app);
    const wrong = await login(user.email, 'not the password');
    const unknown = await login(`nobody-${user.username}@example.test`, 'not the password');
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(withoutTimestamp(unknown.body)).toEqual(withoutTimestamp(wrong.body));
    expect(wrong.body.details).toBeUndefined();
  });

  it('POST /api/v1/auth/login – the password is case-sensitive', async () => {
    const user = await createUser(app, { password: 'Case Sensitive Pass' });
    expectError(await login(user.email, 'case sensitive pass'), 401, 'INVALID_CREDENTIALS');
  });

  it('POST /api/v1/auth/login – 400 INVALID_INPUT naming missing email and password', async () => {
    expectError(await api.post('/api/v1/auth/login', {}), 400, 'INVALID_INPUT', ['email', 'password']);
    expectError(await api.post('/api/v1/auth/login', { email: '', password: '' }), 400, 'INVALID_INPUT', [
      'email',
      'password',
    ]);
  });

  it('POST /api/v1/auth/login – 400 INVALID_INPUT for an unknown key, malformed JSON and a too long password', async () => {
    const user = await createUser(app);
    expectError(
      await api.post('/api/v1/auth/login', { email: user.email, password: user.password, remember: true }),
      400,
      'INVALID_INPUT',
    );
    expectError(
      await api.post('/api/v1/auth/login', undefined, { raw: '{"email":', headers: { 'content-type': 'application/json' } }),
      400,
      'INVALID_INPUT',
      ['_body'],
    );
    expectError(await login(user.email, 'x'.repeat(129)), 400, 'INVALID_INPUT', ['password']);
  });

  it.each([['suspended'], ['banned']] as const)(
    'POST /api/v1/auth/login – 403 ACCOUNT_DISABLED for a %s account, only with the right password',
    async (status) => {
      const user = await createUser(app);
      await app.db.update(users).set({ status }).where(eq(users.id, user.id));
      const before = await app.db.select().from(sessions).where(eq(sessions.userId, user.id));
      expectError(await login(user.email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
      const res = await login(user.email, user.password);
      expectError(res, 403, 'ACCOUNT_DISABLED');
      const after = await app.db.select().from(sessions).where(eq(sessions.userId, user.id));
      expect(after.length).toBe(before.length);
    },
  );
});

describe('POST /api/v1/auth/login – throttling', () => {
  it('POST /api/v1/auth/login – 429 RATE_LIMITED with Retry-After after 5 failures for one account, even with the right password', async () => {
    const user = await createUser(app);
    // The account counter ignores the email's case.
    await fail(user, 3);
    await fail(user, 2, user.email.toUpperCase());
    const res = await login(user.email, user.password);
    expectRateLimited(res);
    expect(res.body.error).toMatch(/try again/i);
    // And it stays refused for a wrong password too, without revealing which it was.
    expectRateLimited(await login(user.email, 'wrong password!'));
  });

  it('POST /api/v1/auth/login – one throttled account does not block another account', async () => {
    const victim = await createUser(app);
    const other = await createUser(app);
    await fail(victim, loginLimits.account.limit);
    expectRateLimited(await login(victim.email, victim.password));
    expect((await login(other.email, other.password)).status).toBe(200);
  });

  it('POST /api/v1/auth/login – a success clears the account counter', async () => {
    const user = await createUser(app);
    await fail(user, loginLimits.account.limit - 1);
    expect((await login(user.email, user.password)).status).toBe(200);
    await fail(user, loginLimits.account.limit - 1);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('POST /api/v1/auth/login – 429 after 20 failures from one address across different emails', async () => {
    const user = await createUser(app);
    const tag = Date.now().toString(36);
    for (let i = 0; i < loginLimits.ip.limit; i++) {
      // 4 attempts per unknown email: under the account limit, so only the address counter trips.
      const res = await login(`probe${Math.floor(i / 4)}-${tag}@example.test`, 'wrong password!');
      expectError(res, 401, 'INVALID_CREDENTIALS');
    }
    expectRateLimited(await login(user.email, user.password));
    expectRateLimited(await login(`fresh-${tag}@example.test`, 'whatever password'));
  });

  it('POST /api/v1/auth/login – a success does not clear the address counter', async () => {
    const user = await createUser(app);
    const tag = Date.now().toString(36);
    for (let i = 0; i < loginLimits.ip.limit - 1; i++) {
      expectError(await login(`probe${Math.floor(i / 4)}-${tag}@example.test`, 'wrong!!!'), 401, 'INVALID_CREDENTIALS');
    }
    expect((await login(user.email, user.password)).status).toBe(200);
    expectError(await login(`last-${tag}@example.test`, 'wrong!!!'), 401, 'INVALID_CREDENTIALS');
    expectRateLimited(await login(user.email, user.password));
  });

  it('POST /api/v1/auth/login – throttling is shared through Redis (RedisCounterStore)', async () => {
    const url = 'redis://127.0.0.1:6379';
    const prefix = `talas:test:login:${process.pid}:${Date.now().toString(36)}:`;
    // Two connections stand for two app instances sharing one Redis.
    const [first, second] = await Promise.all([connectRedis(url), connectRedis(url)]);
    try {
      const user = await createUser(app);
      useLoginStore(new RedisCounterStore(first, prefix));
      await fail(user, loginLimits.account.limit);
      const key = `${prefix}acct:${user.email.toLowerCase()}`;
      expect(await second.get(key)).toBe(String(loginLimits.account.limit));
      const ttl = await second.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(loginLimits.account.windowMs);

      // The "other instance" has no local state, yet refuses the account.
      useLoginStore(new RedisCounterStore(second, prefix));
      expectRateLimited(await login(user.email, user.password));

      // And a success on another account clears only that account's key.
      const other = await createUser(app);
      await fail(other, 2);
      expect((await login(other.email, other.password)).status).toBe(200);
      expect(await first.get(`${prefix}acct:${other.email.toLowerCase()}`)).toBeNull();
      expect(Number(await first.get(`${prefix}ip:127.0.0.1`))).toBeGreaterThanOrEqual(loginLimits.account.limit + 2);
    } finally {
      useLoginStore(new MemoryCounterStore());
      const keys: string[] = [];
      for await (const batch of first.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) keys.push(...batch);
      if (keys.length) await first.del(keys);
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('login side effects', () => {
  it('POST /api/v1/auth/login – each login starts its own session family', async () => {
    const user = await createUser(app);
    const a = await login(user.email, user.password);
    const b = await login(user.email, user.password);
    const rows = await app.db
      .select({ familyId: sessions.familyId })
      .from(sessions)
      .where(sql`${sessions.tokenHash} in (${hashRefreshToken(a.body.data.refresh_token)}, ${hashRefreshToken(b.body.data.refresh_token)})`);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.familyId).not.toBe(rows[1]!.familyId);
  });
});
