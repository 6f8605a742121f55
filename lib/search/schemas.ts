import { z } from 'zod';
import { fileTypes, resourceTypes } from '@/db/schema/gear';

export const searchTypes = ['users', 'products', 'files', 'tracks', 'resources', 'listings'] as const;
export type SearchType = (typeof searchTypes)[number];

export const SEARCH_DEFAULT_LIMIT = 5;
export const SEARCH_MAX_LIMIT = 20;
/** Words of `q` used; more would only slow the query down. */
export const SEARCH_MAX_WORDS = 8;

export const searchQuery = z.object({
  q: z
    .string({ error: 'required' })
    .trim()
    .min(1, 'required')
    .max(100, 'at most 100 characters')
    .meta({ description: 'What to look for, 1–100 characters; case and accents are ignored, each word matches as a prefix' }),
  type: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return [...searchTypes];
      const wanted = [...new Set(value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
      const unknown = wanted.filter((t) => !(searchTypes as readonly string[]).includes(t));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown type ${unknown.join(', ')}; one of ${searchTypes.join(', ')}` });
        return z.NEVER;
      }
      return wanted as SearchType[];
    })
    .meta({ description: `Comma separated, among ${searchTypes.join(', ')}; default all` }),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .default(SEARCH_DEFAULT_LIMIT)
    .transform((l) => Math.min(Math.max(1, l), SEARCH_MAX_LIMIT))
    .meta({ description: `Results per type, default ${SEARCH_DEFAULT_LIMIT}; outside 1–${SEARCH_MAX_LIMIT} it is clamped` }),
});
export type SearchQuery = z.infer<typeof searchQuery>;

// ---- Output: small allow-lists, enough to show a result and link to it.

export const userHitSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    avatar: z.string().nullable(),
  })
  .meta({ id: 'UserSearchHit' });

export const productHitSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    brand: z.string().nullable(),
    model: z.string().nullable(),
    category_name: z.string().nullable(),
    price: z.number().nullable().meta({ description: 'EUR, at most 2 decimals' }),
  })
  .meta({ id: 'ProductSearchHit' });

export const fileHitSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    type: z.enum(fileTypes),
    mime_type: z.string(),
    url: z.string().meta({ description: 'Download URL' }),
  })
  .meta({ id: 'FileSearchHit' });

export const trackHitSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    artist: z.string(),
    genre: z.string().nullable(),
    duration: z.number().meta({ description: 'Seconds' }),
    user: z.object({ id: z.number().int(), username: z.string() }),
  })
  .meta({ id: 'TrackSearchHit' });

export const resourceHitSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    type: z.enum(resourceTypes),
    tags: z.array(z.string()),
    url: z.string().meta({ description: 'Download URL' }),
  })
  .meta({ id: 'ResourceSearchHit' });

export const searchResultSchema = z
  .object({
    users: z.array(userHitSchema),
    products: z.array(productHitSchema),
    files: z.array(fileHitSchema).meta({ description: "Only the caller's own files" }),
    tracks: z.array(trackHitSchema).meta({ description: "Public tracks and the caller's private ones" }),
    resources: z.array(resourceHitSchema).meta({ description: "Public resources and the caller's private ones" }),
    listings: z
      .array(z.object({ id: z.number().int() }))
      .meta({ description: 'Always empty for now: listings appear when the marketplace lands' }),
  })
  .meta({ id: 'SearchResult' });

export type UserHit = z.infer<typeof userHitSchema>;
export type ProductHit = z.infer<typeof productHitSchema>;
export type FileHit = z.infer<typeof fileHitSchema>;
export type TrackHit = z.infer<typeof trackHitSchema>;
export type ResourceHit = z.infer<typeof resourceHitSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
