import { z } from 'zod';
import { productStatuses, type CategoryRow, type ProductRow } from '@/db/schema/catalogue';
import { isoDate, paginationQuery } from '../http/schemas';
import { moneyOut, moneySchema } from '../http/values';

/** A serialized `specifications` object may not exceed this many bytes (UTF-8). */
export const MAX_SPECIFICATIONS_BYTES = 16 * 1024;
const MAX_SPECIFICATIONS_DEPTH = 5;

const emptyToNull = (v: string | null | undefined) => (v === '' ? null : v);

/** An optional free text: trimmed, `''` and `null` clear it. */
const optionalText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).nullable().optional().transform(emptyToNull);

/**
 * Why a specifications value is refused, or null when it is fine: values are strings, finite
 * numbers, booleans, null or nested objects of the same (no arrays), a few levels deep at most.
 */
function specificationProblem(value: unknown, depth: number): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'numbers must be finite';
  if (Array.isArray(value)) return 'values are strings, numbers, booleans, null or objects, not arrays';
  if (typeof value === 'object') {
    if (depth >= MAX_SPECIFICATIONS_DEPTH) return `nested at most ${MAX_SPECIFICATIONS_DEPTH} levels deep`;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key.length === 0 || key.length > 100) return 'keys are 1–100 characters';
      const problem = specificationProblem(child, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  return 'values are strings, numbers, booleans, null or objects';
}

export const specificationsSchema = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .superRefine((value, ctx) => {
    const problem = specificationProblem(value, 0);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_SPECIFICATIONS_BYTES) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_SPECIFICATIONS_BYTES} bytes once serialized` });
    }
  })
  .meta({
    description:
      'Free-form technical data: an object whose values are strings, numbers, booleans, null or nested objects (no arrays); at most 16 KB serialized',
    example: { inputs: 2, sample_rate_khz: 192, bit_depth: 24, connectivity: 'USB-C', phantom_power: true },
  });

const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain });

/** An http(s) address on a domain; `''` and `null` clear it. */
const websiteSchema = z
  .string()
  .trim()
  .max(2000, 'at most 2000 characters')
  .refine((v) => v === '' || httpUrl.safeParse(v).success, 'must be an http(s) URL')
  .transform((v) => (v === '' ? null : v))
  .meta({ format: 'uri' });

const productFields = {
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  description: optionalText(10_000),
  price: moneySchema.nullable().optional(),
  stock: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative').max(2_147_483_647).optional(),
  category_id: z.number({ error: 'must be a category id' }).int().positive().max(2_147_483_647).nullable().optional(),
  category: z
    .string()
    .trim()
    .min(1, 'required')
    .max(100, 'at most 100 characters')
    .nullable()
    .optional()
    .meta({ description: 'An existing category, by name (case-insensitive); alternative to category_id' }),
  brand: optionalText(100),
  model: optionalText(100),
  warranty_months: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'at least 0').max(240, 'at most 240').optional(),
  warranty_conditions: optionalText(5000),
  manufacturer_website: websiteSchema.nullable().optional(),
  specifications: specificationsSchema.optional(),
};

function notBothCategoryFields(v: { category_id?: unknown; category?: unknown }, ctx: z.RefinementCtx): void {
  if (v.category_id !== undefined && v.category !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'give category_id or category, not both' });
  }
}

export const createProductSchema = z.object(productFields).strict().superRefine(notBothCategoryFields);
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = z
  .object({
    ...productFields,
    name: productFields.name.optional(),
    // null resets the specifications to an empty object.
    specifications: specificationsSchema.nullable().optional(),
    status: z.enum(productStatuses).optional(),
  })
  .strict()
  .superRefine(notBothCategoryFields)
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one field to change' });
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const productSorts = ['name', 'price', '-price', '-created_at'] as const;
export type ProductSort = (typeof productSorts)[number];

/** A price bound in a query string: an amount as money takes it (≥ 0, at most 2 decimals). */
const priceBound = z
  .preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), moneySchema)
  .meta({ type: 'number', minimum: 0, example: 100 });

export const listProductsQuery = paginationQuery()
  .extend({
    search: z
      .string()
      .trim()
      .max(100)
      .optional()
      .meta({ description: 'Case- and accent-insensitive; every word must appear in the name, brand or model' }),
    category: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'A category id, or a category name (case-insensitive)' }),
    brand: z.string().trim().min(1).max(100).optional().meta({ description: 'Exact brand, case-insensitive' }),
    price_min: priceBound.optional(),
    price_max: priceBound.optional(),
    status: z
      .enum(productStatuses)
      .optional()
      .meta({ description: 'Only admins may ask for archived products; others never see them' }),
    sort: z.enum(productSorts, { error: `one of ${productSorts.join(', ')}` }).default('name'),
  })
  .superRefine((v, ctx) => {
    if (v.price_min !== undefined && v.price_max !== undefined && Number(v.price_min) > Number(v.price_max)) {
      ctx.addIssue({ code: 'custom', path: ['price_min'], message: 'must not exceed price_max' });
    }
  });
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const searchProductsQuery = z.object({
  q: z.string({ error: 'required' }).trim().min(1, 'required').max(100, 'at most 100 characters'),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .default(10)
    .transform((l) => Math.min(Math.max(1, l), 50))
    .meta({ description: 'Default 10; larger than 50 is clamped' }),
});
export type SearchProductsQuery = z.infer<typeof searchProductsQuery>;

export const createCategorySchema = z
  .object({
    name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
    description: optionalText(2000),
  })
  .strict();
export type CreateCategoryInput = z.infer<typeof createCategorySchema>;

// ---- Output shapes: allow-lists, so a new column never leaks by accident.

export const productSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    category_id: z.number().int().nullable(),
    category_name: z.string().nullable(),
    brand: z.string().nullable(),
    model: z.string().nullable(),
    description: z.string().nullable(),
    price: z.number().nullable().meta({ description: 'EUR, at most 2 decimals' }),
    stock: z.number().int(),
    warranty_months: z.number().int(),
    warranty_conditions: z.string().nullable(),
    manufacturer_website: z.string().nullable(),
    specifications: z.record(z.string(), z.unknown()),
    status: z.enum(productStatuses),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .strict()
  .meta({ id: 'Product' });
export type Product = z.infer<typeof productSchema>;

export const productListSchema = z.array(productSchema);

export const categorySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    products_count: z.number().int().meta({ description: 'Products in the category that are not archived' }),
  })
  .strict()
  .meta({ id: 'Category' });
export type Category = z.infer<typeof categorySchema>;

export function toProduct(p: ProductRow, categoryName: string | null): Product {
  return {
    id: p.id,
    name: p.name,
    category_id: p.categoryId,
    category_name: p.categoryId === null ? null : categoryName,
    brand: p.brand,
    model: p.model,
    description: p.description,
    price: moneyOut(p.price),
    stock: p.stock,
    warranty_months: p.warrantyMonths,
    warranty_conditions: p.warrantyConditions,
    manufacturer_website: p.manufacturerWebsite,
    specifications: p.specifications ?? {},
    status: p.status,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function toCategory(c: CategoryRow, productsCount: number): Category {
  return { id: c.id, name: c.name, description: c.description, products_count: productsCount };
}
