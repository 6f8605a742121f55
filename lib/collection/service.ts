import { and, asc, count, desc, eq, getTableName, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';
import { categories, products } from '@/db/schema/catalogue';
import { files, userProducts, type FileType } from '@/db/schema/gear';
import type { AuthedCtx } from '../context';
import { AppError, notFound } from '../errors';
import { deleteFilesOfItem } from '../files/service';
import { pagination, type Page } from '../http/schemas';
import { addMonths, todayUtc } from '../http/values';
import {
  EXPIRING_WITHIN_DAYS,
  toGearItem,
  toWarrantyItem,
  type CreateGearItemInput,
  type GearItem,
  type GearItemRow,
  type ListGearQuery,
  type UpdateGearItemInput,
  type WarrantyFilter,
  type WarrantyItem,
  type WarrantyQuery,
} from './schemas';

/** File types that count as documents of an item (docs_count). */
const DOC_TYPES: FileType[] = ['manual', 'warranty', 'invoice', 'document'];

const itemNotFound = () => notFound('Gear item');

/**
 * The owner condition of every item query: another user's item is indistinguishable from a missing
 * one (404 on every verb), admins included, since these are the caller's own gear endpoints.
 */
function ownItem(ctx: AuthedCtx, id: number): SQL {
  return and(eq(userProducts.id, id), eq(userProducts.userId, ctx.user.id))!;
}

/**
 * `"table"."column"` spelled out: Drizzle drops the table name in single-table selects, which would
 * turn the correlated reference below into a reference to the subquery's own table.
 */
function qualified(table: PgTable, column: PgColumn): SQL {
  return sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)}`;
}

const attachedFiles = sql`from ${files} where ${qualified(files, files.userProductId)} = ${qualified(userProducts, userProducts.id)}`;
const docTypeList = sql.raw(DOC_TYPES.map((t) => `'${t}'`).join(', '));

// Correlated counts over files_user_product_idx: one query per page, not one per item.
const filesCount = sql<number>`(select count(*) ${attachedFiles})`.mapWith(Number);
const docsCount = sql<number>`(select count(*) ${attachedFiles} and ${qualified(files, files.type)} in (${docTypeList}))`.mapWith(
  Number,
);

const itemColumns = {
  id: userProducts.id,
  userId: userProducts.userId,
  productId: userProducts.productId,
  productName: products.name,
  categoryName: categories.name,
  brand: products.brand,
  model: products.model,
  version: userProducts.version,
  serialNumber: userProducts.serialNumber,
  purchaseDate: userProducts.purchaseDate,
  purchasePrice: userProducts.purchasePrice,
  warrantyExpires: userProducts.warrantyExpires,
  status: userProducts.status,
  notes: userProducts.notes,
  filesCount,
  docsCount,
  createdAt: userProducts.createdAt,
  updatedAt: userProducts.updatedAt,
};

function selectItems(db: Database) {
  return db
    .select(itemColumns)
    .from(userProducts)
    .innerJoin(products, eq(products.id, userProducts.productId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .$dynamic();
}

async function pageOfItems(ctx: AuthedCtx, where: SQL | undefined, order: SQL[], page: number, limit: number) {
  const [rows, [total]] = await Promise.all([
    selectItems(ctx.db)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset((page - 1) * limit),
    ctx.db
      .select({ n: count() })
      .from(userProducts)
      .innerJoin(products, eq(products.id, userProducts.productId))
      .where(where),
  ]);
  return { rows: rows as GearItemRow[], total: total?.n ?? 0 };
}

function searchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${products.name} || ' ' || coalesce(${products.brand}, '') || ' ' || coalesce(${products.model}, '') || ' ' || coalesce(${userProducts.serialNumber}, '')) like ${pattern}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The warranty a product gives from a purchase date; none without a date or with 0 months. */
function derivedWarranty(purchaseDate: string | null, warrantyMonths: number): string | null {
  return purchaseDate !== null && warrantyMonths > 0 ? addMonths(purchaseDate, warrantyMonths) : null;
}

function assertWarrantyAfterPurchase(
  purchaseDate: string | null,
  warrantyExpires: string | null,
  field: 'purchase_date' | 'warranty_expires',
): void {
  if (purchaseDate !== null && warrantyExpires !== null && warrantyExpires < purchaseDate) {
    throw new AppError('INVALID_INPUT', 'The warranty cannot expire before the purchase date', {
      details: [{ field, message: 'warranty_expires must not be before purchase_date' }],
    });
  }
}

export async function listGearItems(ctx: AuthedCtx, query: ListGearQuery): Promise<Page<GearItem>> {
  const where = and(
    eq(userProducts.userId, ctx.user.id),
    query.status ? eq(userProducts.status, query.status) : undefined,
    searchCondition(query.q),
  );
  const { rows, total } = await pageOfItems(
    ctx,
    where,
    [desc(userProducts.createdAt), desc(userProducts.id)],
    query.page,
    query.limit,
  );
  const today = todayUtc();
  return { items: rows.map((r) => toGearItem(r, today)), pagination: pagination(query.page, query.limit, total) };
}

function warrantyCondition(filter: WarrantyFilter | undefined, today: string): SQL | undefined {
  switch (filter) {
    case 'expiring':
      return and(
        gte(userProducts.warrantyExpires, today),
        lte(userProducts.warrantyExpires, addDays(today, EXPIRING_WITHIN_DAYS)),
      );
    case 'expired':
      return lt(userProducts.warrantyExpires, today);
    case 'active':
      return gte(userProducts.warrantyExpires, today);
    default:
      return undefined;
  }
}

/** The caller's items that have a warranty date, soonest expiry first, with the days left (UTC). */
export async function listWarranties(ctx: AuthedCtx, query: WarrantyQuery): Promise<Page<WarrantyItem>> {
  const today = todayUtc();
  const where = and(
    eq(userProducts.userId, ctx.user.id),
    isNotNull(userProducts.warrantyExpires),
    warrantyCondition(query.filter, today),
    query.status ? eq(userProducts.status, query.status) : undefined,
  );
  const { rows, total } = await pageOfItems(
    ctx,
    where,
    [asc(userProducts.warrantyExpires), asc(userProducts.id)],
    query.page,
    query.limit,
  );
  return {
    items: rows.map((r) => toWarrantyItem(r as GearItemRow & { warrantyExpires: string }, today)),
    pagination: pagination(query.page, query.limit, total),
  };
}

export async function getGearItem(ctx: AuthedCtx, id: number): Promise<GearItem> {
  const [row] = await selectItems(ctx.db).where(ownItem(ctx, id)).limit(1);
  if (!row) throw itemNotFound();
  return toGearItem(row as GearItemRow, todayUtc());
}

const invalidProduct = (message: string) =>
  new AppError('INVALID_INPUT', 'This product cannot be added to a collection', {
    details: [{ field: 'product_id', message }],
  });

/**
 * Adds a catalogue product to the caller's collection. An unknown or archived product is
 * INVALID_INPUT on `product_id`; a product the caller already has is CONFLICT (the unique
 * constraint settles two concurrent adds the same way). Without `warranty_expires`, the warranty
 * runs the product's warranty_months from the purchase date.
 */
export async function createGearItem(ctx: AuthedCtx, input: CreateGearItemInput): Promise<GearItem> {
  const [product] = await ctx.db
    .select({ warrantyMonths: products.warrantyMonths, status: products.status })
    .from(products)
    .where(eq(products.id, input.product_id))
    .limit(1);
  if (!product) throw invalidProduct('no product has this id');
  if (product.status === 'archived') throw invalidProduct('this product is archived');

  const [existing] = await ctx.db
    .select({ id: userProducts.id })
    .from(userProducts)
    .where(and(eq(userProducts.userId, ctx.user.id), eq(userProducts.productId, input.product_id)))
    .limit(1);
  if (existing) {
    throw new AppError('CONFLICT', `This product is already in your collection (item ${existing.id})`);
  }

  const purchaseDate = input.purchase_date ?? null;
  const warrantyExpires =
    input.warranty_expires !== undefined ? input.warranty_expires : derivedWarranty(purchaseDate, product.warrantyMonths);
  assertWarrantyAfterPurchase(purchaseDate, warrantyExpires, 'warranty_expires');

  const [row] = await ctx.db
    .insert(userProducts)
    .values({
      userId: ctx.user.id,
      productId: input.product_id,
      version: input.version ?? null,
      serialNumber: input.serial_number ?? null,
      purchaseDate,
      purchasePrice: input.purchase_price ?? null,
      warrantyExpires,
      notes: input.notes ?? null,
    })
    .returning({ id: userProducts.id });
  return getGearItem(ctx, row!.id);
}

/**
 * Partial update of one of the caller's items; null clears a field. When the purchase date changes
 * and no warranty_expires is given, a warranty that was derived from the old date (it equals old
 * date + the product's warranty_months) follows the new date; one set by hand stays.
 */
export async function updateGearItem(ctx: AuthedCtx, id: number, input: UpdateGearItemInput): Promise<GearItem> {
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        purchaseDate: userProducts.purchaseDate,
        warrantyExpires: userProducts.warrantyExpires,
        warrantyMonths: products.warrantyMonths,
      })
      .from(userProducts)
      .innerJoin(products, eq(products.id, userProducts.productId))
      .where(ownItem(ctx, id))
      .for('update', { of: userProducts });
    if (!current) throw itemNotFound();

    const set: Partial<typeof userProducts.$inferInsert> = {};
    if (input.version !== undefined) set.version = input.version;
    if (input.serial_number !== undefined) set.serialNumber = input.serial_number;
    if (input.purchase_price !== undefined) set.purchasePrice = input.purchase_price;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.status !== undefined) set.status = input.status;

    if (input.purchase_date !== undefined || input.warranty_expires !== undefined) {
      const purchaseDate = input.purchase_date !== undefined ? input.purchase_date : current.purchaseDate;
      let warrantyExpires = current.warrantyExpires;
      if (input.warranty_expires !== undefined) {
        warrantyExpires = input.warranty_expires;
      } else if (
        purchaseDate !== current.purchaseDate &&
        current.warrantyExpires === derivedWarranty(current.purchaseDate, current.warrantyMonths)
      ) {
        warrantyExpires = derivedWarranty(purchaseDate, current.warrantyMonths);
      }
      assertWarrantyAfterPurchase(
        purchaseDate,
        warrantyExpires,
        input.warranty_expires !== undefined ? 'warranty_expires' : 'purchase_date',
      );
      set.purchaseDate = purchaseDate;
      set.warrantyExpires = warrantyExpires;
    }

    if (Object.keys(set).length === 0) return;
    await tx
      .update(userProducts)
      .set({ ...set, updatedAt: new Date() })
      .where(ownItem(ctx, id));
  });
  return getGearItem(ctx, id);
}

function hasFiles(n: number): AppError {
  const files = n === 1 ? '1 file is' : `${n} files are`;
  return new AppError(
    'HAS_DEPENDENTS',
    `${files} attached to this item: delete them first, or repeat with ?force=true to delete them with the item`,
  );
}

/** A foreign-key violation (Postgres 23503) on the error or its cause chain (Drizzle wraps driver errors). */
function isForeignKeyViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: string }).code === '23503') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

async function countFiles(ctx: AuthedCtx, id: number): Promise<number | undefined> {
  const [item] = await ctx.db.select({ filesCount }).from(userProducts).where(ownItem(ctx, id)).limit(1);
  return item?.filesCount;
}

/**
 * Deletes one of the caller's items. While files are attached it refuses with HAS_DEPENDENTS, unless
 * `force`: then the files (rows and stored bytes) go first, through the files service. A file
 * attached between the check and the delete is caught by the foreign key and answered the same way.
 */
export async function deleteGearItem(ctx: AuthedCtx, id: number, options: { force: boolean }): Promise<void> {
  const attached = await countFiles(ctx, id);
  if (attached === undefined) throw itemNotFound();
  if (attached > 0) {
    if (!options.force) throw hasFiles(attached);
    await deleteFilesOfItem(ctx, id);
  }
  let deleted: { id: number }[];
  try {
    deleted = await ctx.db.delete(userProducts).where(ownItem(ctx, id)).returning({ id: userProducts.id });
  } catch (err) {
    if (!isForeignKeyViolation(err)) throw err;
    throw hasFiles((await countFiles(ctx, id)) ?? 1);
  }
  if (deleted.length === 0) throw itemNotFound();
}
