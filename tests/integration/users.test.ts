import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let viewer: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [viewer, admin] = await Promise.all([createUser(app), createUser(app, { role: 'admin' })]);
});
afterAll(() => app?.close());

let seq = 0;
/** A group of users sharing a unique tag in their username, so `search` isolates them. */
function newTag(): string {
  return `t${Date.now().toString(36)}${++seq}`;
}

async function register(username: string, names: { first_name?: string; last_name?: string } = {}) {
  const res = await api.post('/api/v1/auth/register', {
    username,
    email: `${username}@example.test`,
    password: 'correct horse battery',
    ...names,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data.user_id as number;
}

const listItemKeys = ['avatar', 'created_at', 'first_name', 'id', 'last_name', 'role', 'username'];
const publicKeys = ['avatar', 'bio', 'created_at', 'first_name', 'id', 'last_name', 'role', 'username'];

describe('GET /api/v1/users', () => {
  it('GET /api/v1/users – paginates with page, limit, total, pages, has_next and has_previous', async () => {
    const tag = newTag();
    const ids = [];
    for (const suffix of ['c', 'a', 'b']) ids.push(await register(`${tag}_${suffix}`));

    const page1 = await api.get(`/api/v1/users?search=${tag}&limit=2`, { token: viewer.token });
    expect(page1.status).toBe(200);
    expect(page1.body.success).toBe(true);
    expect(page1.body.data.map((u: { username: string }) => u.username)).toEqual([`${tag}_a`, `${tag}_b`]);
    expect(page1.body.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2, has_next: true, has_previous: false });

    const page2 = await api.get(`/api/v1/users?search=${tag}&limit=2&page=2`, { token: viewer.token });
    expect(page2.body.data.map((u: { username: string }) => u.username)).toEqual([`${tag}_c`]);
    expect(page2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, pages: 2, has_next: false, has_previous: true });

    const beyond = await api.get(`/api/v1/users?search=${tag}&limit=2&page=3`, { token: viewer.token });
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.pagination).toEqual({ page: 3, limit: 2, total: 3, pages: 2, has_next: false, has_previous: true });
  });

  it('GET /api/v1/users – items are {id, username, first_name, last_name, avatar, role, created_at}', async () => {
    const tag = newTag();
    const id = await register(`${tag}_x`, { first_name: 'Grace', last_name: 'Hopper' });
    const res = await api.get(`/api/v1/users?search=${tag}`, { token: viewer.token });
    expect(res.body.data).toEqual([
      {
        id,
        username: `${tag}_x`,
        first_name: 'Grace',
        last_name: 'Hopper',
        avatar: null,
        role: 'user',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      },
    ]);
  });

  it('GET /api/v1/users – defaults to page 1 and limit 20', async () => {
    const res = await api.get('/api/v1/users', { token: viewer.token });
    expect(res.body.pagination).toMatchObject({ page: 1, limit: 20, has_previous: false });
    expect(res.body.pagination.total).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['limit=500', { limit: 100 }],
    ['limit=100', { limit: 100 }],
    ['limit=0', { limit: 1 }],
    ['limit=-5', { limit: 1 }],
    ['page=0', { page: 1 }],
    ['page=-3', { page: 1 }],
  ])('GET /api/v1/users – %s is clamped, not refused', async (query, expected) => {
    const res = await api.get(`/api/v1/users?${query}`, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.pagination).toMatchObject(expected);
    expect(res.body.data.length).toBeLessThanOrEqual(res.body.pagination.limit);
  });

  it.each([
    ['page=abc', 'page'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    [`search=${'x'.repeat(101)}`, 'search'],
  ])('GET /api/v1/users – 400 INVALID_INPUT for %s', async (query, field) => {
    expectError(await api.get(`/api/v1/users?${query}`, { token: viewer.token }), 400, 'INVALID_INPUT', [field]);
  });

  it('GET /api/v1/users – search matches username, first name and last name, case-insensitively', async () => {
    const tag = newTag();
    const byUsername = await register(`${tag}_zed`);
    const byFirst = await register(`${newTag()}_f`, { first_name: `Fi${tag}rst` });
    const byLast = await register(`${newTag()}_l`, { last_name: `La${tag}st` });
    const ids = async (search: string) =>
      (await api.get(`/api/v1/users?search=${encodeURIComponent(search)}`, { token: viewer.token })).body.data
        .map((u: { id: number }) => u.id)
        .sort();
    expect(await ids(tag.toUpperCase())).toEqual([byUsername, byFirst, byLast].sort());
    expect(await ids(`fi${tag}RST`)).toEqual([byFirst]);
    expect(await ids(`LA${tag}`)).toEqual([byLast]);
    expect(await ids(`${tag}_ZED`)).toEqual([byUsername]);
  });

  it('GET /api/v1/users – search treats % and _ literally and does not match emails', async () => {
    const tag = newTag();
    await register(`${tag}abc`);
    const count = async (search: string) =>
      (await api.get(`/api/v1/users?search=${encodeURIComponent(search)}`, { token: viewer.token })).body.pagination.total;
    expect(await count(`${tag}%`)).toBe(0);
    expect(await count(`${tag}_bc`)).toBe(0);
    expect(await count(`${tag}abc@example`)).toBe(0);
    expect(await count(`${tag}abc`)).toBe(1);
  });

  it('GET /api/v1/users – email appears only on the caller’s own item', async () => {
    const tag = newTag();
    const self = await createUser(app, { username: `${tag}_me` });
    await register(`${tag}_other`);
    const res = await api.get(`/api/v1/users?search=${tag}`, { token: self.token });
    const byName = Object.fromEntries(res.body.data.map((u: { username: string }) => [u.username, u]));
    expect(byName[`${tag}_me`].email).toBe(self.email);
    expect(Object.keys(byName[`${tag}_other`]).sort()).toEqual(listItemKeys);
  });

  it('GET /api/v1/users – admins see every email', async () => {
    const tag = newTag();
    await register(`${tag}_one`);
    await register(`${tag}_two`);
    const res = await api.get(`/api/v1/users?search=${tag}`, { token: admin.token });
    expect(res.body.data.map((u: { username: string; email: string }) => u.email)).toEqual([
      `${tag}_one@example.test`,
      `${tag}_two@example.test`,
    ]);
  });

  it('GET /api/v1/users – banned users are hidden (suspended ones are listed)', async () => {
    const tag = newTag();
    const banned = await register(`${tag}_banned`);
    const suspended = await register(`${tag}_suspended`);
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, banned));
    await app.db.update(users).set({ status: 'suspended' }).where(eq(users.id, suspended));
    for (const path of ['/api/v1/users', '/api/v1/users/except-me']) {
      const res = await api.get(`${path}?search=${tag}`, { token: viewer.token });
      expect(res.body.data.map((u: { id: number }) => u.id)).toEqual([suspended]);
      expect(res.body.pagination.total).toBe(1);
    }
  });
});

