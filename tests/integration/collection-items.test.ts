import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, products, type ProductRow } from '@/db/schema/catalogue';
import { files, userProducts, type FileType } from '@/db/schema/gear';
import { todayUtc } from '@/lib/http/values';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError, withoutTimestamp } from '../helpers/assertions';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let categoryId: number;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [owner, other, admin] = await Promise.all([createUser(app), createUser(app), createUser(app, { role: 'admin' })]);
  const [category] = await app.db.insert(categories).values({ name: 'Audio interfaces' }).returning();
  categoryId = category!.id;
});
afterAll(() => app?.close());

const itemKeys = [
  'brand',
  'category_name',
  'created_at',
  'docs_count',
  'files_count',
  'id',
  'is_under_warranty',
  'model',
  'notes',
  'product_id',
  'product_name',
  'purchase_date',
  'purchase_price',
  'serial_number',
  'status',
  'updated_at',
  'user_id',
  'version',
  'warranty_expires',
];

let seq = 0;
async function product(values: Partial<typeof products.$inferInsert> = {}): Promise<ProductRow> {
  const n = ++seq;
  const [p] = await app.db
    .insert(products)
    .values({ name: `Scarlett ${n}i${n}`, brand: 'Focusrite', model: `S${n}`, categoryId, warrantyMonths: 24, ...values })
    .returning();
  return p!;
}

