import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { sessions } from '@/db/schema/sessions';
import { users } from '@/db/schema/users';
import { scopeOf } from '../cache/ttl-cache';
import type { CurrentUser } from '../context';
import { AppError } from '../errors';
import { forgetSessions, sessionRows, type SessionRow } from './session-cache';
import { readSessionCookie } from './session-cookie';
import { refreshExpiry } from './sessions';
import { verifyAccessToken } from './tokens';

function loadUser(db: Database, userId: number, sessionId: number): Promise<SessionRow | undefined> {
  return sessionRows().load(`${scopeOf(db)}:${userId}:${sessionId}`, async () => {
    const [row] = await db
      .select({
        user: { id: users.id, username: users.username, email: users.email, role: users.role, status: users.status },
        revokedAt: sessions.revokedAt,
        familyId: sessions.familyId,
        expiresAt: sessions.expiresAt,
      })
      .from(users)
      .innerJoin(sessions, and(eq(sessions.id, sessionId), eq(sessions.userId, users.id)))
      .where(eq(users.id, userId))
      .limit(1);
    return row;
  });
}

/**
 * The one way to know who is calling: a Bearer access token or the web session cookie, checked
 * against the session row, so a revoked session or a banned account stops at once (on another
 * instance, within the session cache's lifetime: see session-cache.ts).
 * A bad Bearer token is an error; a bad cookie is simply no session.
 */
export async function resolveUser(db: Database, headers: Headers): Promise<CurrentUser | null> {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new AppError('UNAUTHORIZED', 'Authorization must be "Bearer <token>"');
    const claims = await verifyAccessToken(match[1]!);
    const row = await loadUser(db, claims.user_id, claims.sid);
    if (!row) throw new AppError('UNAUTHORIZED', 'Session has ended; sign in again');
    assertActive(row.user);
    if (row.revokedAt) throw new AppError('UNAUTHORIZED', 'Session has ended; sign in again');
    return toCurrentUser(row, 'bearer', claims.sid);
  }
  const web = await readSessionCookie(headers);
  if (!web) return null;
  const row = await loadUser(db, web.uid, web.sid);
  if (!row) return null;
  assertActive(row.user);
  if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  const user = toCurrentUser(row, 'cookie', web.sid);
  await extendWebSession(db, web.sid, row.expiresAt);
  return user;
}

const DAY_MS = 86_400_000;

/** Web sessions slide: an active browser stays signed in; its row is pushed forward at most daily. */
async function extendWebSession(db: Database, sessionId: number, expiresAt: Date): Promise<void> {
  const renewed = refreshExpiry();
  if (renewed.getTime() - expiresAt.getTime() < DAY_MS) return;
  await db.update(sessions).set({ expiresAt: renewed }).where(eq(sessions.id, sessionId));
  forgetSessions();
}

/** A disabled account is told so (before "session ended": banning also revokes its sessions). */
function assertActive(user: { status: string }): void {
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED', `This account is ${user.status}`);
}

function toCurrentUser(
  row: SessionRow,
  via: CurrentUser['via'],
  sessionId: number,
): CurrentUser {
  const { user } = row;
  assertActive(user);
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    status: user.status,
    sessionId,
    familyId: row.familyId,
    via,
  };
}
