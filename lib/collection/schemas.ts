import { z } from 'zod';
import { gearStatuses, type GearStatus } from '@/db/schema/gear';
import { isoDate, paginationQuery } from '../http/schemas';
import { dateSchema, daysBetween, moneyOut, moneySchema, queryBoolean, todayUtc } from '../http/values';

export const gearStatusSchema = z.enum(gearStatuses);

/** Free text: trimmed, an empty string clears the field like null does. */
const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .max(max, `at most ${max} characters`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

// "Today" is the UTC date, the same day is_under_warranty and the warranty filters count from.
const purchaseDate = dateSchema
  .refine((v) => v <= todayUtc(), 'must not be in the future')
  .nullable()
  .optional();

const itemFields = {
  version: text(100),
  serial_number: text(200),
  purchase_date: purchaseDate,
  purchase_price: moneySchema.nullable().optional(),
  warranty_expires: dateSchema.nullable().optional(),
  notes: text(5000),
};

export const createGearItemSchema = z
  .object({
    product_id: z.number({ error: 'must be a product id' }).int('must be a product id').positive().max(2_147_483_647),
    ...itemFields,
  })
  .strict();
export type CreateGearItemInput = z.infer<typeof createGearItemSchema>;

export const updateGearItemSchema = z
  .object({
    ...itemFields,
    status: gearStatusSchema.optional(),
    // Named so a client gets a field error rather than an anonymous "unrecognized key".
    product_id: z
      .undefined({ error: 'an item keeps its product; add the other product as a new item instead' })
      .optional()
      .meta({ description: 'Not accepted: an item keeps its product' }),
  })
  .strict();
export type UpdateGearItemInput = z.infer<typeof updateGearItemSchema>;

export const listGearQuery = paginationQuery().extend({
  status: gearStatusSchema.optional(),
  q: z.string().trim().max(100).optional().meta({ description: 'Matches product name, brand, model and serial number' }),
});
export type ListGearQuery = z.infer<typeof listGearQuery>;

export const warrantyFilters = ['expiring', 'expired', 'active'] as const;
export type WarrantyFilter = (typeof warrantyFilters)[number];

/** How far ahead `filter=expiring` looks, in days (today included). */
export const EXPIRING_WITHIN_DAYS = 30;

export const warrantyQuery = paginationQuery().extend({
  filter: z
    .enum(warrantyFilters)
    .optional()
    .meta({
      description: `expiring: expires today or within the next ${EXPIRING_WITHIN_DAYS} days; expired: before today; active: today or later; absent: every item with a warranty date`,
    }),
  status: gearStatusSchema.optional(),
});
export type WarrantyQuery = z.infer<typeof warrantyQuery>;

export const deleteGearQuery = z.object({
  force: queryBoolean.default(false).meta({ description: 'Also delete the files attached to the item' }),
});
export type DeleteGearQuery = z.infer<typeof deleteGearQuery>;

// ---- Output shapes: allow-lists, so a new column never leaks by accident.

export const gearItemSchema = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    product_id: z.number().int(),
    product_name: z.string(),
    category_name: z.string().nullable(),
    brand: z.string().nullable(),
    model: z.string().nullable(),
    version: z.string().nullable(),
    serial_number: z.string().nullable(),
    purchase_date: z.string().nullable().meta({ format: 'date' }),
    purchase_price: z.number().nullable().meta({ description: 'EUR, at most 2 decimals' }),
    warranty_expires: z.string().nullable().meta({ format: 'date' }),
    is_under_warranty: z.boolean().meta({ description: 'warranty_expires is today (UTC) or later' }),
    status: gearStatusSchema,
    notes: z.string().nullable(),
    files_count: z.number().int().meta({ description: 'Every file attached to the item' }),
    docs_count: z.number().int().meta({ description: 'Attached files of type manual, warranty, invoice or document' }),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'GearItem' });
export type GearItem = z.infer<typeof gearItemSchema>;

export const warrantyItemSchema = gearItemSchema
  .extend({
    days_left: z.number().int().meta({ description: 'Days from today (UTC) to warranty_expires; negative once expired' }),
  })
  .meta({ id: 'GearWarrantyItem' });
export type WarrantyItem = z.infer<typeof warrantyItemSchema>;

/** One item as the service reads it: the item's columns, its product's fields and its file counts. */
export interface GearItemRow {
  id: number;
  userId: number;
  productId: number;
  productName: string;
  categoryName: string | null;
  brand: string | null;
  model: string | null;
  version: string | null;
  serialNumber: string | null;
  purchaseDate: string | null;
  purchasePrice: string | null;
  warrantyExpires: string | null;
  status: GearStatus;
  notes: string | null;
  filesCount: number;
  docsCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toGearItem(r: GearItemRow, today: string): GearItem {
  return {
    id: r.id,
    user_id: r.userId,
    product_id: r.productId,
    product_name: r.productName,
    category_name: r.categoryName,
    brand: r.brand,
    model: r.model,
    version: r.version,
    serial_number: r.serialNumber,
    purchase_date: r.purchaseDate,
    purchase_price: moneyOut(r.purchasePrice),
    warranty_expires: r.warrantyExpires,
    is_under_warranty: r.warrantyExpires !== null && r.warrantyExpires >= today,
    status: r.status,
    notes: r.notes,
    files_count: r.filesCount,
    docs_count: r.docsCount,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function toWarrantyItem(r: GearItemRow & { warrantyExpires: string }, today: string): WarrantyItem {
  return { ...toGearItem(r, today), days_left: daysBetween(today, r.warrantyExpires) };
}