describe('GET /api/v1/users/except-me', () => {
  it('GET /api/v1/users/except-me – lists the same items without the caller', async () => {
    const tag = newTag();
    const self = await createUser(app, { username: `${tag}_a` });
    const other = await register(`${tag}_b`);
    const all = await api.get(`/api/v1/users?search=${tag}`, { token: self.token });
    expect(all.body.pagination.total).toBe(2);
    const res = await api.get(`/api/v1/users/except-me?search=${tag}`, { token: self.token });
    expect(res.status).toBe(200);
    expect(res.body.data.map((u: { id: number }) => u.id)).toEqual([other]);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(listItemKeys);
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 1, pages: 1, has_next: false, has_previous: false });
  });

  it('GET /api/v1/users/except-me – the caller is never on any page', async () => {
    const res = await api.get('/api/v1/users/except-me?limit=100', { token: viewer.token });
    expect(res.body.data.some((u: { id: number }) => u.id === viewer.id)).toBe(false);
    const all = await api.get('/api/v1/users?limit=100', { token: viewer.token });
    expect(res.body.pagination.total).toBe(all.body.pagination.total - 1);
  });

  it('GET /api/v1/users/except-me – 400 INVALID_INPUT for page=abc', async () => {
    expectError(await api.get('/api/v1/users/except-me?page=abc', { token: viewer.token }), 400, 'INVALID_INPUT', ['page']);
  });
});

