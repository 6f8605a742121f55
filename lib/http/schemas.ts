import { z } from 'zod';

/** Integer id in a path or query. */
export const idSchema = z.coerce.number({ error: 'must be a number' }).int().positive().max(2_147_483_647);
export const idParams = z.object({ id: idSchema });

/** `page` and `limit`: a limit above the maximum is clamped, not refused. */
export function paginationQuery(defaultLimit = 20, maxLimit = 100) {
  return z.object({
    page: z.coerce.number({ error: 'must be a number' }).int().default(1).transform((p) => Math.max(1, p)),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int()
      .default(defaultLimit)
      .transform((l) => Math.min(Math.max(1, l), maxLimit)),
  });
}

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  pages: number;
  has_next: boolean;
  has_previous: boolean;
}

export function pagination(page: number, limit: number, total: number): Pagination {
  const pages = Math.max(1, Math.ceil(total / limit));
  return { page, limit, total, pages, has_next: page < pages, has_previous: page > 1 };
}

export const paginationSchema = z.object({
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  pages: z.number().int(),
  has_next: z.boolean(),
  has_previous: z.boolean(),
});

/** What a paginated service returns; route() turns it into `data` + `pagination`. */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

export const isoDate = z.string().meta({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' });
