import { z } from 'zod';
import { fileTypes, type FileRow, type FileType } from '@/db/schema/gear';
import { isoDate, paginationQuery } from '../http/schemas';

export const fileSchema = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    user_product_id: z.number().int().nullable(),
    filename: z.string(),
    url: z.string().meta({ description: 'Download URL' }),
    type: z.enum(fileTypes),
    mime_type: z.string().meta({ description: 'Sniffed from the bytes' }),
    size: z.number().int(),
    uploaded_at: isoDate,
  })
  .meta({ id: 'File' });
export type FileOut = z.infer<typeof fileSchema>;

export const uploadFieldsSchema = z.object({ type: z.enum(fileTypes).optional() });

export const listFilesQuery = paginationQuery().extend({ type: z.enum(fileTypes).optional() });
export type ListFilesQuery = z.infer<typeof listFilesQuery>;

export const fileUrl = (id: number) => `/api/v1/files/${id}/download`;

export function toFile(row: FileRow): FileOut {
  return {
    id: row.id,
    user_id: row.userId,
    user_product_id: row.userProductId,
    filename: row.filename,
    url: fileUrl(row.id),
    type: row.type,
    mime_type: row.mimeType,
    size: row.size,
    uploaded_at: row.uploadedAt.toISOString(),
  };
}

/** When the uploader does not say, a sensible type from what the bytes are. */
export function defaultFileType(mimeType: string): FileType {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType === 'application/pdf' || mimeType === 'text/plain') return 'document';
  return 'other';
}