describe('GET and PUT /api/v1/users/me', () => {
  it('GET /api/v1/users/me – equals GET /api/v1/auth/me', async () => {
    const [a, b] = await Promise.all([
      api.get('/api/v1/users/me', { token: viewer.token }),
      api.get('/api/v1/auth/me', { token: viewer.token }),
    ]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body.data).toMatchObject({ id: viewer.id, username: viewer.username, email: viewer.email });
  });

  it('PUT /api/v1/users/me – updates first_name, last_name and bio (trimmed) and bumps updated_at', async () => {
    const user = await createUser(app);
    const before = (await api.get('/api/v1/users/me', { token: user.token })).body.data;
    const res = await api.put(
      '/api/v1/users/me',
      { first_name: '  Ada ', last_name: 'Lovelace', bio: 'Analytical engines.' },
      { token: user.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      ...before,
      first_name: 'Ada',
      last_name: 'Lovelace',
      bio: 'Analytical engines.',
      updated_at: expect.any(String),
    });
    expect(Date.parse(res.body.data.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', bio: 'Analytical engines.' });
    expect((await api.get('/api/v1/auth/me', { token: user.token })).body.data).toEqual(res.body.data);
  });

  it('PUT /api/v1/users/me – a partial update leaves the other fields alone', async () => {
    const user = await createUser(app);
    await api.put('/api/v1/users/me', { first_name: 'Keep', last_name: 'Me', bio: 'Stay' }, { token: user.token });
    const res = await api.put('/api/v1/users/me', { bio: 'Changed' }, { token: user.token });
    expect(res.body.data).toMatchObject({ first_name: 'Keep', last_name: 'Me', bio: 'Changed' });
  });

  it("PUT /api/v1/users/me – '' and null clear a field", async () => {
    const user = await createUser(app);
    await api.put('/api/v1/users/me', { first_name: 'A', last_name: 'B', bio: 'C' }, { token: user.token });
    const res = await api.put('/api/v1/users/me', { first_name: '', last_name: null, bio: '   ' }, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ first_name: null, last_name: null, bio: null });
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ firstName: null, lastName: null, bio: null });
  });

  it('PUT /api/v1/users/me – accepts a bio of exactly 2000 characters', async () => {
    const user = await createUser(app);
    const res = await api.put('/api/v1/users/me', { bio: 'b'.repeat(2000) }, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.data.bio).toHaveLength(2000);
  });

  it.each([
    ['role', { role: 'admin' }],
    ['email', { email: 'new@example.test' }],
    ['username', { username: 'renamed' }],
    ['avatar', { avatar: 'https://example.test/a.png' }],
  ])('PUT /api/v1/users/me – 400 INVALID_INPUT for the field %s, nothing changed', async (_field, body) => {
    const user = await createUser(app);
    const res = await api.put('/api/v1/users/me', { first_name: 'Sneaky', ...body }, { token: user.token });
    expectError(res, 400, 'INVALID_INPUT');
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ role: 'user', email: user.email, username: user.username, firstName: null, avatar: null });
  });

  it.each([
    ['bio', { bio: 'b'.repeat(2001) }],
    ['first_name', { first_name: 'f'.repeat(101) }],
    ['last_name', { last_name: 'l'.repeat(101) }],
    ['first_name', { first_name: 42 }],
  ])('PUT /api/v1/users/me – 400 INVALID_INPUT naming %s when too long or of the wrong type', async (field, body) => {
    const user = await createUser(app);
    expectError(await api.put('/api/v1/users/me', body, { token: user.token }), 400, 'INVALID_INPUT', [field]);
  });

  it('PUT /api/v1/users/me – 400 INVALID_INPUT for malformed JSON', async () => {
    const res = await api.put('/api/v1/users/me', undefined, {
      token: viewer.token,
      raw: '{bio: nope}',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'INVALID_INPUT', ['_body']);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('GET /api/v1/users/:id – the public profile of another user, without email', async () => {
    const tag = newTag();
    const id = await register(`${tag}_pub`, { first_name: 'Pub', last_name: 'Lic' });
    const res = await api.get(`/api/v1/users/${id}`, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id,
      username: `${tag}_pub`,
      role: 'user',
      first_name: 'Pub',
      last_name: 'Lic',
      bio: null,
      avatar: null,
      created_at: expect.any(String),
    });
    expect(Object.keys(res.body.data).sort()).toEqual(publicKeys);
  });

  it('GET /api/v1/users/:id – the email is shown to the user themself and to admins', async () => {
    const self = await createUser(app);
    expect((await api.get(`/api/v1/users/${self.id}`, { token: self.token })).body.data.email).toBe(self.email);
    expect((await api.get(`/api/v1/users/${self.id}`, { token: admin.token })).body.data.email).toBe(self.email);
  });

  it('GET /api/v1/users/:id – 404 USER_NOT_FOUND for a missing user', async () => {
    expectError(await api.get('/api/v1/users/2147483647', { token: viewer.token }), 404, 'USER_NOT_FOUND');
  });

  it('GET /api/v1/users/:id – 404 USER_NOT_FOUND for a banned user, except for admins', async () => {
    const id = await register(`${newTag()}_ban`);
    await app.db.update(users).set({ status: 'banned' }).where(eq(users.id, id));
    expectError(await api.get(`/api/v1/users/${id}`, { token: viewer.token }), 404, 'USER_NOT_FOUND');
    expect((await api.get(`/api/v1/users/${id}`, { token: admin.token })).status).toBe(200);
  });

  it.each([['abc'], ['0'], ['-1'], ['1.5'], ['99999999999']])(
    'GET /api/v1/users/:id – 400 INVALID_INPUT naming id for %s',
    async (id) => {
      expectError(await api.get(`/api/v1/users/${id}`, { token: viewer.token }), 400, 'INVALID_INPUT', ['id']);
    },
  );
});

describe('users endpoints anonymously', () => {
  it.each([
    ['GET', '/api/v1/users'],
    ['GET', '/api/v1/users/except-me'],
    ['GET', '/api/v1/users/me'],
    ['PUT', '/api/v1/users/me'],
    ['GET', '/api/v1/users/1'],
    ['PUT', '/api/v1/users/password'],
  ])('%s %s – 401 UNAUTHORIZED without credentials', async (method, path) => {
    const res = await api.call(method, path, method === 'PUT' ? { bio: 'x' } : undefined);
    expectError(res, 401, 'UNAUTHORIZED');
  });

  it('PUT /api/v1/users/me – 401 UNAUTHORIZED is answered before the body is validated', async () => {
    expectError(await api.put('/api/v1/users/me', { role: 'admin' }), 401, 'UNAUTHORIZED');
  });
});
