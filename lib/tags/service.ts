import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { tags, trackTags } from '@/db/schema/tracks';
import type { AuthedCtx } from '../context';
import { AppError, notFound } from '../errors';
import { pagination, type Page } from '../http/schemas';
import { roleAtLeast } from '../users/schemas';
import type { ListTagsQuery, MergeTagsInput, SearchTagsQuery, Tag } from './schemas';

/** `\`, `%` and `_` taken literally in a LIKE pattern (backslash is Postgres' default escape). */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const usageCount = sql<number>`count(${trackTags.trackId})::int`;

function tagsWithUsage(db: Database) {
  return db
    .select({ id: tags.id, name: tags.name, usage_count: usageCount })
    .from(tags)
    .leftJoin(trackTags, eq(trackTags.tagId, tags.id))
    .groupBy(tags.id);
}

/** Every tag with its usage (tracks carrying it), most used first, then by name. */
export async function listTags(ctx: AuthedCtx, query: ListTagsQuery): Promise<Page<Tag>> {
  const [items, totals] = await Promise.all([
    tagsWithUsage(ctx.db)
      .orderBy(desc(usageCount), asc(tags.name), asc(tags.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    ctx.db.select({ total: count() }).from(tags),
  ]);
  return { items, pagination: pagination(query.page, query.limit, totals[0]?.total ?? 0) };
}

/** Tags whose name starts with `q` (already normalized): the exact name first, then the most used. */
export async function searchTags(ctx: AuthedCtx, query: SearchTagsQuery): Promise<Tag[]> {
  return tagsWithUsage(ctx.db)
    .where(sql`${tags.name} like ${`${escapeLike(query.q)}%`}`)
    .orderBy(desc(sql`${tags.name} = ${query.q}`), desc(usageCount), asc(tags.name), asc(tags.id))
    .limit(query.limit);
}

/**
 * Moderators fold one tag into another: every track of `from` ends up tagged `into` (once, even if it
 * had both), and `from` is deleted, in one transaction. Answers `into` with its new usage count.
 */
export async function mergeTags(ctx: AuthedCtx, input: MergeTagsInput): Promise<Tag> {
  if (!roleAtLeast(ctx.user.role, 'moderator')) throw new AppError('PERMISSION_DENIED', 'This needs the moderator role');
  if (input.from === input.into) {
    throw new AppError('INVALID_INPUT', 'A tag cannot be merged into itself', {
      details: [{ field: 'into', message: 'must differ from from' }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    // Locked in id order so two opposite merges cannot deadlock.
    const found = await tx
      .select({ id: tags.id })
      .from(tags)
      .where(inArray(tags.id, [input.from, input.into]))
      .orderBy(asc(tags.id))
      .for('update');
    if (found.length !== 2) throw notFound('Tag');
    await tx.execute(sql`insert into ${trackTags} (track_id, tag_id)
      select track_id, ${input.into}::int from ${trackTags} where tag_id = ${input.from}::int
      on conflict do nothing`);
    await tx.delete(tags).where(eq(tags.id, input.from));
    const [merged] = await tagsWithUsage(tx).where(eq(tags.id, input.into));
    if (!merged) throw notFound('Tag');
    return merged;
  });
}