async function addItem(user: TestUser, body: Record<string, unknown> = {}) {
  const productId = (body.product_id as number | undefined) ?? (await product()).id;
  const res = await api.post('/api/v1/user-products', { product_id: productId, ...body }, { token: user.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data;
}

async function attach(user: TestUser, userProductId: number | null, type: FileType) {
  const n = ++seq;
  await app.db.insert(files).values({
    userId: user.id,
    userProductId,
    filename: `doc-${n}.pdf`,
    type,
    mimeType: 'application/pdf',
    size: 1234,
    storageKey: `test/${n}`,
    sha256: 'a'.repeat(64),
  });
}

const MISSING_ID = 2_147_483_647;

describe('POST /api/v1/user-products', () => {
  it('POST /api/v1/user-products – 201 the item with its product, category and every field', async () => {
    const p = await product({ name: 'Clarett+ 4Pre', brand: 'Focusrite', model: 'C4P', warrantyMonths: 36 });
    const res = await api.post(
      '/api/v1/user-products',
      {
        product_id: p.id,
        version: 'v2',
        serial_number: 'SN-123',
        purchase_date: '2023-06-15',
        purchase_price: 1234.56,
        notes: 'Bought used',
      },
      { token: owner.token },
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const item = res.body.data;
    expect(Object.keys(item).sort()).toEqual(itemKeys);
    expect(item).toMatchObject({
      user_id: owner.id,
      product_id: p.id,
      product_name: 'Clarett+ 4Pre',
      category_name: 'Audio interfaces',
      brand: 'Focusrite',
      model: 'C4P',
      version: 'v2',
      serial_number: 'SN-123',
      purchase_date: '2023-06-15',
      purchase_price: 1234.56,
      warranty_expires: '2026-06-15',
      is_under_warranty: '2026-06-15' >= todayUtc(),
      status: 'active',
      notes: 'Bought used',
      files_count: 0,
      docs_count: 0,
    });
    expect(Number.isInteger(item.id)).toBe(true);
    expect(Date.parse(item.created_at)).not.toBeNaN();
    expect(item.updated_at).toBe(item.created_at);
    const [row] = await app.db.select().from(userProducts).where(eq(userProducts.id, item.id));
    expect(row!.purchasePrice).toBe('1234.56');
  });

  it('POST /api/v1/user-products – only product_id is required; the rest is null, status active', async () => {
    const p = await product({ categoryId: null, brand: null, model: null });
    const res = await api.post('/api/v1/user-products', { product_id: p.id }, { token: owner.token });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      category_name: null,
      brand: null,
      model: null,
      version: null,
      serial_number: null,
      purchase_date: null,
      purchase_price: null,
      warranty_expires: null,
      is_under_warranty: false,
      status: 'active',
      notes: null,
    });
  });

  it('POST /api/v1/user-products – empty strings are stored as null', async () => {
    const item = await addItem(owner, { version: '', serial_number: '  ', notes: '' });
    expect(item).toMatchObject({ version: null, serial_number: null, notes: null });
  });

  it.each([
    [1234.56, '1234.56'],
    [0.1, '0.10'],
    [0, '0.00'],
    [19.99, '19.99'],
    [9999999999.99, '9999999999.99'],
  ])('POST /api/v1/user-products – purchase_price %s is kept exactly', async (price, stored) => {
    const item = await addItem(owner, { purchase_price: price });
    expect(item.purchase_price).toBe(price);
    const [row] = await app.db.select().from(userProducts).where(eq(userProducts.id, item.id));
    expect(row!.purchasePrice).toBe(stored);
    const again = await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token });
    expect(again.body.data.purchase_price).toBe(price);
  });

  it.each([
    ['3 decimals', 1.234],
    ['negative', -1],
    ['a string', '12.50'],
    ['too large', 1e13],
    ['a boolean', true],
  ])('POST /api/v1/user-products – 400 INVALID_INPUT for a purchase_price that is %s', async (_what, price) => {
    const p = await product();
    expectError(
      await api.post('/api/v1/user-products', { product_id: p.id, purchase_price: price }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['purchase_price'],
    );
  });

  it.each([
    ['2023-02-29', 'a day that does not exist'],
    ['2024-13-01', 'a month that does not exist'],
    ['2024-1-5', 'no zero padding'],
    ['15/01/2024', 'another format'],
    ['2024-01-15T10:00:00Z', 'a timestamp'],
  ])('POST /api/v1/user-products – 400 INVALID_INPUT for purchase_date %s (%s)', async (date) => {
    const p = await product();
    expectError(
      await api.post('/api/v1/user-products', { product_id: p.id, purchase_date: date }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['purchase_date'],
    );
  });

  it('POST /api/v1/user-products – 400 for a warranty_expires that is not a real date', async () => {
    const p = await product();
    expectError(
      await api.post('/api/v1/user-products', { product_id: p.id, warranty_expires: '2025-02-30' }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['warranty_expires'],
    );
  });

  it('POST /api/v1/user-products – a purchase today is fine; tomorrow is 400 (future)', async () => {
    const today = todayUtc();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const ok = await addItem(owner, { purchase_date: today });
    expect(ok.purchase_date).toBe(today);
    const p = await product();
    const res = await api.post('/api/v1/user-products', { product_id: p.id, purchase_date: tomorrow }, { token: owner.token });
    expectError(res, 400, 'INVALID_INPUT', ['purchase_date']);
    expect(res.body.details[0].message).toMatch(/future/);
  });

  it('POST /api/v1/user-products – 400 when warranty_expires is before purchase_date; the same day is fine', async () => {
    const p = await product();
    expectError(
      await api.post(
        '/api/v1/user-products',
        { product_id: p.id, purchase_date: '2024-03-10', warranty_expires: '2024-03-09' },
        { token: owner.token },
      ),
      400,
      'INVALID_INPUT',
      ['warranty_expires'],
    );
    const same = await addItem(owner, { product_id: p.id, purchase_date: '2024-03-10', warranty_expires: '2024-03-10' });
    expect(same.warranty_expires).toBe('2024-03-10');
  });

  it('POST /api/v1/user-products – 400 INVALID_INPUT on product_id for an unknown product', async () => {
    const res = await api.post('/api/v1/user-products', { product_id: MISSING_ID }, { token: owner.token });
    expectError(res, 400, 'INVALID_INPUT', ['product_id']);
  });

  it('POST /api/v1/user-products – 400 INVALID_INPUT on product_id for an archived product; a discontinued one is fine', async () => {
    const archived = await product({ status: 'archived' });
    expectError(
      await api.post('/api/v1/user-products', { product_id: archived.id }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['product_id'],
    );
    const discontinued = await product({ status: 'discontinued' });
    expect((await api.post('/api/v1/user-products', { product_id: discontinued.id }, { token: owner.token })).status).toBe(201);
  });

  it.each([
    ['no product_id', {}, ['product_id']],
    ['a string product_id', { product_id: 'abc' }, ['product_id']],
    ['a fractional product_id', { product_id: 1.5 }, ['product_id']],
    ['a negative product_id', { product_id: -3 }, ['product_id']],
    ['a 101-character version', { product_id: 1, version: 'v'.repeat(101) }, ['version']],
    ['a numeric serial_number', { product_id: 1, serial_number: 123 }, ['serial_number']],
    ['a status (not settable on create)', { product_id: 1, status: 'sold' }, ['_']],
    ['an unknown field', { product_id: 1, colour: 'red' }, ['_']],
  ])('POST /api/v1/user-products – 400 INVALID_INPUT for %s', async (_what, body, fields) => {
    expectError(await api.post('/api/v1/user-products', body, { token: owner.token }), 400, 'INVALID_INPUT', fields);
  });

  it('POST /api/v1/user-products – 400 INVALID_INPUT for malformed JSON', async () => {
    const res = await api.call('POST', '/api/v1/user-products', undefined, {
      token: owner.token,
      raw: '{"product_id": ',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'INVALID_INPUT');
  });

  it('POST /api/v1/user-products – 409 CONFLICT when the caller already has the product; another user may add it', async () => {
    const p = await product();
    const first = await addItem(owner, { product_id: p.id });
    const res = await api.post('/api/v1/user-products', { product_id: p.id, serial_number: 'X' }, { token: owner.token });
    expectError(res, 409, 'CONFLICT');
    expect(res.body.error).toMatch(/already in your collection/);
    const rows = await app.db.select().from(userProducts).where(eq(userProducts.productId, p.id));
    expect(rows.map((r) => r.id)).toEqual([first.id]);
    const theirs = await api.post('/api/v1/user-products', { product_id: p.id }, { token: other.token });
    expect(theirs.status).toBe(201);
    expect(theirs.body.data.user_id).toBe(other.id);
  });

  it('POST /api/v1/user-products – two concurrent adds of one product: one 201, one 409 CONFLICT', async () => {
    const p = await product();
    const results = await Promise.all(
      [1, 2, 3].map(() => api.post('/api/v1/user-products', { product_id: p.id }, { token: owner.token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, 'CONFLICT');
    const rows = await app.db.select().from(userProducts).where(eq(userProducts.productId, p.id));
    expect(rows).toHaveLength(1);
  });
});

describe('GET /api/v1/user-products', () => {
  it("GET /api/v1/user-products – 200 the caller's items only, newest first, paginated", async () => {
    const user = await createUser(app);
    const a = await addItem(user);
    const b = await addItem(user);
    const c = await addItem(user);
    await addItem(other);
    const res = await api.get('/api/v1/user-products', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.data.map((i: { id: number }) => i.id)).toEqual([c.id, b.id, a.id]);
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 3, pages: 1, has_next: false, has_previous: false });
    expect(Object.keys(res.body.data[0]).sort()).toEqual(itemKeys);
    const page2 = await api.get('/api/v1/user-products?limit=2&page=2', { token: user.token });
    expect(page2.body.data.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect(page2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, pages: 2, has_next: false, has_previous: true });
  });

  it('GET /api/v1/user-products – an empty collection is an empty page', async () => {
    const user = await createUser(app);
    const res = await api.get('/api/v1/user-products', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.pagination).toMatchObject({ total: 0, pages: 1, has_next: false });
  });

  it('GET /api/v1/user-products – limit=500 is clamped to 100', async () => {
    const res = await api.get('/api/v1/user-products?limit=500', { token: owner.token });
    expect(res.body.pagination.limit).toBe(100);
  });

  it('GET /api/v1/user-products – filters by status', async () => {
    const user = await createUser(app);
    const active = await addItem(user);
    const sold = await addItem(user);
    const broken = await addItem(user);
    await api.put(`/api/v1/user-products/${sold.id}`, { status: 'sold' }, { token: user.token });
    await api.put(`/api/v1/user-products/${broken.id}`, { status: 'broken' }, { token: user.token });
    const ids = async (status: string) =>
      (await api.get(`/api/v1/user-products?status=${status}`, { token: user.token })).body.data.map((i: { id: number }) => i.id);
    expect(await ids('active')).toEqual([active.id]);
    expect(await ids('sold')).toEqual([sold.id]);
    expect(await ids('broken')).toEqual([broken.id]);
    expect(await ids('archived')).toEqual([]);
  });

  it('GET /api/v1/user-products – q matches product name, brand, model and serial number, case-insensitively', async () => {
    const user = await createUser(app);
    const moog = await addItem(user, { product_id: (await product({ name: 'Subsequent 37', brand: 'Moog', model: 'SUB37' })).id });
    const shure = await addItem(user, {
      product_id: (await product({ name: 'SM7B', brand: 'Shure', model: 'SM7B' })).id,
      serial_number: 'ZX-900_1',
    });
    const ids = async (q: string) =>
      (await api.get(`/api/v1/user-products?q=${encodeURIComponent(q)}`, { token: user.token })).body.data.map(
        (i: { id: number }) => i.id,
      );
    expect(await ids('subseq')).toEqual([moog.id]);
    expect(await ids('MOOG')).toEqual([moog.id]);
    expect(await ids('sub37')).toEqual([moog.id]);
    expect(await ids('zx-900')).toEqual([shure.id]);
    expect(await ids('900_1')).toEqual([shure.id]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('nothing like it')).toEqual([]);
  });

  it.each([
    ['status=lost', 'status'],
    ['page=abc', 'page'],
  ])('GET /api/v1/user-products – 400 INVALID_INPUT for %s', async (query, field) => {
    expectError(await api.get(`/api/v1/user-products?${query}`, { token: owner.token }), 400, 'INVALID_INPUT', [field]);
  });
});

describe('GET /api/v1/user-products/:id', () => {
  it('GET /api/v1/user-products/:id – 200 the item for its owner', async () => {
    const item = await addItem(owner, { serial_number: 'ABC' });
    const res = await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(item);
  });

  it.each(['abc', '0', '-1', '1.5'])('GET /api/v1/user-products/%s – 400 INVALID_INPUT on id', async (id) => {
    expectError(await api.get(`/api/v1/user-products/${id}`, { token: owner.token }), 400, 'INVALID_INPUT', ['id']);
  });
});

describe('PUT /api/v1/user-products/:id', () => {
  it('PUT /api/v1/user-products/:id – changes only the fields given and bumps updated_at', async () => {
    const item = await addItem(owner, {
      version: 'v1',
      serial_number: 'S1',
      purchase_date: '2024-01-10',
      purchase_price: 100,
      notes: 'first',
    });
    const res = await api.put(`/api/v1/user-products/${item.id}`, { notes: 'second', version: 'v2' }, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      ...item,
      notes: 'second',
      version: 'v2',
      updated_at: res.body.data.updated_at,
    });
    expect(Date.parse(res.body.data.updated_at)).toBeGreaterThan(Date.parse(item.updated_at));
  });

  it('PUT /api/v1/user-products/:id – null clears a field', async () => {
    const item = await addItem(owner, {
      version: 'v1',
      serial_number: 'S1',
      purchase_date: '2024-01-10',
      purchase_price: 100,
      warranty_expires: '2030-01-01',
      notes: 'n',
    });
    const res = await api.put(
      `/api/v1/user-products/${item.id}`,
      { version: null, serial_number: null, purchase_price: null, notes: null, purchase_date: null, warranty_expires: null },
      { token: owner.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      version: null,
      serial_number: null,
      purchase_price: null,
      notes: null,
      purchase_date: null,
      warranty_expires: null,
      is_under_warranty: false,
    });
  });

  it('PUT /api/v1/user-products/:id – an empty body changes nothing', async () => {
    const item = await addItem(owner);
    const res = await api.put(`/api/v1/user-products/${item.id}`, {}, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(item);
  });

  it('PUT /api/v1/user-products/:id – status moves through sold, broken, archived and back to active', async () => {
    const item = await addItem(owner);
    for (const status of ['sold', 'broken', 'archived', 'active']) {
      const res = await api.put(`/api/v1/user-products/${item.id}`, { status }, { token: owner.token });
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe(status);
      const [row] = await app.db.select().from(userProducts).where(eq(userProducts.id, item.id));
      expect(row!.status).toBe(status);
    }
  });

  it('PUT /api/v1/user-products/:id – purchase_price 0.1 is exact; 3 decimals is 400', async () => {
    const item = await addItem(owner);
    const res = await api.put(`/api/v1/user-products/${item.id}`, { purchase_price: 0.1 }, { token: owner.token });
    expect(res.body.data.purchase_price).toBe(0.1);
    expectError(
      await api.put(`/api/v1/user-products/${item.id}`, { purchase_price: 0.125 }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['purchase_price'],
    );
  });

  it.each([
    ['status: lost', { status: 'lost' }, ['status']],
    ['status: null', { status: null }, ['status']],
    ['product_id (an item keeps its product)', { product_id: 1 }, ['product_id']],
    ['a future purchase_date', { purchase_date: '2999-01-01' }, ['purchase_date']],
    ['purchase_date 2023-02-29', { purchase_date: '2023-02-29' }, ['purchase_date']],
    ['negative purchase_price', { purchase_price: -0.01 }, ['purchase_price']],
    ['an unknown field', { colour: 'red' }, ['_']],
  ])('PUT /api/v1/user-products/:id – 400 INVALID_INPUT for %s, nothing changes', async (_what, body, fields) => {
    const item = await addItem(owner);
    expectError(await api.put(`/api/v1/user-products/${item.id}`, body, { token: owner.token }), 400, 'INVALID_INPUT', fields);
    expect((await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token })).body.data).toEqual(item);
  });

  it('PUT /api/v1/user-products/:id – 400 when the new dates put the warranty before the purchase', async () => {
    const item = await addItem(owner, { purchase_date: '2024-01-10', warranty_expires: '2024-06-01' });
    expectError(
      await api.put(`/api/v1/user-products/${item.id}`, { warranty_expires: '2024-01-09' }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['warranty_expires'],
    );
    expectError(
      await api.put(`/api/v1/user-products/${item.id}`, { purchase_date: '2024-07-01' }, { token: owner.token }),
      400,
      'INVALID_INPUT',
      ['purchase_date'],
    );
    expect((await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token })).body.data).toEqual(item);
  });
});

describe('files_count and docs_count', () => {
  it('GET /api/v1/user-products – files_count counts every attached file, docs_count manuals, warranties, invoices and documents', async () => {
    const user = await createUser(app);
    const item = await addItem(user, { purchase_date: '2024-01-10' });
    const bare = await addItem(user);
    for (const type of ['manual', 'warranty', 'invoice', 'document', 'image', 'other', 'manual'] as const) {
      await attach(user, item.id, type);
    }
    await attach(user, null, 'manual'); // loose: counts for no item
    await attach(user, bare.id, 'image');

    const list = await api.get('/api/v1/user-products', { token: user.token });
    const byId = new Map(list.body.data.map((i: { id: number }) => [i.id, i]));
    expect(byId.get(item.id)).toMatchObject({ files_count: 7, docs_count: 5 });
    expect(byId.get(bare.id)).toMatchObject({ files_count: 1, docs_count: 0 });

    const one = await api.get(`/api/v1/user-products/${item.id}`, { token: user.token });
    expect(one.body.data).toMatchObject({ files_count: 7, docs_count: 5 });

    const warranty = await api.get('/api/v1/user-products/warranty', { token: user.token });
    expect(warranty.body.data.find((i: { id: number }) => i.id === item.id)).toMatchObject({ files_count: 7, docs_count: 5 });

    const updated = await api.put(`/api/v1/user-products/${item.id}`, { notes: 'x' }, { token: user.token });
    expect(updated.body.data).toMatchObject({ files_count: 7, docs_count: 5 });
  });
});

describe("authorization: these are the caller's own gear endpoints", () => {
  const verbs = [
    ['GET', undefined],
    ['PUT', { notes: 'pwned', status: 'sold' }],
    ['DELETE', undefined],
  ] as const;

  it.each(verbs)(
    "%s /api/v1/user-products/:id – another user's item is 404 NOT_FOUND with the same body as a missing id, and stays untouched",
    async (method, body) => {
      const item = await addItem(owner);
      const theirs = await api.call(method, `/api/v1/user-products/${item.id}`, body, { token: other.token });
      const missing = await api.call(method, `/api/v1/user-products/${MISSING_ID}`, body, { token: other.token });
      expectError(theirs, 404, 'NOT_FOUND');
      expectError(missing, 404, 'NOT_FOUND');
      expect(withoutTimestamp(theirs.body)).toEqual(withoutTimestamp(missing.body));
      expect((await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token })).body.data).toEqual(item);
    },
  );

  it.each(verbs)("%s /api/v1/user-products/:id – an admin gets 404 on someone else's item too", async (method, body) => {
    const item = await addItem(owner);
    const res = await api.call(method, `/api/v1/user-products/${item.id}`, body, { token: admin.token });
    const missing = await api.call(method, `/api/v1/user-products/${MISSING_ID}`, body, { token: admin.token });
    expectError(res, 404, 'NOT_FOUND');
    expect(withoutTimestamp(res.body)).toEqual(withoutTimestamp(missing.body));
    expect((await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token })).body.data).toEqual(item);
  });

  it.each(verbs)('%s /api/v1/user-products/:id – the owner may', async (method, body) => {
    const item = await addItem(owner);
    const res = await api.call(method, `/api/v1/user-products/${item.id}`, body, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
  });

  it.each([
    ['GET', '/api/v1/user-products', undefined],
    ['POST', '/api/v1/user-products', { product_id: 1 }],
    ['GET', '/api/v1/user-products/warranty', undefined],
    ['GET', '/api/v1/user-products/:id', undefined],
    ['PUT', '/api/v1/user-products/:id', { notes: 'x' }],
    ['DELETE', '/api/v1/user-products/:id', undefined],
  ] as const)('%s %s – 401 UNAUTHORIZED anonymously, nothing changes', async (method, path, body) => {
    const item = await addItem(owner);
    expectError(await api.call(method, path.replace(':id', String(item.id)), body), 401, 'UNAUTHORIZED');
    expect((await api.get(`/api/v1/user-products/${item.id}`, { token: owner.token })).body.data).toEqual(item);
  });

  it("GET /api/v1/user-products – an admin's list holds only the admin's own items", async () => {
    await addItem(owner);
    const mine = await addItem(admin);
    const res = await api.get('/api/v1/user-products', { token: admin.token });
    expect(res.body.data.map((i: { id: number }) => i.id)).toEqual([mine.id]);
  });
});
