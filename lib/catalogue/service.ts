import { and, asc, count, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { categories, products, type ProductRow } from '@/db/schema/catalogue';
import { userProducts } from '@/db/schema/gear';
import type { AuthedCtx, Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { pagination, type Page } from '../http/schemas';
import { roleAtLeast } from '../users/schemas';
import {
  toCategory,
  toProduct,
  type Category,
  type CreateCategoryInput,
  type CreateProductInput,
  type ListProductsQuery,
  type Product,
  type SearchProductsQuery,
  type UpdateProductInput,
} from './schemas';

const productNotFound = () => notFound('Product', 'PRODUCT_NOT_FOUND');

const hasDependents = () =>
  new AppError(
    'HAS_DEPENDENTS',
    'This product is in at least one collection and cannot be deleted; archive it instead (PUT with status "archived")',
  );

/** Catalogue writes are for admins; the route enforces it too, this keeps other transports honest. */
function assertAdmin(ctx: AuthedCtx): void {
  if (!roleAtLeast(ctx.user.role, 'admin')) throw new AppError('PERMISSION_DENIED', 'This needs the admin role');
}

/** Postgres foreign-key violation (23503) on the error or its cause chain (Drizzle wraps driver errors). */
function isForeignKeyViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: string }).code === '23503') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// ---- SQL fragments

/** `\`, `%` and `_` taken literally in a LIKE pattern (backslash is Postgres' default escape). */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Lowercased, unaccented text to compare against. `talas_unaccent` is the immutable wrapper the search
 * migration indexes, so the haystack below is served by `products_search_fold_trgm_idx`.
 */
const folded = (value: SQL | string) => sql`lower(public.talas_unaccent(${value}::text))`;

/** What a search looks through: name, brand and model, folded (the indexed expression). */
const haystack = sql`lower(public.talas_unaccent(${products.name} || ' ' || coalesce(${products.brand}, '') || ' ' || coalesce(${products.model}, '')))`;
const foldedName = sql`lower(public.talas_unaccent(${products.name}))`;

/** Every word of the search appears somewhere in the name, brand or model (case and accents ignored). */
function searchCondition(search: string | undefined): SQL | undefined {
  const terms = (search ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
  if (terms.length === 0) return undefined;
  return and(...terms.map((t) => sql`${haystack} like ${folded(`%${escapeLike(t)}%`)}`));
}

/** A category id (digits) or a category name, case-insensitive. */
function categoryCondition(value: string | undefined): SQL | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) {
    const id = Number(value);
    return id <= 2_147_483_647 ? eq(products.categoryId, id) : sql`false`;
  }
  return sql`lower(${categories.name}) = lower(${value}::text)`;
}

// Byte order after folding: the same order on PGlite and on PostgreSQL whatever their locale.
const nameOrder = sql`${foldedName} collate "C"`;

function orderFor(sort: ListProductsQuery['sort']): SQL[] {
  switch (sort) {
    case 'price':
      return [sql`${products.price} asc nulls last`, asc(nameOrder), asc(products.id)];
    case '-price':
      return [sql`${products.price} desc nulls last`, asc(nameOrder), asc(products.id)];
    case '-created_at':
      return [desc(products.createdAt), desc(products.id)];
    case 'name':
      return [asc(nameOrder), asc(products.id)];
  }
}

const productColumns = { product: products, categoryName: categories.name };

async function findProduct(db: Database, id: number): Promise<Product | undefined> {
  const [row] = await db
    .select(productColumns)
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, id))
    .limit(1);
  return row ? toProduct(row.product, row.categoryName) : undefined;
}

// ---- Products

/**
 * The catalogue, filtered, sorted and paginated. Archived products are left out unless
 * `includeArchived` (the admin list) or an admin asks for `status=archived`; anyone else asking
 * for archived products is refused.
 */
