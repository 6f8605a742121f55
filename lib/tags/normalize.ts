import { z } from 'zod';

/** Tags are shared by tracks and resources: one normalization, one set of limits. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** One tag as stored and matched: NFC, trimmed, inner whitespace collapsed, lower-cased. */
export function normalizeTag(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Tags as one comma-separated string or a list (whose items may hold commas too): each trimmed,
 * inner whitespace collapsed, lower-cased; empty ones dropped, duplicates dropped (first kept).
 */
export function normalizeTags(value: string | string[]): string[] {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','));
  const out: string[] = [];
  for (const part of parts) {
    const tag = normalizeTag(part);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

const tagList = z
  .array(z.string().max(MAX_TAG_LENGTH, `each tag is at most ${MAX_TAG_LENGTH} characters`))
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags`);

/** Tags in a multipart form: one comma-separated string. */
export const tagsField = z
  .string()
  .max(4000, 'too long')
  .transform(normalizeTags)
  .pipe(tagList)
  .meta({ description: `Comma separated; trimmed, lower-cased, deduplicated; at most ${MAX_TAGS}, each 1–${MAX_TAG_LENGTH} characters` });

/** Tags in a JSON body: a list or one comma-separated string. */
export const tagsJson = z
  .union([z.string().max(4000, 'too long'), z.array(z.string().max(1000, 'too long')).max(200, 'too many tags')], {
    error: 'must be a list of tags or a comma-separated string',
  })
  .transform(normalizeTags)
  .pipe(tagList)
  .meta({ description: `A list or a comma-separated string; trimmed, lower-cased, deduplicated; at most ${MAX_TAGS}, each 1–${MAX_TAG_LENGTH} characters` });
