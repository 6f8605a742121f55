import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { categories, products } from '@/db/schema/catalogue';
import { demoCategories, demoProducts } from './demo-data';

/**
 * Seeds the demo catalogue. Idempotent: a category or product whose name already exists (in any
 * case) is left as it is, so running it again, or over an edited catalogue, adds only what is missing.
 */
export async function seedCatalogue(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(categories)
      .values(demoCategories.map((c) => ({ name: c.name, description: c.description })))
      .onConflictDoNothing();
    const categoryIds = new Map(
      (await tx.select({ id: categories.id, name: categories.name }).from(categories)).map((c) => [
        c.name.toLowerCase(),
        c.id,
      ]),
    );
    const existing = new Set(
      (await tx.select({ name: sql<string>`lower(${products.name})` }).from(products)).map((p) => p.name),
    );
    const missing = demoProducts.filter((p) => !existing.has(p.name.toLowerCase()));
    if (missing.length === 0) return;
    await tx.insert(products).values(
      missing.map((p) => ({
        name: p.name,
        categoryId: categoryIds.get(p.category.toLowerCase()) ?? null,
        brand: p.brand,
        model: p.model,
        description: p.description,
        price: p.price,
        stock: p.stock,
        warrantyMonths: p.warrantyMonths,
        warrantyConditions: p.warrantyConditions,
        manufacturerWebsite: p.manufacturerWebsite,
        specifications: p.specifications,
        status: p.status ?? 'active',
      })),
    );
  });
}
