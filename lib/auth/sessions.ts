import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { sessions } from '@/db/schema/sessions';
import { durationMs, env } from '../env';
import type { ClientInfo } from '../context';
import { hashRefreshToken } from './tokens';
import { forgetSessions } from './session-cache';

export function refreshExpiry(from = new Date()): Date {
  return new Date(from.getTime() + durationMs(env().REFRESH_EXPIRY));
}

/** Starts a session family: an API login (with a refresh token) or a web sign-in (cookie only). */
export async function startSession(
  db: Database,
  input: { userId: number; kind: 'api' | 'web'; refreshToken?: string; client: ClientInfo },
) {
  const [row] = await db
    .insert(sessions)
    .values({
      userId: input.userId,
      familyId: randomUUID(),
      kind: input.kind,
      tokenHash: input.refreshToken ? hashRefreshToken(input.refreshToken) : null,
      userAgent: input.client.userAgent?.slice(0, 512) ?? null,
      ip: input.client.ip.slice(0, 64),
      expiresAt: refreshExpiry(),
    })
    .returning();
  return row!;
}

export async function revokeFamily(db: Database, familyId: string, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.familyId, familyId), isNull(sessions.revokedAt)));
  forgetSessions();
}

/** Revokes every session of a user, or all but one family (password change keeps the current one). */
export async function revokeUserSessions(
  db: Database,
  userId: number,
  reason: string,
  exceptFamilyId?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptFamilyId ? ne(sessions.familyId, exceptFamilyId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  forgetSessions();
  return rows.length;
}

/** Live sessions: families with an unrevoked, unexpired, current (not rotated) token. */
export async function countActiveSessions(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${sessions.familyId})::int` })
    .from(sessions)
    .where(
      and(isNull(sessions.revokedAt), isNull(sessions.rotatedAt), sql`${sessions.expiresAt} > now()`),
    );
  return row?.n ?? 0;
}

/** Drops rows that can never be used again (expired, or revoked long ago). */
export async function deleteDeadSessions(db: Database, olderThanDays = 7): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000);
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.revokedAt, cutoff)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Ends the family of one session row (a web sign-out). */
export async function revokeSessionFamilyOf(db: Database, sessionId: number, reason: string): Promise<void> {
  const [row] = await db.select({ familyId: sessions.familyId }).from(sessions).where(eq(sessions.id, sessionId));
  if (row) await revokeFamily(db, row.familyId, reason);
}
