import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function newProduct(body: Record<string, unknown>): Promise<any> {
  const res = await api.post('/api/v1/products', body, { token: admin.token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

const search = (query: string, token?: string) => api.get(`/api/v1/products/search?${query}`, token ? { token } : {});
const searchNames = async (query: string) => {
  const res = await search(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((p: { name: string }) => p.name);
};

describe('GET /api/v1/products/search', () => {
  it('GET /api/v1/products/search – public: answers without a token, with Product items', async () => {
    const p = await newProduct({ name: 'Harmonium Deluxe', brand: 'Hohner', price: 450.5, specifications: { reeds: 2 } });
    const res = await search('q=harmonium');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.pagination).toBeUndefined();
    expect(res.body.data).toEqual([p]);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(productKeys);
    // A signed-in caller gets the same answer.
    expect((await search('q=harmonium', member.token)).body.data).toEqual([p]);
  });

  it('GET /api/v1/products/search – ranks the exact name, then name prefixes, then containing, then close spellings', async () => {
    // Created in an order that differs from the expected ranking.
    await newProduct({ name: 'Quazar Mini', brand: 'Acme' });
    await newProduct({ name: 'Nova Quasar 8', brand: 'Acme' });
    await newProduct({ name: 'Ion', brand: 'Quasar Labs', model: 'Q1' });
    await newProduct({ name: 'Quasar Pro', brand: 'Acme' });
    await newProduct({ name: 'Quasar', brand: 'Acme' });
    await newProduct({ name: 'Unrelated Box', brand: 'Acme' });
    const archived = await newProduct({ name: 'Quasar Archive', brand: 'Acme' });
    await api.put(`/api/v1/products/${archived.id}`, { status: 'archived' }, { token: admin.token });

    const found = await searchNames('q=quasar');
    expect(found.slice(0, 2)).toEqual(['Quasar', 'Quasar Pro']);
    expect(found.slice(2, 4).sort()).toEqual(['Ion', 'Nova Quasar 8']);
    expect(found[4]).toBe('Quazar Mini');
    expect(found).toHaveLength(5);
    expect(found).not.toContain('Unrelated Box');
    expect(found).not.toContain('Quasar Archive');
    // Case and accents do not matter.
    expect(await searchNames(`q=${encodeURIComponent('QUÂSAR')}`)).toEqual(found);
  });

  it('GET /api/v1/products/search – "electron" finds "Électron Synth"', async () => {
    const p = await newProduct({ name: 'Électron Synth', brand: 'Ondes' });
    const res = await search('q=electron');
    expect(res.body.data.map((x: { id: number }) => x.id)).toContain(p.id);
    expect(res.body.data[0].id).toBe(p.id);
    expect((await search(`q=${encodeURIComponent('ÉLECTRON')}`)).body.data[0].id).toBe(p.id);
    expect((await search('q=electron%20synth')).body.data[0].id).toBe(p.id);
  });

  it('GET /api/v1/products/search – matches brand and model, and tolerates a typo', async () => {
    const p = await newProduct({ name: 'Reference Cans', brand: 'Beyerdynamic', model: 'DT-990' });
    expect((await search('q=beyerdynamic')).body.data.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await search('q=dt-990')).body.data.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await search('q=beyerdinamic')).body.data.map((x: { id: number }) => x.id)).toContain(p.id);
  });

  it('GET /api/v1/products/search – limit defaults to 10, is clamped to 50 and at least 1', async () => {
    for (let i = 1; i <= 12; i++) await newProduct({ name: `Lumen ${String(i).padStart(2, '0')}` });
    expect(await searchNames('q=lumen')).toHaveLength(10);
    expect(await searchNames('q=lumen&limit=3')).toEqual(['Lumen 01', 'Lumen 02', 'Lumen 03']);
    expect(await searchNames('q=lumen&limit=500')).toHaveLength(12);
    expect(await searchNames('q=lumen&limit=0')).toHaveLength(1);
    expectError(await search('q=lumen&limit=abc'), 400, 'INVALID_INPUT', ['limit']);
  });

  it('GET /api/v1/products/search – % and _ are literal', async () => {
    await newProduct({ name: 'Gain 100% Booster' });
    await newProduct({ name: 'Plain Booster' });
    // The literal match comes first; close spellings (e.g. "… 10") may follow, never "Plain Booster".
    const hundred = await searchNames(`q=${encodeURIComponent('100%')}`);
    expect(hundred[0]).toBe('Gain 100% Booster');
    expect(hundred).not.toContain('Plain Booster');
    expect(await searchNames(`q=${encodeURIComponent('%')}`)).toEqual(['Gain 100% Booster']);
    expect(await searchNames(`q=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('GET /api/v1/products/search – 400 INVALID_INPUT without q, with a blank q or one over 100 characters', async () => {
    expectError(await search(''), 400, 'INVALID_INPUT', ['q']);
    expectError(await search('q='), 400, 'INVALID_INPUT', ['q']);
    expectError(await search('q=%20%20'), 400, 'INVALID_INPUT', ['q']);
    expectError(await search(`q=${'a'.repeat(101)}`), 400, 'INVALID_INPUT', ['q']);
    expect((await search(`q=${'a'.repeat(100)}`)).status).toBe(200);
  });

  it('GET /api/v1/products/search – nothing found is an empty list', async () => {
    expect(await searchNames('q=zzzyyyxxx')).toEqual([]);
  });
});

describe('GET /api/v1/categories', () => {
  it('GET /api/v1/categories – {id, name, description, products_count} by name; archived products are not counted', async () => {
    const zeta = (await api.post('/api/v1/categories', { name: 'Zeta gear', description: 'Last by name' }, { token: admin.token })).body.data;
    const alpha = (await api.post('/api/v1/categories', { name: 'alpha gear' }, { token: admin.token })).body.data;
    const eclair = (await api.post('/api/v1/categories', { name: 'Éclair gear' }, { token: admin.token })).body.data;
    await newProduct({ name: 'Z1', category_id: zeta.id });
    await newProduct({ name: 'Z2', category_id: zeta.id });
    const z3 = await newProduct({ name: 'Z3', category_id: zeta.id });
    const z4 = await newProduct({ name: 'Z4', category_id: zeta.id });
    await api.put(`/api/v1/products/${z3.id}`, { status: 'archived' }, { token: admin.token });
    await api.put(`/api/v1/products/${z4.id}`, { status: 'discontinued' }, { token: admin.token });
    await newProduct({ name: 'A1', category: 'ALPHA GEAR' });

    const res = await api.get('/api/v1/categories', { token: member.token });
    expect(res.status).toBe(200);
    expect(res.body.pagination).toBeUndefined();
    const mine = res.body.data.filter((c: { id: number }) => [zeta.id, alpha.id, eclair.id].includes(c.id));
    expect(mine).toEqual([
      { id: alpha.id, name: 'alpha gear', description: null, products_count: 1 },
      { id: eclair.id, name: 'Éclair gear', description: null, products_count: 0 },
      { id: zeta.id, name: 'Zeta gear', description: 'Last by name', products_count: 3 },
    ]);
    for (const c of res.body.data) expect(Object.keys(c).sort()).toEqual(['description', 'id', 'name', 'products_count']);
    const order = res.body.data.map((c: { name: string }) => c.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
    expect(order).toEqual([...order].sort());
  });

  it('GET /api/v1/categories – 401 UNAUTHORIZED without a token', async () => {
    expectError(await api.get('/api/v1/categories'), 401, 'UNAUTHORIZED');
  });
});

describe('POST /api/v1/categories', () => {
  it('POST /api/v1/categories – 201 with products_count 0; name and description trimmed', async () => {
    const res = await api.post('/api/v1/categories', { name: '  Drum machines  ', description: ' Grooves ' }, { token: admin.token });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ id: expect.any(Number), name: 'Drum machines', description: 'Grooves', products_count: 0 });
  });

  it('POST /api/v1/categories – 409 CONFLICT for a name taken in any case', async () => {
    expect((await api.post('/api/v1/categories', { name: 'Looper pedals' }, { token: admin.token })).status).toBe(201);
    expectError(await api.post('/api/v1/categories', { name: 'LOOPER PEDALS' }, { token: admin.token }), 409, 'CONFLICT');
    expectError(await api.post('/api/v1/categories', { name: ' looper pedals ' }, { token: admin.token }), 409, 'CONFLICT');
  });

  it('POST /api/v1/categories – 400 INVALID_INPUT for a missing, blank or long name and unknown keys', async () => {
    const at = (body: unknown) => api.post('/api/v1/categories', body, { token: admin.token });
    expectError(await at({}), 400, 'INVALID_INPUT', ['name']);
    expectError(await at({ name: '  ' }), 400, 'INVALID_INPUT', ['name']);
    expectError(await at({ name: 'c'.repeat(101) }), 400, 'INVALID_INPUT', ['name']);
    expectError(await at({ name: 'Fine', description: 'd'.repeat(2001) }), 400, 'INVALID_INPUT', ['description']);
    expectError(await at({ name: 'Fine', products_count: 3 }), 400, 'INVALID_INPUT');
    expect((await at({ name: 'c'.repeat(100) })).status).toBe(201);
  });

  it('POST /api/v1/categories – 401 anonymous, 403 for users and moderators', async () => {
    expectError(await api.post('/api/v1/categories', { name: 'Nope' }), 401, 'UNAUTHORIZED');
    expectError(await api.post('/api/v1/categories', { name: 'Nope' }, { token: member.token }), 403, 'PERMISSION_DENIED');
    expectError(await api.post('/api/v1/categories', { name: 'Nope' }, { token: moderator.token }), 403, 'PERMISSION_DENIED');
    const names = (await api.get('/api/v1/categories', { token: member.token })).body.data.map((c: { name: string }) => c.name);
    expect(names).not.toContain('Nope');
  });
});
