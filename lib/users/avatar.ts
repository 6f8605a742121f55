import { eq } from 'drizzle-orm';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '../context';
import { notFound } from '../errors';
import { etagOf, serveStored } from '../files/download';
import { removeStored, storeReceived } from '../files/store';
import { receiveUpload } from '../files/upload';

export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;

export const avatarUrl = (userId: number, sha256: string) => `/api/v1/users/${userId}/avatar?v=${sha256.slice(0, 12)}`;

/** Replaces the caller's avatar (PNG, JPEG or WebP up to 5 MB); the previous image's bytes go. */
export async function uploadAvatar(ctx: AuthedCtx, req: Request): Promise<{ avatar: string }> {
  const { file } = await receiveUpload(req, { maxBytes: MAX_AVATAR_BYTES, accept: ['avatar'] });
  const [previous] = await ctx.db.select({ object: users.avatarObject }).from(users).where(eq(users.id, ctx.user.id));
  const avatar = avatarUrl(ctx.user.id, file.sha256);
  await storeReceived(file, `avatars/${ctx.user.id}`, async (object) => {
    await ctx.db
      .update(users)
      .set({
        avatar,
        avatarObject: { ...object, mimeType: file.mimeType, sha256: file.sha256, size: file.size },
        updatedAt: new Date(),
      })
      .where(eq(users.id, ctx.user.id));
  });
  if (previous?.object) await removeStored([previous.object]);
  return { avatar };
}

/** A user's avatar image, for signed-in viewers; cached by its versioned URL. */
export async function serveAvatar(ctx: AuthedCtx, req: Request, userId: number): Promise<Response> {
  const [row] = await ctx.db
    .select({ object: users.avatarObject, status: users.status, updatedAt: users.updatedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!row?.object || row.status === 'banned') throw notFound('Avatar');
  return serveStored(req, {
    storage: row.object.storage,
    key: row.object.key,
    size: row.object.size,
    mimeType: row.object.mimeType,
    etag: etagOf(row.object.sha256),
    lastModified: row.updatedAt,
    filename: `avatar-${userId}`,
    disposition: 'inline',
    cacheControl: 'private, max-age=86400',
  });
}
