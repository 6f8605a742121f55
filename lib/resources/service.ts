import { and, arrayContains, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { internalDocuments, resources, type InternalDocumentRow, type ResourceRow } from '@/db/schema/gear';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '../context';
import { env } from '../env';
import { AppError, notFound } from '../errors';
import { serveStored } from '../files/download';
import type { MimeFamily } from '../files/sniff';
import { removeStored, storeReceived } from '../files/store';
import { receiveUpload } from '../files/upload';
import { pagination, type Page } from '../http/schemas';
import { roleAtLeast } from '../users/schemas';
import {
  createInternalDocFieldsSchema,
  createResourceFieldsSchema,
  toInternalDocument,
  toResource,
  type InternalDocumentOut,
  type ListResourcesQuery,
  type ResourceOut,
  type UpdateResourceInput,
} from './schemas';

/** Shared resources: samples, presets and projects (usually zipped), documents. */
export const resourceFileTypes: readonly MimeFamily[] = ['audio', 'pdf', 'image', 'text', 'archive'];
/** Internal documentation: manuals and tutorials. */
export const internalDocFileTypes: readonly MimeFamily[] = ['pdf', 'image', 'text', 'archive'];

const resourceNotFound = () => notFound('Resource');
const documentNotFound = () => notFound('Document');

// ---- Shared resources

/** What anyone may browse: public resources and the caller's own private ones. */
function listedTo(ctx: AuthedCtx): SQL {
  return or(eq(resources.isPublic, true), eq(resources.userId, ctx.user.id))!;
}

/**
 * What the caller may open by id: public resources, their own, and, for admins (who oversee every
 * stored file), anyone's. Another user's private resource is 404, like a missing id.
 */
function visibleTo(ctx: AuthedCtx): SQL | undefined {
  return roleAtLeast(ctx.user.role, 'admin') ? undefined : listedTo(ctx);
}

const canModerate = (ctx: AuthedCtx) => roleAtLeast(ctx.user.role, 'moderator');

/** What the caller may change: their own resources; moderators and above, whatever they can see. */
function editableBy(ctx: AuthedCtx): SQL | undefined {
  return canModerate(ctx) ? visibleTo(ctx) : eq(resources.userId, ctx.user.id);
}

/** Lower-cased, unaccented text to compare against. */
const folded = (value: SQL | string) => sql`lower(unaccent(${value}::text))`;
const haystack = sql`lower(unaccent(${resources.title} || ' ' || coalesce(${resources.description}, '')))`;

/** `\`, `%` and `_` taken literally in a LIKE pattern. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every word of `q` appears in the title or description, ignoring case and accents. */
function searchCondition(q: string | undefined): SQL | undefined {
  const terms = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
  if (terms.length === 0) return undefined;
  return and(...terms.map((t) => sql`${haystack} like ${folded(`%${escapeLike(t)}%`)}`));
}

const withOwner = { resource: resources, ownerId: users.id, ownerName: users.username };

async function findResource(db: Database, where: SQL | undefined): Promise<{ row: ResourceRow; owner: { id: number; username: string } } | undefined> {
  const [found] = await db.select(withOwner).from(resources).innerJoin(users, eq(users.id, resources.userId)).where(where).limit(1);
  return found ? { row: found.resource, owner: { id: found.ownerId, username: found.ownerName } } : undefined;
}

async function getVisibleResource(ctx: AuthedCtx, id: number) {
  const found = await findResource(ctx.db, and(eq(resources.id, id), visibleTo(ctx)));
  if (!found) throw resourceNotFound();
  return found;
}

/** The visible resource the caller may change: its owner, or a moderator or above (else 403). */
async function getEditableResource(ctx: AuthedCtx, id: number) {
  const found = await getVisibleResource(ctx, id);
  if (found.row.userId !== ctx.user.id && !canModerate(ctx)) {
    throw new AppError('PERMISSION_DENIED', 'Only its owner or a moderator can change this resource');
  }
  return found;
}

/** Public resources and the caller's own private ones, filtered, newest first. */
export async function listResources(ctx: AuthedCtx, query: ListResourcesQuery): Promise<Page<ResourceOut>> {
  const where = and(
    listedTo(ctx),
    searchCondition(query.q),
    query.tag ? arrayContains(resources.tags, [query.tag]) : undefined,
    query.type ? eq(resources.type, query.type) : undefined,
    query.user_id !== undefined ? eq(resources.userId, query.user_id) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(withOwner)
      .from(resources)
      .innerJoin(users, eq(users.id, resources.userId))
      .where(where)
      .orderBy(desc(resources.createdAt), desc(resources.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    ctx.db.select({ n: count() }).from(resources).where(where),
  ]);
  return {
    items: rows.map((r) => toResource(r.resource, { id: r.ownerId, username: r.ownerName })),
    pagination: pagination(query.page, query.limit, total?.n ?? 0),
  };
}

/**
 * Receives a shared file (streamed, ≤ MAX_FILE_SIZE, sniffed), stores its bytes and records it
 * with its normalized tags; the bytes are removed again if the row cannot be written.
 */
export async function createResource(ctx: AuthedCtx, req: Request): Promise<ResourceOut> {
  const { file, fields } = await receiveUpload(req, { maxBytes: env().MAX_FILE_SIZE, accept: resourceFileTypes });
  const parsed = createResourceFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    await file.discard();
    throw parsed.error;
  }
  const input = parsed.data;
  const row = await storeReceived(file, `resources/${ctx.user.id}`, async (object) => {
    const [inserted] = await ctx.db
      .insert(resources)
      .values({
        userId: ctx.user.id,
        title: input.title,
        description: input.description ?? null,
        type: input.type,
        tags: input.tags,
        isPublic: input.is_public,
        filename: file.filename,
        mimeType: file.mimeType,
        size: file.size,
        storage: object.storage,
        storageKey: object.key,
      })
      .returning();
    return inserted!;
  });
  return toResource(row, { id: ctx.user.id, username: ctx.user.username });
}

export async function getResource(ctx: AuthedCtx, id: number): Promise<ResourceOut> {
  const { row, owner } = await getVisibleResource(ctx, id);
  return toResource(row, owner);
}

/** The bytes don't change for a row; the ETag still follows edits (the name in Content-Disposition may). */
const resourceEtag = (row: ResourceRow) => `"r${row.id}-${row.size}-${row.updatedAt.getTime()}"`;

/**
 * Serves a resource's bytes and counts the download: only a full transfer counts — a 200, or a 206
 * starting at byte 0 (a player or download manager fetching from the start) — never a HEAD, a 304,
 * a 416 or a range resuming further in. The count is one atomic UPDATE, safe under concurrency.
 */
export async function downloadResource(ctx: AuthedCtx, req: Request, id: number): Promise<Response> {
  const { row } = await getVisibleResource(ctx, id);
  const response = await serveStored(req, {
    storage: row.storage,
    key: row.storageKey,
    size: row.size,
    mimeType: row.mimeType,
    etag: resourceEtag(row),
    lastModified: row.updatedAt,
    filename: row.filename,
  });
  const fromStart =
    response.status === 200 || (response.status === 206 && /^bytes 0-/.test(response.headers.get('content-range') ?? ''));
  if (req.method === 'GET' && fromStart) {
    await ctx.db
      .update(resources)
      .set({ downloads: sql`${resources.downloads} + 1` })
      .where(eq(resources.id, row.id));
  }
  return response;
}

/** Edits a resource's description (owner, or moderator and above). The file itself is not replaced. */
export async function updateResource(ctx: AuthedCtx, id: number, input: UpdateResourceInput): Promise<ResourceOut> {
  const { owner } = await getEditableResource(ctx, id);
  const set: Partial<typeof resources.$inferInsert> = { updatedAt: new Date() };
  if (input.title !== undefined) set.title = input.title;
  if (input.description !== undefined) set.description = input.description;
  if (input.type !== undefined) set.type = input.type;
  if (input.tags !== undefined) set.tags = input.tags;
  if (input.is_public !== undefined) set.isPublic = input.is_public;
  const [row] = await ctx.db.update(resources).set(set).where(and(eq(resources.id, id), editableBy(ctx))).returning();
  if (!row) throw resourceNotFound();
  return toResource(row, owner);
}

/** Deletes a resource (owner, or moderator and above): its row, then its stored bytes. */
export async function deleteResource(ctx: AuthedCtx, id: number): Promise<void> {
  await getEditableResource(ctx, id);
  const [row] = await ctx.db.delete(resources).where(and(eq(resources.id, id), editableBy(ctx))).returning();
  if (!row) throw resourceNotFound();
  await removeStored([{ storage: row.storage, key: row.storageKey }]);
}

// ---- Internal documentation

/** Every internal document, newest first (a short list: manuals and tutorials). */
export async function listInternalDocuments(ctx: AuthedCtx): Promise<InternalDocumentOut[]> {
  const rows = await ctx.db
    .select()
    .from(internalDocuments)
    .orderBy(desc(internalDocuments.createdAt), desc(internalDocuments.id));
  return rows.map(toInternalDocument);
}

async function getInternalDocumentRow(ctx: AuthedCtx, id: number): Promise<InternalDocumentRow> {
  const [row] = await ctx.db.select().from(internalDocuments).where(eq(internalDocuments.id, id));
  if (!row) throw documentNotFound();
  return row;
}

export async function getInternalDocument(ctx: AuthedCtx, id: number): Promise<InternalDocumentOut> {
  return toInternalDocument(await getInternalDocumentRow(ctx, id));
}

/** Publishes a document to every signed-in user (admins; streamed, ≤ MAX_INTERNAL_DOC_SIZE, sniffed). */
export async function createInternalDocument(ctx: AuthedCtx, req: Request): Promise<InternalDocumentOut> {
  const { file, fields } = await receiveUpload(req, { maxBytes: env().MAX_INTERNAL_DOC_SIZE, accept: internalDocFileTypes });
  const parsed = createInternalDocFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    await file.discard();
    throw parsed.error;
  }
  const row = await storeReceived(file, 'internal', async (object) => {
    const [inserted] = await ctx.db
      .insert(internalDocuments)
      .values({
        title: parsed.data.title,
        description: parsed.data.description ?? null,
        filename: file.filename,
        mimeType: file.mimeType,
        size: file.size,
        storage: object.storage,
        storageKey: object.key,
        uploadedBy: ctx.user.id,
      })
      .returning();
    return inserted!;
  });
  return toInternalDocument(row);
}

export async function downloadInternalDocument(ctx: AuthedCtx, req: Request, id: number): Promise<Response> {
  const row = await getInternalDocumentRow(ctx, id);
  return serveStored(req, {
    storage: row.storage,
    key: row.storageKey,
    size: row.size,
    mimeType: row.mimeType,
    // A document's row and bytes never change once published.
    etag: `"d${row.id}-${row.size}-${row.createdAt.getTime()}"`,
    lastModified: row.createdAt,
    filename: row.filename,
  });
}

/** Removes an internal document (admins): its row, then its stored bytes. */
export async function deleteInternalDocument(ctx: AuthedCtx, id: number): Promise<void> {
  const [row] = await ctx.db.delete(internalDocuments).where(eq(internalDocuments.id, id)).returning();
  if (!row) throw documentNotFound();
  await removeStored([{ storage: row.storage, key: row.storageKey }]);
}
