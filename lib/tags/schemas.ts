import { z } from 'zod';
import { idSchema, paginationQuery } from '../http/schemas';
import { MAX_TAG_LENGTH, normalizeTag } from './normalize';

export const TAG_SEARCH_DEFAULT_LIMIT = 10;
export const TAG_SEARCH_MAX_LIMIT = 50;

export const listTagsQuery = paginationQuery();
export type ListTagsQuery = z.infer<typeof listTagsQuery>;

export const searchTagsQuery = z.object({
  q: z
    .string({ error: 'required' })
    .max(200, 'at most 200 characters')
    .transform(normalizeTag)
    .pipe(z.string().min(1, 'required').max(MAX_TAG_LENGTH, `at most ${MAX_TAG_LENGTH} characters`))
    .meta({ description: 'The start of a tag name, normalized as tags are (trimmed, inner spaces collapsed, lower-cased)' }),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .default(TAG_SEARCH_DEFAULT_LIMIT)
    .transform((l) => Math.min(Math.max(1, l), TAG_SEARCH_MAX_LIMIT))
    .meta({ description: `Default ${TAG_SEARCH_DEFAULT_LIMIT}; outside 1–${TAG_SEARCH_MAX_LIMIT} it is clamped` }),
});
export type SearchTagsQuery = z.infer<typeof searchTagsQuery>;

export const mergeTagsSchema = z
  .object({
    from: idSchema.meta({ description: 'Id of the tag merged away (deleted)' }),
    into: idSchema.meta({ description: 'Id of the tag that stays' }),
  })
  .refine((v) => v.from !== v.into, { path: ['into'], message: 'must differ from from' });
export type MergeTagsInput = z.infer<typeof mergeTagsSchema>;

export const tagSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    usage_count: z.number().int().meta({ description: 'Tracks carrying the tag' }),
  })
  .meta({ id: 'Tag' });
export type Tag = z.infer<typeof tagSchema>;
