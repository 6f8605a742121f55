import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, type ProductRow } from '@/db/schema/catalogue';
import { todayUtc } from '@/lib/http/values';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let owner: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  owner = await createUser(app);
});
afterAll(() => app?.close());

let seq = 0;
async function product(warrantyMonths: number): Promise<ProductRow> {
  const n = ++seq;
  const [p] = await app.db
    .insert(products)
    .values({ name: `Minilogue ${n}`, brand: 'Korg', model: `ML${n}`, warrantyMonths })
    .returning();
  return p!;
}

async function add(user: TestUser, warrantyMonths: number, body: Record<string, unknown> = {}) {
  const p = await product(warrantyMonths);
  const res = await api.post('/api/v1/user-products', { product_id: p.id, ...body }, { token: user.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data;
}

/** Today (UTC) shifted by whole days, `YYYY-MM-DD`. */
function day(offset: number): string {
  const [y, m, d] = todayUtc().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

const put = (id: number, body: unknown) => api.put(`/api/v1/user-products/${id}`, body, { token: owner.token });

describe('POST /api/v1/user-products – warranty_expires default', () => {
  it('POST /api/v1/user-products – purchase 2024-01-31 + 1 month is 2024-02-29 (clamped to the month end)', async () => {
    expect((await add(owner, 1, { purchase_date: '2024-01-31' })).warranty_expires).toBe('2024-02-29');
  });

  it('POST /api/v1/user-products – purchase 2023-01-31 + 1 month is 2023-02-28', async () => {
    expect((await add(owner, 1, { purchase_date: '2023-01-31' })).warranty_expires).toBe('2023-02-28');
  });

  it('POST /api/v1/user-products – purchase + 24 months', async () => {
    expect((await add(owner, 24, { purchase_date: '2023-05-15' })).warranty_expires).toBe('2025-05-15');
    expect((await add(owner, 24, { purchase_date: '2022-02-28' })).warranty_expires).toBe('2024-02-28');
    expect((await add(owner, 12, { purchase_date: '2024-02-29' })).warranty_expires).toBe('2025-02-28');
  });

  it('POST /api/v1/user-products – a product with 0 warranty months gives null', async () => {
    const item = await add(owner, 0, { purchase_date: '2024-01-10' });
    expect(item).toMatchObject({ warranty_expires: null, is_under_warranty: false });
  });

  it('POST /api/v1/user-products – no purchase date gives null', async () => {
    expect((await add(owner, 24)).warranty_expires).toBeNull();
  });

  it('POST /api/v1/user-products – an explicit warranty_expires wins, null included', async () => {
    expect((await add(owner, 24, { purchase_date: '2024-01-10', warranty_expires: '2030-06-30' })).warranty_expires).toBe(
      '2030-06-30',
    );
    expect((await add(owner, 24, { purchase_date: '2024-01-10', warranty_expires: null })).warranty_expires).toBeNull();
    expect((await add(owner, 0, { warranty_expires: '2031-01-01' })).warranty_expires).toBe('2031-01-01');
  });
});

describe('is_under_warranty', () => {
  it('is_under_warranty – expires today is true, yesterday false, tomorrow true, none false', async () => {
    const today = await add(owner, 0, { purchase_date: day(-10), warranty_expires: day(0) });
    const yesterday = await add(owner, 0, { purchase_date: day(-10), warranty_expires: day(-1) });
    const tomorrow = await add(owner, 0, { warranty_expires: day(1) });
    const none = await add(owner, 0);
    expect(today.is_under_warranty).toBe(true);
    expect(yesterday.is_under_warranty).toBe(false);
    expect(tomorrow.is_under_warranty).toBe(true);
    expect(none.is_under_warranty).toBe(false);
    const get = async (id: number) => (await api.get(`/api/v1/user-products/${id}`, { token: owner.token })).body.data;
    expect((await get(today.id)).is_under_warranty).toBe(true);
    expect((await get(yesterday.id)).is_under_warranty).toBe(false);
  });

  it('is_under_warranty – follows a PUT of warranty_expires', async () => {
    const item = await add(owner, 0, { warranty_expires: day(-1) });
    expect((await put(item.id, { warranty_expires: day(0) })).body.data.is_under_warranty).toBe(true);
    expect((await put(item.id, { warranty_expires: null })).body.data.is_under_warranty).toBe(false);
  });
});

describe('PUT /api/v1/user-products/:id – warranty_expires follows a derived purchase date', () => {
  it('PUT /api/v1/user-products/:id – a derived warranty is recomputed when purchase_date changes', async () => {
    const item = await add(owner, 1, { purchase_date: '2024-01-31' });
    expect(item.warranty_expires).toBe('2024-02-29');
    const res = await put(item.id, { purchase_date: '2024-03-31' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ purchase_date: '2024-03-31', warranty_expires: '2024-04-30' });
  });

  it('PUT /api/v1/user-products/:id – a derived warranty is cleared with its purchase date', async () => {
    const item = await add(owner, 12, { purchase_date: '2024-01-15' });
    const res = await put(item.id, { purchase_date: null });
    expect(res.body.data).toMatchObject({ purchase_date: null, warranty_expires: null });
  });

  it('PUT /api/v1/user-products/:id – a purchase date given later derives the warranty', async () => {
    const item = await add(owner, 12);
    expect(item.warranty_expires).toBeNull();
    const res = await put(item.id, { purchase_date: '2024-05-20' });
    expect(res.body.data).toMatchObject({ purchase_date: '2024-05-20', warranty_expires: '2025-05-20' });
  });

  it('PUT /api/v1/user-products/:id – a warranty set by hand stays when purchase_date changes', async () => {
    const item = await add(owner, 12, { purchase_date: '2024-01-15', warranty_expires: '2029-12-31' });
    const res = await put(item.id, { purchase_date: '2024-02-01' });
    expect(res.body.data).toMatchObject({ purchase_date: '2024-02-01', warranty_expires: '2029-12-31' });
  });

  it('PUT /api/v1/user-products/:id – a warranty cleared by hand stays cleared when purchase_date changes', async () => {
    const item = await add(owner, 12, { purchase_date: '2024-01-15', warranty_expires: null });
    const res = await put(item.id, { purchase_date: '2024-02-01' });
    expect(res.body.data).toMatchObject({ purchase_date: '2024-02-01', warranty_expires: null });
  });

  it('PUT /api/v1/user-products/:id – warranty_expires given with purchase_date wins', async () => {
    const item = await add(owner, 12, { purchase_date: '2024-01-15' });
    const res = await put(item.id, { purchase_date: '2024-02-01', warranty_expires: '2024-08-01' });
    expect(res.body.data).toMatchObject({ purchase_date: '2024-02-01', warranty_expires: '2024-08-01' });
    // Now set by hand: a later purchase date change leaves it.
    const again = await put(item.id, { purchase_date: '2024-03-01' });
    expect(again.body.data.warranty_expires).toBe('2024-08-01');
  });

  it('PUT /api/v1/user-products/:id – other fields leave a derived warranty alone', async () => {
    const item = await add(owner, 24, { purchase_date: '2024-01-15' });
    const res = await put(item.id, { notes: 'x', status: 'sold' });
    expect(res.body.data).toMatchObject({ purchase_date: '2024-01-15', warranty_expires: '2026-01-15' });
  });
});

describe('GET /api/v1/user-products/warranty', () => {
  let user: TestUser;
  let items: Record<string, { id: number }>;

  beforeAll(async () => {
    user = await createUser(app);
    const mk = (offset: number | null) =>
      add(user, 0, offset === null ? {} : { purchase_date: day(-100), warranty_expires: day(offset) });
    // Created out of order, so the ordering comes from warranty_expires.
    items = {
      in31: await mk(31),
      yesterday: await mk(-1),
      in30: await mk(30),
      none: await mk(null),
      today: await mk(0),
      longAgo: await mk(-60),
    };
    await add(owner, 0, { warranty_expires: day(5) }); // another user's: never listed
  });

  const get = (query: string) => api.get(`/api/v1/user-products/warranty${query}`, { token: user.token });
  const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((i) => i.id);

  it('GET /api/v1/user-products/warranty – every item with a warranty date, soonest first, with days_left', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([items.longAgo!.id, items.yesterday!.id, items.today!.id, items.in30!.id, items.in31!.id]);
    expect(res.body.data.map((i: { days_left: number }) => i.days_left)).toEqual([-60, -1, 0, 30, 31]);
    expect(res.body.data.map((i: { is_under_warranty: boolean }) => i.is_under_warranty)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 5, pages: 1, has_next: false, has_previous: false });
    expect(Object.keys(res.body.data[0])).toContain('days_left');
    expect(Object.keys(res.body.data[0])).toHaveLength(20);
  });

  it('GET /api/v1/user-products/warranty?filter=expiring – today up to 30 days ahead, both included', async () => {
    const res = await get('?filter=expiring');
    expect(ids(res)).toEqual([items.today!.id, items.in30!.id]);
    expect(res.body.data.map((i: { days_left: number }) => i.days_left)).toEqual([0, 30]);
    expect(res.body.pagination.total).toBe(2);
  });

  it('GET /api/v1/user-products/warranty?filter=expired – before today', async () => {
    const res = await get('?filter=expired');
    expect(ids(res)).toEqual([items.longAgo!.id, items.yesterday!.id]);
    expect(res.body.data.map((i: { days_left: number }) => i.days_left)).toEqual([-60, -1]);
  });

  it('GET /api/v1/user-products/warranty?filter=active – today or later', async () => {
    const res = await get('?filter=active');
    expect(ids(res)).toEqual([items.today!.id, items.in30!.id, items.in31!.id]);
  });

  it('GET /api/v1/user-products/warranty – paginates', async () => {
    const res = await get('?limit=2&page=2');
    expect(ids(res)).toEqual([items.today!.id, items.in30!.id]);
    expect(res.body.pagination).toEqual({ page: 2, limit: 2, total: 5, pages: 3, has_next: true, has_previous: true });
  });

  it('GET /api/v1/user-products/warranty – combines with status', async () => {
    await api.put(`/api/v1/user-products/${items.in30!.id}`, { status: 'sold' }, { token: user.token });
    expect(ids(await get('?filter=expiring&status=sold'))).toEqual([items.in30!.id]);
    expect(ids(await get('?filter=expiring&status=active'))).toEqual([items.today!.id]);
    await api.put(`/api/v1/user-products/${items.in30!.id}`, { status: 'active' }, { token: user.token });
  });

  it.each([
    ['filter=soon', 'filter'],
    ['filter=', 'filter'],
    ['status=lost', 'status'],
  ])('GET /api/v1/user-products/warranty – 400 INVALID_INPUT for %s', async (query, field) => {
    expectError(await get(`?${query}`), 400, 'INVALID_INPUT', [field]);
  });

  it('GET /api/v1/user-products/warranty – a user without warranties gets an empty page', async () => {
    const fresh = await createUser(app);
    const res = await api.get('/api/v1/user-products/warranty?filter=expiring', { token: fresh.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });
});
