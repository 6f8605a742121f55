import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import { products } from './catalogue';
import { users } from './users';

export const gearStatuses = ['active', 'sold', 'broken', 'archived'] as const;
export const gearStatus = pgEnum('gear_status', gearStatuses);

/** A user's own unit of a catalogue product: one row per user and product. */
export const userProducts = pgTable(
  'user_products',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Restrict: a product someone owns cannot be deleted (HAS_DEPENDENTS); archive it instead.
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    version: varchar('version', { length: 100 }),
    serialNumber: varchar('serial_number', { length: 200 }),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    purchasePrice: numeric('purchase_price', { precision: 12, scale: 2 }),
    warrantyExpires: date('warranty_expires', { mode: 'string' }),
    status: gearStatus('status').notNull().default('active'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('user_products_user_product_unique').on(t.userId, t.productId),
    index('user_products_warranty_idx').on(t.userId, t.warrantyExpires),
  ],
);

export const fileTypes = ['manual', 'warranty', 'invoice', 'image', 'document', 'other'] as const;
export const fileType = pgEnum('file_type', fileTypes);

export const storageBackends = ['local', 'uploadthing'] as const;
export const storageBackend = pgEnum('storage_backend', storageBackends);

/** A stored upload owned by a user, loose or attached to one of their gear items. */
export const files = pgTable(
  'files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Restrict: an item with files needs ?force=true, which deletes the files (and their bytes) first.
    userProductId: integer('user_product_id').references(() => userProducts.id, { onDelete: 'restrict' }),
    /** The client's name, sanitized, for display and Content-Disposition only. */
    filename: varchar('filename', { length: 255 }).notNull(),
    type: fileType('type').notNull().default('other'),
    /** Sniffed from the bytes, never the client's header. */
    mimeType: varchar('mime_type', { length: 100 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storage: storageBackend('storage').notNull().default('local'),
    /** Where the bytes live in the storage backend: derived from ids, never from the client's name. */
    storageKey: varchar('storage_key', { length: 255 }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('files_user_idx').on(t.userId, t.uploadedAt),
    index('files_user_product_idx').on(t.userProductId),
    index('files_filename_trgm_idx').using('gin', sql`lower(${t.filename}) gin_trgm_ops`),
  ],
);

export const resourceTypes = ['sample', 'preset', 'project', 'document', 'other'] as const;
export const resourceType = pgEnum('resource_type', resourceTypes);

/** Files users share with each other: samples, presets, projects, documents. */
export const resources = pgTable(
  'resources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 200 }).notNull(),
    description: text('description'),
    type: resourceType('type').notNull().default('other'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    isPublic: boolean('is_public').notNull().default(true),
    downloads: integer('downloads').notNull().default(0),
    filename: varchar('filename', { length: 255 }).notNull(),
    mimeType: varchar('mime_type', { length: 100 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storage: storageBackend('storage').notNull().default('local'),
    storageKey: varchar('storage_key', { length: 255 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('resources_user_idx').on(t.userId),
    index('resources_public_created_idx').on(t.isPublic, t.createdAt),
    index('resources_tags_idx').using('gin', t.tags),
    index('resources_search_trgm_idx').using(
      'gin',
      sql`(lower(${t.title} || ' ' || coalesce(${t.description}, ''))) gin_trgm_ops`,
    ),
  ],
);

/** Internal documentation (manuals, tutorials) that admins publish to every signed-in user. */
export const internalDocuments = pgTable('internal_documents', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  title: varchar('title', { length: 200 }).notNull(),
  description: text('description'),
  filename: varchar('filename', { length: 255 }).notNull(),
  mimeType: varchar('mime_type', { length: 100 }).notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  storage: storageBackend('storage').notNull().default('local'),
  storageKey: varchar('storage_key', { length: 255 }).notNull(),
  uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type UserProductRow = typeof userProducts.$inferSelect;
export type FileRow = typeof files.$inferSelect;
export type ResourceRow = typeof resources.$inferSelect;
export type InternalDocumentRow = typeof internalDocuments.$inferSelect;
export type GearStatus = (typeof gearStatuses)[number];
export type FileType = (typeof fileTypes)[number];
export type ResourceType = (typeof resourceTypes)[number];
export type StorageBackendName = (typeof storageBackends)[number];
