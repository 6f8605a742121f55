import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

export const productStatuses = ['active', 'discontinued', 'archived'] as const;
export const productStatus = pgEnum('product_status', productStatuses);

export const categories = pgTable(
  'categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('categories_name_lower_unique').on(sql`lower(${t.name})`)],
);

export const products = pgTable(
  'products',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: varchar('name', { length: 200 }).notNull(),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    brand: varchar('brand', { length: 100 }),
    model: varchar('model', { length: 100 }),
    description: text('description'),
    /** Currency units with two decimals, exact (numeric), read as a string by the driver. */
    price: numeric('price', { precision: 12, scale: 2 }),
    stock: integer('stock').notNull().default(0),
    warrantyMonths: integer('warranty_months').notNull().default(0),
    warrantyConditions: text('warranty_conditions'),
    manufacturerWebsite: text('manufacturer_website'),
    specifications: jsonb('specifications').$type<Record<string, unknown>>().notNull().default({}),
    status: productStatus('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('products_category_idx').on(t.categoryId),
    index('products_brand_lower_idx').on(sql`lower(${t.brand})`),
    index('products_price_idx').on(t.price),
    index('products_search_trgm_idx').using(
      'gin',
      sql`(lower(${t.name} || ' ' || coalesce(${t.brand}, '') || ' ' || coalesce(${t.model}, ''))) gin_trgm_ops`,
    ),
  ],
);

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type ProductStatus = (typeof productStatuses)[number];