export async function listProducts(
  ctx: AuthedCtx,
  query: ListProductsQuery,
  options: { includeArchived?: boolean } = {},
): Promise<Page<Product>> {
  const isAdmin = roleAtLeast(ctx.user.role, 'admin');
  if (query.status === 'archived' && !isAdmin) {
    throw new AppError('PERMISSION_DENIED', 'Only admins can list archived products');
  }
  const statusCondition = query.status
    ? eq(products.status, query.status)
    : options.includeArchived && isAdmin
      ? undefined
      : ne(products.status, 'archived');
  const where = and(
    statusCondition,
    searchCondition(query.search),
    categoryCondition(query.category),
    query.brand ? sql`lower(${products.brand}) = lower(${query.brand}::text)` : undefined,
    query.price_min !== undefined ? sql`${products.price} >= ${query.price_min}::numeric` : undefined,
    query.price_max !== undefined ? sql`${products.price} <= ${query.price_max}::numeric` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(productColumns)
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(where)
      .orderBy(...orderFor(query.sort))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    ctx.db
      .select({ n: count() })
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => toProduct(r.product, r.categoryName)),
    pagination: pagination(query.page, query.limit, Number(total?.n ?? 0)),
  };
}

/**
 * Public quick search over non-archived products: exact name matches first, then names starting
 * with the query, then products containing every word, then the rest by trigram similarity.
 */
export async function searchProducts(ctx: Ctx, query: SearchProductsQuery): Promise<Product[]> {
  const q = folded(query.q);
  const escaped = escapeLike(query.q);
  const contains = sql`${haystack} like ${folded(`%${escaped}%`)}`;
  const allWords = searchCondition(query.q)!;
  const score = sql`greatest(similarity(${foldedName}, ${q}), word_similarity(${q}, ${haystack}))`;
  const rank = sql`case
    when ${foldedName} = ${q} then 0
    when ${foldedName} like ${folded(`${escaped}%`)} then 1
    when ${contains} then 2
    when ${allWords} then 3
    else 4 end`;
  const rows = await ctx.db
    .select(productColumns)
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(and(ne(products.status, 'archived'), or(contains, allWords, sql`word_similarity(${q}, ${haystack}) >= 0.3`)))
    .orderBy(asc(rank), desc(score), asc(nameOrder), asc(products.id))
    .limit(query.limit);
  return rows.map((r) => toProduct(r.product, r.categoryName));
}

/** One product by id. Archived products stay readable here: people who own one still link to it. */
export async function getProduct(ctx: AuthedCtx, id: number): Promise<Product> {
  const product = await findProduct(ctx.db, id);
  if (!product) throw productNotFound();
  return product;
}

function invalidCategory(field: 'category' | 'category_id'): AppError {
  return new AppError('INVALID_INPUT', 'Unknown category', {
    details: [{ field, message: 'no such category' }],
  });
}

/**
 * The category a write names: its id, null to clear it, or undefined when the input names none.
 * An unknown id or name is refused (categories are created on their own, never on the side).
 */
async function resolveCategoryId(
  db: Database,
  input: { category_id?: number | null; category?: string | null },
): Promise<number | null | undefined> {
  if (input.category_id !== undefined && input.category_id !== null) {
    const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, input.category_id));
    if (!row) throw invalidCategory('category_id');
    return row.id;
  }
  if (input.category !== undefined && input.category !== null) {
    const [row] = await db
      .select({ id: categories.id })
      .from(categories)
      .where(sql`lower(${categories.name}) = lower(${input.category}::text)`);
    if (!row) throw invalidCategory('category');
    return row.id;
  }
  if (input.category_id === null || input.category === null) return null;
  return undefined;
}

/** A category removed between the check and the write surfaces as the same 400. */
async function writeWithCategory<T>(categoryGiven: boolean, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (categoryGiven && isForeignKeyViolation(err)) throw invalidCategory('category_id');
    throw err;
  }
}

