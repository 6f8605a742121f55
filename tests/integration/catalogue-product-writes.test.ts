import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '@/db/schema/catalogue';
import { userProducts } from '@/db/schema/gear';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { productKeys } from '../helpers/catalogue';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let admin: TestUser;
let superAdmin: TestUser;
let moderator: TestUser;
let member: TestUser;
let category: { id: number; name: string };

let seq = 0;
const newTag = () => `w${Date.now().toString(36)}${++seq}`;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [admin, superAdmin, moderator, member] = await Promise.all([
    createUser(app, { role: 'admin' }),
    createUser(app, { role: 'super_admin' }),
    createUser(app, { role: 'moderator' }),
    createUser(app),
  ]);
  const res = await api.post('/api/v1/categories', { name: 'Synthesizers' }, { token: admin.token });
  category = res.body.data;
});
afterAll(() => app?.close());

const post = (body: unknown, caller: TestUser = admin) => api.post('/api/v1/products', body, { token: caller.token });
const put = (id: number, body: unknown, caller: TestUser = admin) => api.put(`/api/v1/products/${id}`, body, { token: caller.token });

async function newProduct(body: Record<string, unknown> = {}): Promise<any> {
  const res = await post({ name: `Product ${newTag()}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

async function storedPrice(id: number): Promise<string | null> {
  const [row] = await app.db.select({ price: products.price }).from(products).where(eq(products.id, id));
  return row!.price;
}

async function productCount(): Promise<number> {
  const [row] = await app.db.select({ n: sql<number>`count(*)::int` }).from(products);
  return Number(row!.n);
}

const fullBody = () => ({
  name: `Minilogue XD ${newTag()}`,
  description: 'Four-voice analog polysynth',
  price: 649,
  stock: 12,
  category_id: category.id,
  brand: 'Korg',
  model: 'minilogue xd',
  warranty_months: 24,
  warranty_conditions: 'Two years on presentation of the invoice',
  manufacturer_website: 'https://www.korg.com/minilogue-xd',
  specifications: { keys: 37, polyphony: 4, effects: { delay: true, reverb: true }, connectivity: 'USB-B', notes: null },
});

describe('POST /api/v1/products', () => {
  it('POST /api/v1/products – 201 with the full product, readable back by id', async () => {
    const body = fullBody();
    const res = await post(body);
    expect(res.status).toBe(201);
    const p = res.body.data;
    expect(Object.keys(p).sort()).toEqual(productKeys);
    const { category_id: _c, ...rest } = body;
    expect(p).toMatchObject({ ...rest, category_id: category.id, category_name: 'Synthesizers', status: 'active' });
    expect(p.created_at).toBe(p.updated_at);
    const back = await api.get(`/api/v1/products/${p.id}`, { token: member.token });
    expect(back.body.data).toEqual(p);
  });

  it('POST /api/v1/products – trims text and stores empty optional text as null', async () => {
    const p = await newProduct({ name: '  Spaced name  ', brand: '  ', model: '', description: '', manufacturer_website: '' });
    expect(p).toMatchObject({ name: 'Spaced name', brand: null, model: null, description: null, manufacturer_website: null });
  });

  it('POST /api/v1/products – 401 anonymous; 403 PERMISSION_DENIED for users and moderators; nothing is created', async () => {
    const before = await productCount();
    expectError(await api.post('/api/v1/products', fullBody()), 401, 'UNAUTHORIZED');
    expectError(await post(fullBody(), member), 403, 'PERMISSION_DENIED');
    expectError(await post(fullBody(), moderator), 403, 'PERMISSION_DENIED');
    expect(await productCount()).toBe(before);
  });

  it('POST /api/v1/products – a super_admin may create too', async () => {
    expect((await post(fullBody(), superAdmin)).status).toBe(201);
  });

  it('POST /api/v1/products – category by name in any case sets category_id', async () => {
    const p = await newProduct({ category: 'sYNTHESIZERS' });
    expect(p).toMatchObject({ category_id: category.id, category_name: 'Synthesizers' });
  });

  it('POST /api/v1/products – 400 for an unknown category name or id, or both given; no category is created', async () => {
    const before = (await api.get('/api/v1/categories', { token: member.token })).body.data.length;
    expectError(await post({ name: 'X', category: 'Kazoos' }), 400, 'INVALID_INPUT', ['category']);
    expectError(await post({ name: 'X', category_id: 2147483647 }), 400, 'INVALID_INPUT', ['category_id']);
    expectError(await post({ name: 'X', category_id: category.id, category: 'Synthesizers' }), 400, 'INVALID_INPUT', ['category']);
    expectError(await post({ name: 'X', category_id: 'abc' }), 400, 'INVALID_INPUT', ['category_id']);
    expectError(await post({ name: 'X', category_id: 0 }), 400, 'INVALID_INPUT', ['category_id']);
    expect((await api.get('/api/v1/categories', { token: member.token })).body.data.length).toBe(before);
  });

  it('POST /api/v1/products – 99.99 round-trips exactly and is stored as numeric 99.99', async () => {
    const p = await newProduct({ price: 99.99 });
    expect(p.price).toBe(99.99);
    expect(await storedPrice(p.id)).toBe('99.99');
    expect((await api.get(`/api/v1/products/${p.id}`, { token: member.token })).body.data.price).toBe(99.99);
  });

  it('POST /api/v1/products – float artefacts like 0.1 + 0.2 are stored as the exact cents', async () => {
    const p = await newProduct({ price: 0.1 + 0.2 });
    expect(p.price).toBe(0.3);
    expect(await storedPrice(p.id)).toBe('0.30');
    const q = await newProduct({ price: 1.1 * 3 });
    expect(q.price).toBe(3.3);
    expect(await storedPrice(q.id)).toBe('3.30');
    const cents = await newProduct({ price: 0.07 });
    expect(await storedPrice(cents.id)).toBe('0.07');
  });

  it('POST /api/v1/products – 0 and 9999999999.99 are accepted exactly', async () => {
    const zero = await newProduct({ price: 0 });
    expect(zero.price).toBe(0);
    expect(await storedPrice(zero.id)).toBe('0.00');
    const max = await newProduct({ price: 9999999999.99 });
    expect(max.price).toBe(9999999999.99);
    expect(await storedPrice(max.id)).toBe('9999999999.99');
  });

  it('POST /api/v1/products – 400 for a price with 3 decimals, negative, too large, or sent as a string', async () => {
    const before = await productCount();
    for (const price of [1.005, 19.999, 0.001, -1, -0.01, 10000000000, '10.00', '99.99', true, {}]) {
      expectError(await post({ name: 'Bad price', price }), 400, 'INVALID_INPUT', ['price']);
    }
    expect(await productCount()).toBe(before);
  });

  it('POST /api/v1/products – specifications must be an object of scalars and objects, at most 16 KB', async () => {
    const bad = [
      ['an array', [1, 2]],
      ['a string', '{"inputs": 2}'],
      ['a number', 5],
      ['null', null],
      ['a nested array', { inputs: ['XLR', 'TRS'] }],
      ['too large', { blob: 'x'.repeat(16 * 1024) }],
      ['an empty key', { '': 1 }],
      ['too deep', { a: { b: { c: { d: { e: { f: 1 } } } } } }],
    ] as const;
    for (const [what, specifications] of bad) {
      const res = await post({ name: 'Bad specs', specifications });
      expect(res.status, what).toBe(400);
      expectError(res, 400, 'INVALID_INPUT', ['specifications']);
    }
    // Just under the limit is fine.
    const big = await newProduct({ specifications: { blob: 'x'.repeat(16 * 1024 - 20) } });
    expect(big.specifications.blob).toHaveLength(16 * 1024 - 20);
  });

  it('POST /api/v1/products – 400 INVALID_INPUT for unknown keys, missing or long name, and bad numbers and URLs', async () => {
    const cases: [string, Record<string, unknown>, string[] | undefined][] = [
      ['an unknown key', { name: 'X', colour: 'red' }, undefined],
      ['status on create', { name: 'X', status: 'archived' }, undefined],
      ['no name', { brand: 'Korg' }, ['name']],
      ['a blank name', { name: '   ' }, ['name']],
      ['a 201-character name', { name: 'n'.repeat(201) }, ['name']],
      ['negative stock', { name: 'X', stock: -1 }, ['stock']],
      ['fractional stock', { name: 'X', stock: 1.5 }, ['stock']],
      ['stock as a string', { name: 'X', stock: '3' }, ['stock']],
      ['warranty over 240 months', { name: 'X', warranty_months: 241 }, ['warranty_months']],
      ['negative warranty', { name: 'X', warranty_months: -1 }, ['warranty_months']],
      ['an ftp website', { name: 'X', manufacturer_website: 'ftp://korg.com' }, ['manufacturer_website']],
      ['a javascript: website', { name: 'X', manufacturer_website: 'javascript:alert(1)' }, ['manufacturer_website']],
      ['a website that is not a URL', { name: 'X', manufacturer_website: 'korg' }, ['manufacturer_website']],
      ['a 101-character brand', { name: 'X', brand: 'b'.repeat(101) }, ['brand']],
    ];
    for (const [what, body, fields] of cases) {
      const res = await post(body);
      expect(res.status, what).toBe(400);
      expectError(res, 400, 'INVALID_INPUT', fields);
    }
    expectError(await api.post('/api/v1/products', undefined, { token: admin.token, raw: '{"name":', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
  });

  it('POST /api/v1/products – boundaries: 200-character name, stock 0, warranty 0 and 240 months', async () => {
    const p = await newProduct({ name: 'n'.repeat(200), stock: 0, warranty_months: 240 });
    expect(p).toMatchObject({ stock: 0, warranty_months: 240 });
    expect((await newProduct({ warranty_months: 0 })).warranty_months).toBe(0);
  });
});

describe('POST /api/v1/admin/products', () => {
  it('POST /api/v1/admin/products – 201, the same product as POST /products', async () => {
    const res = await api.post('/api/v1/admin/products', fullBody(), { token: admin.token });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual(productKeys);
    expect(res.body.data.category_name).toBe('Synthesizers');
    expect((await api.get(`/api/v1/products/${res.body.data.id}`, { token: member.token })).body.data).toEqual(res.body.data);
  });

  it('POST /api/v1/admin/products – the same validation: money, specifications, category', async () => {
    const at = (body: unknown) => api.post('/api/v1/admin/products', body, { token: admin.token });
    expectError(await at({ name: 'X', price: 1.234 }), 400, 'INVALID_INPUT', ['price']);
    expectError(await at({ name: 'X', specifications: [] }), 400, 'INVALID_INPUT', ['specifications']);
    expectError(await at({ name: 'X', category: 'Nope' }), 400, 'INVALID_INPUT', ['category']);
    expectError(await at({ name: 'X', extra: 1 }), 400, 'INVALID_INPUT');
  });

  it('POST /api/v1/admin/products – 401 anonymous, 403 for users and moderators', async () => {
    expectError(await api.post('/api/v1/admin/products', fullBody()), 401, 'UNAUTHORIZED');
    expectError(await api.post('/api/v1/admin/products', fullBody(), { token: member.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.post('/api/v1/admin/products', fullBody(), { token: moderator.token }), 403, 'PERMISSION_DENIED');
  });
});

describe('PUT /api/v1/products/:id', () => {
  it('PUT /api/v1/products/:id – a partial update changes only the given fields and bumps updated_at', async () => {
    const p = await newProduct(fullBody());
    await new Promise((r) => setTimeout(r, 5));
    const res = await put(p.id, { price: 599.5, stock: 3 });
    expect(res.status).toBe(200);
    const { price: _p, stock: _s, updated_at: _u, ...unchanged } = p;
    expect(res.body.data).toMatchObject({ ...unchanged, price: 599.5, stock: 3 });
    expect(Date.parse(res.body.data.updated_at)).toBeGreaterThan(Date.parse(p.updated_at));
    expect(await storedPrice(p.id)).toBe('599.50');
    expect((await api.get(`/api/v1/products/${p.id}`, { token: member.token })).body.data).toEqual(res.body.data);
  });

  it('PUT /api/v1/products/:id – null clears optional fields; specifications null becomes {}', async () => {
    const p = await newProduct(fullBody());
    const res = await put(p.id, {
      description: null,
      price: null,
      category_id: null,
      brand: null,
      model: '',
      warranty_conditions: null,
      manufacturer_website: null,
      specifications: null,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: p.name,
      description: null,
      price: null,
      category_id: null,
      category_name: null,
      brand: null,
      model: null,
      warranty_conditions: null,
      manufacturer_website: null,
      specifications: {},
      stock: p.stock,
      warranty_months: p.warranty_months,
    });
    expect(await storedPrice(p.id)).toBeNull();
  });

  it('PUT /api/v1/products/:id – renames, recategorises by name and replaces specifications', async () => {
    const other = (await api.post('/api/v1/categories', { name: `Keys ${newTag()}` }, { token: admin.token })).body.data;
    const p = await newProduct(fullBody());
    const res = await put(p.id, { name: 'Renamed', category: other.name.toUpperCase(), specifications: { keys: 61 } });
    expect(res.body.data).toMatchObject({ name: 'Renamed', category_id: other.id, category_name: other.name, specifications: { keys: 61 } });
    const back = await put(p.id, { category_id: category.id });
    expect(back.body.data).toMatchObject({ category_id: category.id, category_name: 'Synthesizers' });
    expect((await put(p.id, { category: null })).body.data).toMatchObject({ category_id: null, category_name: null });
  });

  it('PUT /api/v1/products/:id – status moves between active, discontinued and archived', async () => {
    const p = await newProduct();
    for (const status of ['discontinued', 'archived', 'active']) {
      const res = await put(p.id, { status });
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe(status);
    }
  });

  it('PUT /api/v1/products/:id – 400 for an empty body, null name, unknown keys, bad status, money and specifications', async () => {
    const p = await newProduct();
    const cases: [string, unknown, string[] | undefined][] = [
      ['an empty body', {}, undefined],
      ['a null name', { name: null }, ['name']],
      ['a blank name', { name: '' }, ['name']],
      ['an unknown key', { price: 1, id: 5 }, undefined],
      ['an unknown status', { status: 'deleted' }, ['status']],
      ['null stock', { stock: null }, ['stock']],
      ['null status', { status: null }, ['status']],
      ['3 decimals', { price: 10.001 }, ['price']],
      ['a negative price', { price: -5 }, ['price']],
      ['a string price', { price: '5' }, ['price']],
      ['array specifications', { specifications: [] }, ['specifications']],
      ['string specifications', { specifications: 'x' }, ['specifications']],
      ['both category fields', { category: 'Synthesizers', category_id: category.id }, ['category']],
      ['an unknown category', { category: 'Kazoos' }, ['category']],
      ['an unknown category id', { category_id: 2147483647 }, ['category_id']],
    ];
    for (const [what, body, fields] of cases) {
      const res = await put(p.id, body);
      expect(res.status, what).toBe(400);
      expectError(res, 400, 'INVALID_INPUT', fields);
    }
    expect((await api.get(`/api/v1/products/${p.id}`, { token: member.token })).body.data).toEqual(p);
  });

  it('PUT /api/v1/products/:id – 404 PRODUCT_NOT_FOUND for a missing id; 401 anonymous; 403 for users and moderators', async () => {
    const p = await newProduct();
    expectError(await put(2147483647, { stock: 1 }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await api.put(`/api/v1/products/${p.id}`, { stock: 1 }), 401, 'UNAUTHORIZED');
    expectError(await put(p.id, { stock: 1 }, member), 403, 'PERMISSION_DENIED');
    expectError(await put(p.id, { stock: 1 }, moderator), 403, 'PERMISSION_DENIED');
    expect((await api.get(`/api/v1/products/${p.id}`, { token: member.token })).body.data.stock).toBe(0);
  });
});

describe('DELETE /api/v1/products/:id', () => {
  it('DELETE /api/v1/products/:id – removes a product nobody owns; then 404', async () => {
    const p = await newProduct();
    const res = await api.delete(`/api/v1/products/${p.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: null });
    expectError(await api.get(`/api/v1/products/${p.id}`, { token: member.token }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await api.delete(`/api/v1/products/${p.id}`, { token: admin.token }), 404, 'PRODUCT_NOT_FOUND');
  });

  it('DELETE /api/v1/products/:id – 409 HAS_DEPENDENTS when someone owns it; archiving with PUT status works instead', async () => {
    const p = await newProduct({ category_id: category.id });
    await app.db.insert(userProducts).values({ userId: member.id, productId: p.id });
    const res = await api.delete(`/api/v1/products/${p.id}`, { token: admin.token });
    expectError(res, 409, 'HAS_DEPENDENTS');
    expect(res.body.error).toMatch(/archiv/i);
    expect((await api.get(`/api/v1/products/${p.id}`, { token: member.token })).status).toBe(200);

    const archived = await put(p.id, { status: 'archived' });
    expect(archived.status).toBe(200);
    expect(archived.body.data.status).toBe('archived');
    const listed = await api.get(`/api/v1/products?category=${category.id}&limit=100`, { token: member.token });
    expect(listed.body.data.map((x: { id: number }) => x.id)).not.toContain(p.id);
    const adminListed = await api.get(`/api/v1/admin/products?category=${category.id}&status=archived&limit=100`, { token: admin.token });
    expect(adminListed.body.data.map((x: { id: number }) => x.id)).toContain(p.id);

    // Once nobody owns it, it can go.
    await app.db.delete(userProducts).where(eq(userProducts.productId, p.id));
    expect((await api.delete(`/api/v1/products/${p.id}`, { token: admin.token })).status).toBe(200);
  });

  it('DELETE /api/v1/products/:id – 404 for a missing id, 400 for a bad one, 401 anonymous, 403 for users and moderators', async () => {
    const p = await newProduct();
    expectError(await api.delete('/api/v1/products/2147483647', { token: admin.token }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await api.delete('/api/v1/products/abc', { token: admin.token }), 400, 'INVALID_INPUT', ['id']);
    expectError(await api.delete(`/api/v1/products/${p.id}`), 401, 'UNAUTHORIZED');
    expectError(await api.delete(`/api/v1/products/${p.id}`, { token: member.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.delete(`/api/v1/products/${p.id}`, { token: moderator.token }), 403, 'PERMISSION_DENIED');
    expect((await api.get(`/api/v1/products/${p.id}`, { token: member.token })).status).toBe(200);
  });
});
