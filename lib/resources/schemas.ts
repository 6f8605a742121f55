import { z } from 'zod';
import { resourceTypes, type InternalDocumentRow, type ResourceRow } from '@/db/schema/gear';
import { idSchema, isoDate, paginationQuery } from '../http/schemas';
import { queryBoolean } from '../http/values';
import { normalizeTag, tagsField, tagsJson } from '../tags/normalize';

const title = z.string().trim().min(1, 'required').max(200, 'at most 200 characters');

/** An optional free text: trimmed, `''` and `null` clear it. */
const description = z
  .string()
  .trim()
  .max(5000, 'at most 5000 characters')
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));

// ---- Input

/** The text fields of `POST /resources` (multipart, so every value arrives as a string). */
export const createResourceFieldsSchema = z.object({
  title,
  description,
  type: z.enum(resourceTypes).default('other'),
  tags: tagsField.optional().transform((v) => v ?? []),
  is_public: queryBoolean.default(true).meta({ description: '`true` (default) or `false`' }),
});
export type CreateResourceFields = z.infer<typeof createResourceFieldsSchema>;

export const updateResourceSchema = z
  .object({
    title: title.optional(),
    description,
    type: z.enum(resourceTypes).optional(),
    tags: tagsJson.optional(),
    is_public: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one field to change' });
export type UpdateResourceInput = z.infer<typeof updateResourceSchema>;

export const listResourcesQuery = paginationQuery().extend({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  tag: z
    .string()
    .max(200, 'at most 200 characters')
    .transform(normalizeTag)
    .optional()
    .meta({ description: 'One tag, matched exactly after normalization (trimmed, lower-cased)' }),
  type: z.enum(resourceTypes).optional(),
  user_id: idSchema.optional(),
});
export type ListResourcesQuery = z.infer<typeof listResourcesQuery>;

/** The text fields of `POST /resources/internal`. */
export const createInternalDocFieldsSchema = z.object({ title, description });
export type CreateInternalDocFields = z.infer<typeof createInternalDocFieldsSchema>;

// ---- Output: allow-lists, so a new column (storage keys…) never leaks by accident.

export const resourceSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    type: z.enum(resourceTypes),
    tags: z.array(z.string()),
    user: z.object({ id: z.number().int(), username: z.string() }),
    downloads: z.number().int(),
    is_public: z.boolean(),
    filename: z.string(),
    mime_type: z.string().meta({ description: 'Sniffed from the bytes' }),
    size: z.number().int(),
    url: z.string().meta({ description: 'Download URL' }),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'Resource' });
export type ResourceOut = z.infer<typeof resourceSchema>;

export const internalDocumentSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    filename: z.string(),
    mime_type: z.string().meta({ description: 'Sniffed from the bytes' }),
    size: z.number().int(),
    download_url: z.string(),
    created_at: isoDate,
  })
  .meta({ id: 'InternalDocument' });
export type InternalDocumentOut = z.infer<typeof internalDocumentSchema>;

export const resourceUrl = (id: number) => `/api/v1/resources/${id}/download`;
export const internalDocumentUrl = (id: number) => `/api/v1/resources/internal/${id}/download`;

export function toResource(row: ResourceRow, owner: { id: number; username: string }): ResourceOut {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    type: row.type,
    tags: row.tags,
    user: { id: owner.id, username: owner.username },
    downloads: row.downloads,
    is_public: row.isPublic,
    filename: row.filename,
    mime_type: row.mimeType,
    size: row.size,
    url: resourceUrl(row.id),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toInternalDocument(row: InternalDocumentRow): InternalDocumentOut {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    filename: row.filename,
    mime_type: row.mimeType,
    size: row.size,
    download_url: internalDocumentUrl(row.id),
    created_at: row.createdAt.toISOString(),
  };
}
