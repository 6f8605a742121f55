import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { files, userProducts, type FileRow } from '@/db/schema/gear';
import type { AuthedCtx } from '../context';
import { env } from '../env';
import { notFound } from '../errors';
import { pagination, type Page } from '../http/schemas';
import { roleAtLeast } from '../users/schemas';
import { etagOf, serveStored } from './download';
import { defaultFileType, toFile, uploadFieldsSchema, type FileOut, type ListFilesQuery } from './schemas';
import { removeStored, storeReceived } from './store';
import { receiveUpload } from './upload';
import type { MimeFamily } from './sniff';

/** What a gear document may be: manuals and invoices (PDF, text), photos, recordings. */
export const gearFileTypes: readonly MimeFamily[] = ['pdf', 'image', 'text', 'audio'];

const fileNotFound = () => notFound('File', 'FILE_NOT_FOUND');
const itemNotFound = () => notFound('Gear item');

/** Owners see their files; admins see anyone's ("files of anyone"); everyone else gets 404. */
function visibleTo(ctx: AuthedCtx): SQL | undefined {
  return roleAtLeast(ctx.user.role, 'admin') ? undefined : eq(files.userId, ctx.user.id);
}

async function assertOwnItem(ctx: AuthedCtx, userProductId: number): Promise<void> {
  const [item] = await ctx.db
    .select({ id: userProducts.id })
    .from(userProducts)
    .where(and(eq(userProducts.id, userProductId), eq(userProducts.userId, ctx.user.id)));
  if (!item) throw itemNotFound();
}

/**
 * Receives an upload (streamed, size-limited, sniffed), stores its bytes and records the row, loose
 * or attached to one of the caller's gear items.
 */
export async function uploadFile(ctx: AuthedCtx, req: Request, userProductId?: number): Promise<FileOut> {
  if (userProductId !== undefined) await assertOwnItem(ctx, userProductId);
  const { file, fields } = await receiveUpload(req, { maxBytes: env().MAX_FILE_SIZE, accept: gearFileTypes });
  const parsed = uploadFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    await file.discard();
    throw parsed.error;
  }
  const row = await storeReceived(file, `files/${ctx.user.id}`, async (object) => {
    const [inserted] = await ctx.db
      .insert(files)
      .values({
        userId: ctx.user.id,
        userProductId: userProductId ?? null,
        filename: file.filename,
        type: parsed.data.type ?? defaultFileType(file.mimeType),
        mimeType: file.mimeType,
        size: file.size,
        storage: object.storage,
        storageKey: object.key,
        sha256: file.sha256,
      })
      .returning();
    return inserted!;
  });
  return toFile(row);
}

export async function listFiles(ctx: AuthedCtx, query: ListFilesQuery): Promise<Page<FileOut>> {
  const where = and(eq(files.userId, ctx.user.id), query.type ? eq(files.type, query.type) : undefined);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(files)
      .where(where)
      .orderBy(desc(files.uploadedAt), desc(files.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    ctx.db.select({ n: count() }).from(files).where(where),
  ]);
  return { items: rows.map(toFile), pagination: pagination(query.page, query.limit, total?.n ?? 0) };
}

/** The files of one of the caller's gear items (404 for anyone else's item). */
export async function listItemFiles(ctx: AuthedCtx, userProductId: number): Promise<FileOut[]> {
  await assertOwnItem(ctx, userProductId);
  const rows = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.userProductId, userProductId), eq(files.userId, ctx.user.id)))
    .orderBy(desc(files.uploadedAt), desc(files.id));
  return rows.map(toFile);
}

async function getFileRow(ctx: AuthedCtx, id: number): Promise<FileRow> {
  const [row] = await ctx.db.select().from(files).where(and(eq(files.id, id), visibleTo(ctx)));
  if (!row) throw fileNotFound();
  return row;
}

export async function getFile(ctx: AuthedCtx, id: number): Promise<FileOut> {
  return toFile(await getFileRow(ctx, id));
}

export async function downloadFile(ctx: AuthedCtx, req: Request, id: number): Promise<Response> {
  const row = await getFileRow(ctx, id);
  return serveStored(req, {
    storage: row.storage,
    key: row.storageKey,
    size: row.size,
    mimeType: row.mimeType,
    etag: etagOf(row.sha256),
    lastModified: row.uploadedAt,
    filename: row.filename,
  });
}

/** Deletes a file (owner or admin): its row, then its stored bytes. */
export async function deleteFile(ctx: AuthedCtx, id: number): Promise<void> {
  const [row] = await ctx.db.delete(files).where(and(eq(files.id, id), visibleTo(ctx))).returning();
  if (!row) throw fileNotFound();
  await removeStored([{ storage: row.storage, key: row.storageKey }]);
}

/** Deletes every file of one of the caller's gear items (a forced item delete); returns how many. */
export async function deleteFilesOfItem(ctx: AuthedCtx, userProductId: number): Promise<number> {
  const rows = await ctx.db
    .delete(files)
    .where(and(eq(files.userProductId, userProductId), eq(files.userId, ctx.user.id)))
    .returning();
  await removeStored(rows.map((r) => ({ storage: r.storage, key: r.storageKey })));
  return rows.length;
}

