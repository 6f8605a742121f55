import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '@/db/schema/catalogue';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { productKeys } from '../helpers/catalogue';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let admin: TestUser;
let moderator: TestUser;
let member: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  [admin, moderator, member] = await Promise.all([
    createUser(app, { role: 'admin' }),
    createUser(app, { role: 'moderator' }),
    createUser(app),
  ]);
});
afterAll(() => app?.close());

let seq = 0;
const newTag = () => `cat${Date.now().toString(36)}${++seq}`;

async function newCategory(name: string): Promise<{ id: number; name: string }> {
  const res = await api.post('/api/v1/categories', { name }, { token: admin.token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

async function newProduct(body: Record<string, unknown>): Promise<any> {
  const res = await api.post('/api/v1/products', body, { token: admin.token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

/**
 * Four products in a fresh category, created in this order:
 * Électron Synth (200), alpha (300), Charlie (100), Bravo (no price).
 */
async function fixture() {
  const tag = newTag();
  const category = await newCategory(`Cat ${tag}`);
  const electron = await newProduct({ name: `Électron Synth ${tag}`, category_id: category.id, brand: `Brand${tag}`, model: 'EL-1', price: 200 });
  const alpha = await newProduct({ name: `alpha ${tag}`, category_id: category.id, brand: `Brand${tag}`, model: 'A-100', price: 300 });
  const charlie = await newProduct({ name: `Charlie ${tag}`, category_id: category.id, brand: `Other${tag}`, model: 'Ch/7', price: 100 });
  const bravo = await newProduct({ name: `Bravo ${tag}`, category_id: category.id, brand: `Brand${tag}x`, model: 'B%_2' });
  return { tag, category, electron, alpha, charlie, bravo };
}

const list = (query: string, caller: TestUser = member) => api.get(`/api/v1/products?${query}`, { token: caller.token });
const names = async (query: string, caller: TestUser = member) => {
  const res = await list(query, caller);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((p: { name: string }) => p.name);
};

describe('GET /api/v1/products', () => {
  it('GET /api/v1/products – 401 UNAUTHORIZED without a token', async () => {
    expectError(await api.get('/api/v1/products'), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/products – items have exactly the Product fields, price as a number, specifications as an object', async () => {
    const tag = newTag();
    const category = await newCategory(`Shape ${tag}`);
    const created = await newProduct({
      name: `Shape ${tag}`,
      category_id: category.id,
      brand: 'Focusrite',
      model: 'Scarlett 2i2',
      description: 'Two-in, two-out',
      price: 199.99,
      stock: 4,
      warranty_months: 36,
      warranty_conditions: 'Keep the invoice',
      manufacturer_website: 'https://focusrite.com',
      specifications: { inputs: 2, phantom_power: true, connectivity: 'USB-C', clock: { internal: true } },
    });
    const res = await list(`category=${category.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body.success).toBe(true);
    expect(res.body.data).toHaveLength(1);
    const [item] = res.body.data;
    expect(Object.keys(item).sort()).toEqual(productKeys);
    expect(item).toEqual(created);
    expect(item).toMatchObject({
      name: `Shape ${tag}`,
      category_id: category.id,
      category_name: `Shape ${tag}`,
      brand: 'Focusrite',
      model: 'Scarlett 2i2',
      description: 'Two-in, two-out',
      price: 199.99,
      stock: 4,
      warranty_months: 36,
      warranty_conditions: 'Keep the invoice',
      manufacturer_website: 'https://focusrite.com',
      specifications: { inputs: 2, phantom_power: true, connectivity: 'USB-C', clock: { internal: true } },
      status: 'active',
    });
    expect(typeof item.price).toBe('number');
    expect(new Date(item.created_at).toISOString()).toBe(item.created_at);
    expect(new Date(item.updated_at).toISOString()).toBe(item.updated_at);
  });

  it('GET /api/v1/products – a product without price or category answers null for them and {} for specifications', async () => {
    const tag = newTag();
    const created = await newProduct({ name: `Bare ${tag}` });
    expect(created).toMatchObject({
      category_id: null,
      category_name: null,
      brand: null,
      model: null,
      description: null,
      price: null,
      stock: 0,
      warranty_months: 0,
      warranty_conditions: null,
      manufacturer_website: null,
      specifications: {},
      status: 'active',
    });
    const res = await list(`search=${encodeURIComponent(`Bare ${tag}`)}`);
    expect(res.body.data).toEqual([created]);
  });

  it('GET /api/v1/products – sort=name (default) is alphabetical ignoring case and accents', async () => {
    const f = await fixture();
    const expected = [f.alpha.name, f.bravo.name, f.charlie.name, f.electron.name];
    expect(await names(`category=${f.category.id}`)).toEqual(expected);
    expect(await names(`category=${f.category.id}&sort=name`)).toEqual(expected);
  });

  it('GET /api/v1/products – sort=price and sort=-price order by price, products without one last', async () => {
    const f = await fixture();
    expect(await names(`category=${f.category.id}&sort=price`)).toEqual([f.charlie.name, f.electron.name, f.alpha.name, f.bravo.name]);
    expect(await names(`category=${f.category.id}&sort=-price`)).toEqual([f.alpha.name, f.electron.name, f.charlie.name, f.bravo.name]);
  });

  it('GET /api/v1/products – sort=-created_at lists the newest first', async () => {
    const f = await fixture();
    expect(await names(`category=${f.category.id}&sort=-created_at`)).toEqual([f.bravo.name, f.charlie.name, f.alpha.name, f.electron.name]);
  });

  it('GET /api/v1/products – 400 INVALID_INPUT for an unknown sort', async () => {
    expectError(await list('sort=created_at'), 400, 'INVALID_INPUT', ['sort']);
    expectError(await list('sort=-name'), 400, 'INVALID_INPUT', ['sort']);
  });

  it('GET /api/v1/products – category filters by id and by name in any case', async () => {
    const f = await fixture();
    const expected = [f.alpha.name, f.bravo.name, f.charlie.name, f.electron.name];
    expect(await names(`category=${f.category.id}`)).toEqual(expected);
    expect(await names(`category=${encodeURIComponent(f.category.name.toUpperCase())}`)).toEqual(expected);
    expect(await names(`category=${encodeURIComponent(f.category.name.toLowerCase())}`)).toEqual(expected);
    expect(await names(`category=${encodeURIComponent(`${f.category.name} x`)}`)).toEqual([]);
    expect(await names('category=2147483647')).toEqual([]);
    expect(await names('category=99999999999999')).toEqual([]);
  });

  it('GET /api/v1/products – brand is an exact match, case-insensitive', async () => {
    const f = await fixture();
    expect(await names(`brand=${`BRAND${f.tag}`.toUpperCase()}`)).toEqual([f.alpha.name, f.electron.name]);
    expect(await names(`brand=other${f.tag}`)).toEqual([f.charlie.name]);
    expect(await names(`brand=rand${f.tag}`)).toEqual([]);
    expect(await names(`brand=Brand${f.tag}xx`)).toEqual([]);
  });

  it('GET /api/v1/products – price_min and price_max bound the price, inclusive, and leave out products without one', async () => {
    const f = await fixture();
    const c = `category=${f.category.id}`;
    expect(await names(`${c}&price_min=150&price_max=300`)).toEqual([f.alpha.name, f.electron.name]);
    expect(await names(`${c}&price_min=200`)).toEqual([f.alpha.name, f.electron.name]);
    expect(await names(`${c}&price_max=200.00`)).toEqual([f.charlie.name, f.electron.name]);
    expect(await names(`${c}&price_min=100&price_max=100`)).toEqual([f.charlie.name]);
    expect(await names(`${c}&price_min=300.01`)).toEqual([]);
    expect(await names(`${c}&price_min=0`)).toEqual([f.alpha.name, f.charlie.name, f.electron.name]);
  });

  it('GET /api/v1/products – 400 INVALID_INPUT when price_min exceeds price_max or a bound is not an amount', async () => {
    expectError(await list('price_min=300&price_max=100'), 400, 'INVALID_INPUT', ['price_min']);
    expectError(await list('price_min=-1'), 400, 'INVALID_INPUT', ['price_min']);
    expectError(await list('price_max=abc'), 400, 'INVALID_INPUT', ['price_max']);
    expectError(await list('price_max=1.234'), 400, 'INVALID_INPUT', ['price_max']);
  });

  it('GET /api/v1/products – search ignores case and accents over name, brand and model', async () => {
    const f = await fixture();
    const c = `category=${f.category.id}`;
    expect(await names(`${c}&search=electron`)).toEqual([f.electron.name]);
    expect(await names(`${c}&search=ELECTRON`)).toEqual([f.electron.name]);
    expect(await names(`${c}&search=${encodeURIComponent('Électron')}`)).toEqual([f.electron.name]);
    expect(await names(`${c}&search=${encodeURIComponent('ÉLECTRÔN synth')}`)).toEqual([f.electron.name]);
    expect(await names(`search=${encodeURIComponent(`electron ${f.tag}`)}`)).toEqual([f.electron.name]);
    // brand and model
    expect(await names(`${c}&search=other${f.tag}`)).toEqual([f.charlie.name]);
    expect(await names(`${c}&search=a-100`)).toEqual([f.alpha.name]);
    expect(await names(`${c}&search=nothing-like-this`)).toEqual([]);
  });

  it('GET /api/v1/products – search treats %, _ and \\ literally', async () => {
    const f = await fixture();
    const c = `category=${f.category.id}`;
    expect(await names(`${c}&search=${encodeURIComponent('%')}`)).toEqual([f.bravo.name]);
    expect(await names(`${c}&search=${encodeURIComponent('%_')}`)).toEqual([f.bravo.name]);
    expect(await names(`${c}&search=${encodeURIComponent('_')}`)).toEqual([f.bravo.name]);
    expect(await names(`${c}&search=${encodeURIComponent('b_2')}`)).toEqual([]);
    expect(await names(`${c}&search=${encodeURIComponent('\\')}`)).toEqual([]);
    expect(await names(`${c}&search=${encodeURIComponent('ch/7')}`)).toEqual([f.charlie.name]);
  });

  it('GET /api/v1/products – filters combine', async () => {
    const f = await fixture();
    const c = `category=${encodeURIComponent(f.category.name)}&brand=brand${f.tag}`;
    expect(await names(`${c}&price_max=250&search=synth`)).toEqual([f.electron.name]);
    expect(await names(`${c}&price_max=250&search=alpha`)).toEqual([]);
    expect(await names(`${c}&price_min=250`)).toEqual([f.alpha.name]);
  });

  it('GET /api/v1/products – paginates: page/limit, total, pages, has_next and has_previous', async () => {
    const f = await fixture();
    const c = `category=${f.category.id}`;
    const first = await list(`${c}&limit=3`);
    expect(first.body.pagination).toEqual({ page: 1, limit: 3, total: 4, pages: 2, has_next: true, has_previous: false });
    expect(first.body.data.map((p: { name: string }) => p.name)).toEqual([f.alpha.name, f.bravo.name, f.charlie.name]);
    const second = await list(`${c}&limit=3&page=2`);
    expect(second.body.pagination).toEqual({ page: 2, limit: 3, total: 4, pages: 2, has_next: false, has_previous: true });
    expect(second.body.data.map((p: { name: string }) => p.name)).toEqual([f.electron.name]);
    const beyond = await list(`${c}&limit=3&page=5`);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.pagination).toMatchObject({ page: 5, total: 4, has_next: false, has_previous: true });
  });

  it('GET /api/v1/products – defaults to page 1, limit 20; a larger limit is clamped to 100, a smaller one to 1', async () => {
    const f = await fixture();
    const c = `category=${f.category.id}`;
    expect((await list(c)).body.pagination).toEqual({ page: 1, limit: 20, total: 4, pages: 1, has_next: false, has_previous: false });
    const big = await list(`${c}&limit=1000`);
    expect(big.body.pagination).toMatchObject({ limit: 100, total: 4 });
    expect(big.body.data).toHaveLength(4);
    const zero = await list(`${c}&limit=0&page=0`);
    expect(zero.body.pagination).toMatchObject({ page: 1, limit: 1, pages: 4, has_next: true });
    expect(zero.body.data).toHaveLength(1);
    expectError(await list('limit=abc'), 400, 'INVALID_INPUT', ['limit']);
    expectError(await list('page=abc'), 400, 'INVALID_INPUT', ['page']);
  });

  it('GET /api/v1/products – archived products are hidden; status filters active or discontinued', async () => {
    const f = await fixture();
    await api.put(`/api/v1/products/${f.alpha.id}`, { status: 'archived' }, { token: admin.token });
    await api.put(`/api/v1/products/${f.bravo.id}`, { status: 'discontinued' }, { token: admin.token });
    const c = `category=${f.category.id}`;
    expect(await names(c)).toEqual([f.bravo.name, f.charlie.name, f.electron.name]);
    expect(await names(c, admin)).toEqual([f.bravo.name, f.charlie.name, f.electron.name]);
    expect(await names(`${c}&status=discontinued`)).toEqual([f.bravo.name]);
    expect(await names(`${c}&status=active`)).toEqual([f.charlie.name, f.electron.name]);
    expect((await list(c)).body.pagination.total).toBe(3);
  });

  it('GET /api/v1/products – status=archived: admins get archived products, others 403 PERMISSION_DENIED', async () => {
    const f = await fixture();
    await api.put(`/api/v1/products/${f.alpha.id}`, { status: 'archived' }, { token: admin.token });
    const c = `category=${f.category.id}&status=archived`;
    expect(await names(c, admin)).toEqual([f.alpha.name]);
    expectError(await list(c, member), 403, 'PERMISSION_DENIED');
    expectError(await list(c, moderator), 403, 'PERMISSION_DENIED');
    expectError(await list('status=deleted'), 400, 'INVALID_INPUT', ['status']);
  });
});

describe('GET /api/v1/admin/products', () => {
  it('GET /api/v1/admin/products – 401 anonymous, 403 for users and moderators', async () => {
    expectError(await api.get('/api/v1/admin/products'), 401, 'UNAUTHORIZED');
    expectError(await api.get('/api/v1/admin/products', { token: member.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.get('/api/v1/admin/products', { token: moderator.token }), 403, 'PERMISSION_DENIED');
  });

  it('GET /api/v1/admin/products – lists archived products too, with the same filters, sorting and pagination', async () => {
    const f = await fixture();
    await api.put(`/api/v1/products/${f.alpha.id}`, { status: 'archived' }, { token: admin.token });
    const get = (q: string) => api.get(`/api/v1/admin/products?category=${f.category.id}&${q}`, { token: admin.token });
    const all = await get('');
    expect(all.status).toBe(200);
    expect(all.body.data.map((p: { name: string }) => p.name)).toEqual([f.alpha.name, f.bravo.name, f.charlie.name, f.electron.name]);
    expect(all.body.data[0]).toMatchObject({ id: f.alpha.id, status: 'archived' });
    expect(Object.keys(all.body.data[0]).sort()).toEqual(productKeys);
    expect((await get('status=archived')).body.data.map((p: { id: number }) => p.id)).toEqual([f.alpha.id]);
    expect((await get('status=active&sort=-price')).body.data.map((p: { id: number }) => p.id)).toEqual([
      f.electron.id,
      f.charlie.id,
      f.bravo.id,
    ]);
    expect((await get('search=electron')).body.data.map((p: { id: number }) => p.id)).toEqual([f.electron.id]);
    const paged = await get('limit=2&page=2&sort=price');
    expect(paged.body.pagination).toEqual({ page: 2, limit: 2, total: 4, pages: 2, has_next: false, has_previous: true });
    expect(paged.body.data.map((p: { id: number }) => p.id)).toEqual([f.alpha.id, f.bravo.id]);
    expectError(await get('sort=bogus'), 400, 'INVALID_INPUT', ['sort']);
    expectError(await get('price_min=5&price_max=1'), 400, 'INVALID_INPUT', ['price_min']);
  });
});

describe('GET /api/v1/products/:id', () => {
  it('GET /api/v1/products/:id – the product, equal to its list item', async () => {
    const f = await fixture();
    const res = await api.get(`/api/v1/products/${f.electron.id}`, { token: member.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(productKeys);
    expect(res.body.data).toEqual(f.electron);
    expect(res.body.data).toMatchObject({ category_id: f.category.id, category_name: f.category.name, price: 200 });
  });

  it('GET /api/v1/products/:id – an archived product stays readable by id', async () => {
    const f = await fixture();
    await api.put(`/api/v1/products/${f.alpha.id}`, { status: 'archived' }, { token: admin.token });
    const res = await api.get(`/api/v1/products/${f.alpha.id}`, { token: member.token });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('archived');
  });

  it('GET /api/v1/products/:id – 404 PRODUCT_NOT_FOUND for a missing id, 400 for a non-numeric one, 401 anonymous', async () => {
    const f = await fixture();
    expectError(await api.get('/api/v1/products/2147483647', { token: member.token }), 404, 'PRODUCT_NOT_FOUND');
    expectError(await api.get('/api/v1/products/abc', { token: member.token }), 400, 'INVALID_INPUT', ['id']);
    expectError(await api.get('/api/v1/products/0', { token: member.token }), 400, 'INVALID_INPUT', ['id']);
    expectError(await api.get(`/api/v1/products/${f.alpha.id}`), 401, 'UNAUTHORIZED');
  });

  it('GET /api/v1/products/:id – specifications come back as a JSON object stored as a jsonb object', async () => {
    const spec = { inputs: 2, sample_rate_khz: 192, bit_depth: 24, connectivity: 'USB-C', phantom_power: true, meta: { a: null } };
    const p = await newProduct({ name: `Spec ${newTag()}`, specifications: spec });
    const res = await api.get(`/api/v1/products/${p.id}`, { token: member.token });
    expect(res.body.data.specifications).toEqual(spec);
    const [row] = await app.db
      .select({ specifications: products.specifications, type: sql<string>`jsonb_typeof(${products.specifications})` })
      .from(products)
      .where(eq(products.id, p.id));
    expect(row).toEqual({ specifications: spec, type: 'object' });
  });
});
