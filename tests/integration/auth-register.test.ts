import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { apiClient } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
});
afterAll(() => app?.close());

let n = 0;
const unique = (prefix = 'reg') => `${prefix}${Date.now().toString(36)}${++n}`;
const valid = (over: Record<string, unknown> = {}) => {
  const username = unique();
  return { username, email: `${username}@example.test`, password: 'correct horse battery', ...over };
};

async function userCount(): Promise<number> {
  const [row] = await app.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row!.n;
}

async function storedUser(email: string) {
  const [row] = await app.db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

describe('POST /api/v1/auth/register', () => {
  it('POST /api/v1/auth/register – 201 with {user_id, username, email} and the row stored', async () => {
    const input = valid({ first_name: 'Ada', last_name: 'Lovelace' });
    const res = await api.post('/api/v1/auth/register', input);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      success: true,
      data: { user_id: expect.any(Number), username: input.username, email: input.email },
    });
    const row = await storedUser(input.email);
    expect(row).toMatchObject({
      id: res.body.data.user_id,
      username: input.username,
      email: input.email,
      role: 'user',
      status: 'active',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
  });

  it('POST /api/v1/auth/register – stores an argon2id hash with m=19456, t=2, p=1, never the password', async () => {
    const input = valid();
    expect((await api.post('/api/v1/auth/register', input)).status).toBe(201);
    const row = await storedUser(input.email);
    const [, algorithm, version, params, salt, hash] = row!.passwordHash.split('$');
    expect({ algorithm, version }).toEqual({ algorithm: 'argon2id', version: 'v=19' });
    expect(Object.fromEntries(params!.split(',').map((kv) => kv.split('=')))).toEqual({ m: '19456', t: '2', p: '1' });
    expect(salt).toMatch(/^[A-Za-z0-9+/]{16,}$/);
    expect(hash).toMatch(/^[A-Za-z0-9+/]{32,}$/);
    expect(row!.passwordHash).not.toContain(input.password);
  });

  it('POST /api/v1/auth/register – optional names may be omitted and are stored as null', async () => {
    const input = valid();
    expect((await api.post('/api/v1/auth/register', input)).status).toBe(201);
    const row = await storedUser(input.email);
    expect(row).toMatchObject({ firstName: null, lastName: null, bio: null, avatar: null });
  });

  it('POST /api/v1/auth/register – accepts usernames of 3 and 50 characters with dots, dashes and underscores', async () => {
    const short = `a${(++n % 90) + 10}`.slice(0, 3);
    const long = `${unique('L')}_.-`.padEnd(50, 'x');
    for (const username of [short, long]) {
      const res = await api.post('/api/v1/auth/register', valid({ username, email: `${unique()}@example.test` }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.data.username).toBe(username);
    }
  });

  it('POST /api/v1/auth/register – accepts passwords of exactly 8 and 128 characters', async () => {
    for (const password of ['p'.repeat(8), 'p'.repeat(128)]) {
      const res = await api.post('/api/v1/auth/register', valid({ password }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(51)],
    ['a space', 'has space'],
    ['a forbidden character', 'bad!name'],
    ['a non-ASCII letter', 'émile'],
    ['an empty string', ''],
  ])('POST /api/v1/auth/register – 400 INVALID_INPUT naming username when it has %s', async (_case, username) => {
    const before = await userCount();
    const res = await api.post('/api/v1/auth/register', valid({ username }));
    expectError(res, 400, 'INVALID_INPUT', ['username']);
    expect(await userCount()).toBe(before);
  });

  it.each([
    ['7 characters', 'p'.repeat(7)],
    ['129 characters', 'p'.repeat(129)],
  ])('POST /api/v1/auth/register – 400 INVALID_INPUT naming password at %s', async (_case, password) => {
    const before = await userCount();
    const res = await api.post('/api/v1/auth/register', valid({ password }));
    expectError(res, 400, 'INVALID_INPUT', ['password']);
    expect(await userCount()).toBe(before);
  });

  it.each([['not-an-email'], ['a@'], ['@b.test'], ['two@@signs.test'], ['']])(
    'POST /api/v1/auth/register – 400 INVALID_INPUT naming email for %j',
    async (email) => {
      const before = await userCount();
      const res = await api.post('/api/v1/auth/register', valid({ email }));
      expectError(res, 400, 'INVALID_INPUT', ['email']);
      expect(await userCount()).toBe(before);
    },
  );

  it('POST /api/v1/auth/register – 400 INVALID_INPUT naming every missing field', async () => {
    const res = await api.post('/api/v1/auth/register', {});
    expectError(res, 400, 'INVALID_INPUT', ['email', 'password', 'username']);
  });

  it('POST /api/v1/auth/register – 400 INVALID_INPUT naming first_name over 100 characters', async () => {
    const res = await api.post('/api/v1/auth/register', valid({ first_name: 'x'.repeat(101) }));
    expectError(res, 400, 'INVALID_INPUT', ['first_name']);
  });

  it('POST /api/v1/auth/register – 400 INVALID_INPUT for a wrong type (number as password)', async () => {
    const res = await api.post('/api/v1/auth/register', valid({ password: 12345678 }));
    expectError(res, 400, 'INVALID_INPUT', ['password']);
  });

  it.each([['role'], ['status'], ['id']])(
    'POST /api/v1/auth/register – 400 INVALID_INPUT for the unknown key %s (strict schema) and nothing inserted',
    async (key) => {
      const input = valid({ [key]: key === 'id' ? 1 : 'admin' });
      const res = await api.post('/api/v1/auth/register', input);
      expectError(res, 400, 'INVALID_INPUT');
      expect(JSON.stringify(res.body.details)).toContain(key);
      expect(await storedUser(input.email as string)).toBeUndefined();
    },
  );

  it('POST /api/v1/auth/register – 400 INVALID_INPUT for malformed JSON', async () => {
    const before = await userCount();
    const res = await api.post('/api/v1/auth/register', undefined, {
      raw: '{"username": "x", ',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'INVALID_INPUT', ['_body']);
    expect(await userCount()).toBe(before);
  });

  it('POST /api/v1/auth/register – 400 INVALID_INPUT for a JSON body that is not an object', async () => {
    const res = await api.post('/api/v1/auth/register', undefined, {
      raw: '["a", "b"]',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'INVALID_INPUT');
  });

  it('POST /api/v1/auth/register – 409 EMAIL_TAKEN for the same email in another case, nothing inserted', async () => {
    const first = valid();
    expect((await api.post('/api/v1/auth/register', first)).status).toBe(201);
    const before = await userCount();
    const res = await api.post(
      '/api/v1/auth/register',
      valid({ email: first.email.toUpperCase() }),
    );
    expectError(res, 409, 'EMAIL_TAKEN');
    expect(await userCount()).toBe(before);
  });

  it('POST /api/v1/auth/register – 409 USERNAME_TAKEN for the same username in another case, nothing inserted', async () => {
    const first = valid();
    expect((await api.post('/api/v1/auth/register', first)).status).toBe(201);
    const before = await userCount();
    const res = await api.post(
      '/api/v1/auth/register',
      valid({ username: first.username.toUpperCase(), email: `${unique()}@example.test` }),
    );
    expectError(res, 409, 'USERNAME_TAKEN');
    expect(await userCount()).toBe(before);
  });

  it('POST /api/v1/auth/register – 409 EMAIL_TAKEN when both email and username are taken', async () => {
    const first = valid();
    expect((await api.post('/api/v1/auth/register', first)).status).toBe(201);
    const res = await api.post('/api/v1/auth/register', { ...first });
    expectError(res, 409, 'EMAIL_TAKEN');
  });

  it('POST /api/v1/auth/register – two concurrent registrations of one email: one 201, one 409 EMAIL_TAKEN', async () => {
    const base = valid();
    const [a, b] = await Promise.all([
      api.post('/api/v1/auth/register', base),
      api.post('/api/v1/auth/register', { ...base, username: `${base.username}b`, email: base.email.toUpperCase() }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expectError(a.status === 409 ? a : b, 409, 'EMAIL_TAKEN');
    const [row] = await app.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${base.email})`);
    expect(row!.n).toBe(1);
  });

  it('POST /api/v1/auth/register – trims the username and email it stores', async () => {
    const input = valid();
    const res = await api.post('/api/v1/auth/register', {
      ...input,
      username: `  ${input.username} `,
      email: ` ${input.email}  `,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ username: input.username, email: input.email });
  });

  it('POST /api/v1/auth/register – a registered user can sign in right away', async () => {
    const input = valid();
    expect((await api.post('/api/v1/auth/register', input)).status).toBe(201);
    const login = await api.post('/api/v1/auth/login', { email: input.email, password: input.password });
    expect(login.status).toBe(200);
  });
});
