import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, products } from '@/db/schema/catalogue';
import { appMeta } from '@/db/schema/meta';
import { seedDemo } from '@/lib/bootstrap/seed';
import { demoCategories, demoProducts } from '@/lib/catalogue/demo-data';
import { createProductSchema } from '@/lib/catalogue/schemas';
import { seedCatalogue } from '@/lib/catalogue/seed';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let api: ReturnType<typeof apiClient>;
let member: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  api = apiClient(app);
  member = await createUser(app);
});
afterAll(() => app?.close());

async function snapshot() {
  const cats = await app.db.select().from(categories).orderBy(categories.id);
  const prods = await app.db.select().from(products).orderBy(products.id);
  return { cats, prods };
}

describe('seed:catalogue:v1', () => {
  it('seed:catalogue:v1 – the demo data is believable: 6+ categories, 32+ products, each valid for POST /products', () => {
    expect(demoCategories.length).toBeGreaterThanOrEqual(6);
    for (const name of ['Audio interfaces', 'Synthesizers', 'Microphones', 'Headphones', 'Studio monitors', 'Effects pedals']) {
      expect(demoCategories.map((c) => c.name)).toContain(name);
    }
    expect(demoProducts.length).toBeGreaterThanOrEqual(32);
    expect(new Set(demoProducts.map((p) => p.name.toLowerCase())).size).toBe(demoProducts.length);
    for (const c of demoCategories) {
      expect(demoProducts.filter((p) => p.category === c.name).length, c.name).toBeGreaterThanOrEqual(3);
    }
    for (const p of demoProducts) {
      expect(demoCategories.map((c) => c.name), p.name).toContain(p.category);
      const parsed = createProductSchema.safeParse({
        name: p.name,
        category: p.category,
        brand: p.brand,
        model: p.model,
        description: p.description,
        price: Number(p.price),
        stock: p.stock,
        warranty_months: p.warrantyMonths,
        warranty_conditions: p.warrantyConditions,
        manufacturer_website: p.manufacturerWebsite,
        specifications: p.specifications,
      });
      expect(parsed.error?.issues ?? [], p.name).toEqual([]);
      expect(parsed.data?.price, p.name).toBe(p.price);
      expect(p.warrantyMonths, p.name).toBeGreaterThanOrEqual(12);
      expect(p.warrantyMonths, p.name).toBeLessThanOrEqual(60);
      expect(Object.keys(p.specifications).length, p.name).toBeGreaterThanOrEqual(4);
    }
  });

  it('seed:catalogue:v1 – seeds every category and product, and a second run changes nothing', async () => {
    // A category the admin already made, in another case, is reused rather than duplicated.
    await app.db.insert(categories).values({ name: 'HEADPHONES', description: 'made by hand' });
    await seedCatalogue(app.db);
    const first = await snapshot();
    expect(first.cats).toHaveLength(demoCategories.length);
    expect(first.prods).toHaveLength(demoProducts.length);
    expect(first.cats.find((c) => c.name.toLowerCase() === 'headphones')).toMatchObject({ name: 'HEADPHONES', description: 'made by hand' });

    const byName = new Map(first.cats.map((c) => [c.id, c.name.toLowerCase()]));
    for (const p of demoProducts) {
      const row = first.prods.find((r) => r.name === p.name)!;
      expect(row, p.name).toBeDefined();
      expect(byName.get(row.categoryId!), p.name).toBe(p.category.toLowerCase());
      expect(row).toMatchObject({
        brand: p.brand,
        model: p.model,
        price: p.price,
        stock: p.stock,
        warrantyMonths: p.warrantyMonths,
        manufacturerWebsite: p.manufacturerWebsite,
        specifications: p.specifications,
        status: p.status ?? 'active',
      });
    }

    await seedCatalogue(app.db);
    expect(await snapshot()).toEqual(first);
  });

  it('seed:catalogue:v1 – adds only what is missing, leaving edited products alone', async () => {
    const target = demoProducts[0]!;
    await app.db.update(products).set({ stock: 999 }).where(eq(products.name, target.name));
    const victim = demoProducts[1]!;
    await app.db.delete(products).where(eq(products.name, victim.name));
    await seedCatalogue(app.db);
    const { prods } = await snapshot();
    expect(prods).toHaveLength(demoProducts.length);
    expect(prods.find((p) => p.name === target.name)!.stock).toBe(999);
    expect(prods.filter((p) => p.name === victim.name)).toHaveLength(1);
  });

  it('seed:catalogue:v1 – the seeded catalogue is served by the API with filters working', async () => {
    const all = await api.get('/api/v1/products?limit=100', { token: member.token });
    expect(all.body.pagination.total).toBe(demoProducts.filter((p) => p.status !== 'archived').length);
    const mics = await api.get('/api/v1/products?category=microphones&sort=-price&limit=100', { token: member.token });
    const expected = demoProducts.filter((p) => p.category === 'Microphones');
    expect(mics.body.data).toHaveLength(expected.length);
    const prices = mics.body.data.map((p: { price: number }) => p.price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    expect(typeof mics.body.data[0].specifications).toBe('object');
    const rode = await api.get('/api/v1/products/search?q=rode', {});
    expect(rode.body.data.map((p: { brand: string }) => p.brand)).toContain('RØDE');
    const cats = await api.get('/api/v1/categories', { token: member.token });
    const total = cats.body.data.reduce((n: number, c: { products_count: number }) => n + c.products_count, 0);
    expect(total).toBe(demoProducts.filter((p) => p.status !== 'archived').length);
  });

  it('seed:catalogue:v1 – is registered with seedDemo, which records it in app_meta', async () => {
    const before = await snapshot();
    await seedDemo(app.db);
    const [meta] = await app.db.select().from(appMeta).where(eq(appMeta.key, 'seed:catalogue:v1'));
    expect(meta).toBeDefined();
    const after = await snapshot();
    expect(after.prods).toEqual(before.prods);
    expect(after.cats).toEqual(before.cats);
    const [n] = await app.db.select({ n: sql<number>`count(*)::int` }).from(products);
    expect(Number(n!.n)).toBe(demoProducts.length);
  });
});