export async function createProduct(ctx: AuthedCtx, input: CreateProductInput): Promise<Product> {
  assertAdmin(ctx);
  const categoryId = await resolveCategoryId(ctx.db, input);
  const [row] = await writeWithCategory(categoryId != null, () =>
    ctx.db
      .insert(products)
      .values({
        name: input.name,
        categoryId: categoryId ?? null,
        brand: input.brand ?? null,
        model: input.model ?? null,
        description: input.description ?? null,
        price: input.price ?? null,
        stock: input.stock ?? 0,
        warrantyMonths: input.warranty_months ?? 0,
        warrantyConditions: input.warranty_conditions ?? null,
        manufacturerWebsite: input.manufacturer_website ?? null,
        specifications: input.specifications ?? {},
      })
      .returning({ id: products.id }),
  );
  return (await findProduct(ctx.db, row!.id))!;
}

/** Partial update: absent fields stay, null clears an optional field (specifications become {}). */
export async function updateProduct(ctx: AuthedCtx, id: number, input: UpdateProductInput): Promise<Product> {
  assertAdmin(ctx);
  const [existing] = await ctx.db.select({ id: products.id }).from(products).where(eq(products.id, id));
  if (!existing) throw productNotFound();
  const categoryId = await resolveCategoryId(ctx.db, input);

  const set: Partial<ProductRow> = { updatedAt: new Date() };
  if (input.name !== undefined) set.name = input.name;
  if (categoryId !== undefined) set.categoryId = categoryId;
  if (input.brand !== undefined) set.brand = input.brand;
  if (input.model !== undefined) set.model = input.model;
  if (input.description !== undefined) set.description = input.description;
  if (input.price !== undefined) set.price = input.price;
  if (input.stock !== undefined) set.stock = input.stock;
  if (input.warranty_months !== undefined) set.warrantyMonths = input.warranty_months;
  if (input.warranty_conditions !== undefined) set.warrantyConditions = input.warranty_conditions;
  if (input.manufacturer_website !== undefined) set.manufacturerWebsite = input.manufacturer_website;
  if (input.specifications !== undefined) set.specifications = input.specifications ?? {};
  if (input.status !== undefined) set.status = input.status;

  const updated = await writeWithCategory(categoryId != null, () =>
    ctx.db.update(products).set(set).where(eq(products.id, id)).returning({ id: products.id }),
  );
  if (updated.length === 0) throw productNotFound();
  return (await findProduct(ctx.db, id))!;
}

/**
 * Deletes a product nobody owns. One in a collection is refused with HAS_DEPENDENTS (archive it
 * instead); the foreign key catches an item added between the check and the delete.
 */
export async function deleteProduct(ctx: AuthedCtx, id: number): Promise<void> {
  assertAdmin(ctx);
  const [existing] = await ctx.db.select({ id: products.id }).from(products).where(eq(products.id, id));
  if (!existing) throw productNotFound();
  const [owned] = await ctx.db
    .select({ id: userProducts.id })
    .from(userProducts)
    .where(eq(userProducts.productId, id))
    .limit(1);
  if (owned) throw hasDependents();
  try {
    await ctx.db.delete(products).where(eq(products.id, id));
  } catch (err) {
    if (isForeignKeyViolation(err)) throw hasDependents();
    throw err;
  }
}

// ---- Categories

/** Every category by name, with how many of its products are not archived. */
export async function listCategories(ctx: AuthedCtx): Promise<Category[]> {
  const rows = await ctx.db
    .select({
      category: categories,
      productsCount: sql<number>`count(${products.id}) filter (where ${products.status} <> 'archived')`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(products, eq(products.categoryId, categories.id))
    .groupBy(categories.id)
    .orderBy(asc(sql`lower(public.talas_unaccent(${categories.name})) collate "C"`), asc(categories.id));
  return rows.map((r) => toCategory(r.category, r.productsCount));
}

/** A new category; a name taken in any case is a CONFLICT (the unique index on lower(name)). */
export async function createCategory(ctx: AuthedCtx, input: CreateCategoryInput): Promise<Category> {
  assertAdmin(ctx);
  const [row] = await ctx.db
    .insert(categories)
    .values({ name: input.name, description: input.description ?? null })
    .returning();
  return toCategory(row!, 0);
}
