import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMeta } from '@/db/schema/meta';
import { userProducts } from '@/db/schema/gear';
import { users } from '@/db/schema/users';
import { DEMO_PASSWORD, seedDemo } from '@/lib/bootstrap/seed';
import { apiClient } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.db);
});
afterAll(() => app?.close());

const total = async (table: typeof users | typeof userProducts | typeof appMeta) =>
  (await app.db.select({ n: count() }).from(table))[0]!.n;

describe('demo seed', () => {
  it('creates demo accounts that sign in with the documented password', async () => {
    const res = await apiClient(app).post('/api/v1/auth/login', { email: 'ava@demo.talas.app', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.data.user.username).toBe('ava');
  });

  it('gives demo users gear whose warranties are expiring soon and still active', async () => {
    const login = await apiClient(app).post('/api/v1/auth/login', { email: 'ava@demo.talas.app', password: DEMO_PASSWORD });
    const token = login.body.data.access_token;
    const mine = await apiClient(app).get('/api/v1/user-products', { token });
    expect(mine.body.data.length).toBeGreaterThanOrEqual(3);
    const expiring = await apiClient(app).get('/api/v1/user-products/warranty?filter=expiring', { token });
    const active = await apiClient(app).get('/api/v1/user-products/warranty?filter=active', { token });
    expect(expiring.body.data.length).toBeGreaterThanOrEqual(1);
    expect(active.body.data.length).toBeGreaterThan(expiring.body.data.length);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = [await total(users), await total(userProducts), await total(appMeta)];
    await seedDemo(app.db);
    expect([await total(users), await total(userProducts), await total(appMeta)]).toEqual(before);
  });
});
