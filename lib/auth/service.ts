import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { sessions } from '@/db/schema/sessions';
import { users, type UserRow } from '@/db/schema/users';
import type { AuthedCtx, ClientInfo, Ctx } from '../context';
import { AppError } from '../errors';
import type { LoginInput, LoginResult, LogoutInput, RefreshInput, RegisterInput, TokenPair } from './schemas';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { refreshExpiry, revokeFamily, startSession } from './sessions';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './throttle';
import {
  hashRefreshToken,
  newRefreshToken,
  signAccessToken,
  successorRefreshToken,
} from './tokens';

/** How long a just-rotated refresh token still answers with its successor (two tabs refreshing at once). */
export const REFRESH_GRACE_MS = 10_000;

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return row;
}

async function assertAvailable(db: Database, username: string, email: string): Promise<void> {
  const taken = await db
    .select({ email: users.email, username: users.username })
    .from(users)
    .where(
      sql`lower(${users.email}) = ${email.toLowerCase()} or lower(${users.username}) = ${username.toLowerCase()}`,
    );
  if (taken.some((u) => u.email.toLowerCase() === email.toLowerCase())) {
    throw new AppError('EMAIL_TAKEN', 'This email is already registered', {
      details: [{ field: 'email', message: 'already registered' }],
    });
  }
  if (taken.length > 0) {
    throw new AppError('USERNAME_TAKEN', 'This username is taken', {
      details: [{ field: 'username', message: 'already taken' }],
    });
  }
}

export async function registerUser(ctx: Ctx, input: RegisterInput) {
  await assertAvailable(ctx.db, input.username, input.email);
  const passwordHash = await hashPassword(input.password);
  // The unique indexes on lower(email) and lower(username) settle a race; errors.ts maps them.
  const [user] = await ctx.db
    .insert(users)
    .values({
      username: input.username,
      email: input.email,
      passwordHash,
      firstName: input.first_name || null,
      lastName: input.last_name || null,
    })
    .returning();
  return { user_id: user!.id, username: user!.username, email: user!.email };
}

/**
 * Checks credentials with throttling. The same answer, after the same work, for an unknown email
 * and a wrong password; a disabled account is told only after the right password.
 */
export async function authenticate(db: Database, input: LoginInput, client: ClientInfo): Promise<UserRow> {
  await assertLoginAllowed(input.email, client.ip);
  const user = await findUserByEmail(db, input.email);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await recordLoginFailure(input.email, client.ip);
    throw new AppError('INVALID_CREDENTIALS', 'Invalid email or password');
  }
  if (user.status !== 'active') {
    throw new AppError('ACCOUNT_DISABLED', `This account is ${user.status}`);
  }
  await clearLoginFailures(input.email);
  const updates: Partial<UserRow> = { lastLoginAt: new Date() };
  if (needsRehash(user.passwordHash)) updates.passwordHash = await hashPassword(input.password);
  await db.update(users).set(updates).where(eq(users.id, user.id));
  return user;
}

async function pairFor(
  user: Pick<UserRow, 'id' | 'username' | 'role'>,
  session: { id: number; createdAt: Date },
  refreshToken: string,
): Promise<TokenPair> {
  const issuedAt = Math.floor(session.createdAt.getTime() / 1000);
  const access = await signAccessToken({
    userId: user.id,
    username: user.username,
    role: user.role,
    sessionId: session.id,
    issuedAt,
  });
  return {
    access_token: access.token,
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: Math.max(0, access.expiresAt - Math.floor(Date.now() / 1000)),
  };
}

export async function login(ctx: Ctx, input: LoginInput, client: ClientInfo): Promise<LoginResult> {
  const user = await authenticate(ctx.db, input, client);
  const refreshToken = newRefreshToken();
  const session = await startSession(ctx.db, { userId: user.id, kind: 'api', refreshToken, client });
  const pair = await pairFor(user, session, refreshToken);
  return { ...pair, user: { id: user.id, username: user.username, email: user.email, role: user.role } };
}

/** A web (next-auth) sign-in: same checks as login, a cookie-only session row. */
export async function signInWeb(db: Database, input: LoginInput, client: ClientInfo) {
  const user = await authenticate(db, input, client);
  const session = await startSession(db, { userId: user.id, kind: 'web', client });
  return { user, session };
}

const invalidRefresh = () => new AppError('UNAUTHORIZED', 'Invalid refresh token');

async function findSessionByToken(db: Database, token: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashRefreshToken(token)))
    .limit(1);
  return row;
}

/**
 * Rotates a refresh token. A rotated token presented again within REFRESH_GRACE_MS answers the same
 * successor pair; later, it is reuse and revokes the whole family.
 */
export async function refreshTokens(ctx: Ctx, input: RefreshInput, client: ClientInfo): Promise<TokenPair> {
  const found = await findSessionByToken(ctx.db, input.refresh_token);
  if (!found) throw invalidRefresh();
  const { session, user } = found;
  // A disabled account is told so before "invalid token": banning also revokes its sessions.
  if (user.status !== 'active') {
    if (!session.revokedAt) await revokeFamily(ctx.db, session.familyId, `account ${user.status}`);
    throw new AppError('ACCOUNT_DISABLED', `This account is ${user.status}`);
  }
  if (session.revokedAt) throw invalidRefresh();
  if (session.expiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED', 'Refresh token expired');

  const successor = successorRefreshToken(input.refresh_token);
  const rotated = await ctx.db.transaction(async (tx) => {
    const claimed = await tx
      .update(sessions)
      .set({ rotatedAt: new Date() })
      .where(and(eq(sessions.id, session.id), isNull(sessions.rotatedAt), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (claimed.length === 0) return undefined;
    const [next] = await tx
      .insert(sessions)
      .values({
        userId: user.id,
        familyId: session.familyId,
        kind: 'api',
        tokenHash: hashRefreshToken(successor),
        userAgent: client.userAgent?.slice(0, 512) ?? session.userAgent,
        ip: client.ip.slice(0, 64),
        createdAt: new Date(),
        expiresAt: refreshExpiry(),
      })
      .returning();
    return next;
  });
  if (rotated) return pairFor(user, rotated, successor);

  // Already rotated (earlier, or by a request that raced this one).
  const [current] = await ctx.db.select().from(sessions).where(eq(sessions.id, session.id));
  const rotatedAt = current?.rotatedAt?.getTime() ?? 0;
  if (current && !current.revokedAt && Date.now() - rotatedAt <= REFRESH_GRACE_MS) {
    const next = await findSessionByToken(ctx.db, successor);
    if (next && !next.session.revokedAt) return pairFor(user, next.session, successor);
  }
  await revokeFamily(ctx.db, session.familyId, 'refresh token reuse');
  throw new AppError('UNAUTHORIZED', 'Refresh token reuse detected; please sign in again');
}

/** Revokes the session of the given refresh token (if it is the caller's), else the current one. */
export async function logout(ctx: AuthedCtx, input: LogoutInput): Promise<void> {
  if (input.refresh_token) {
    const found = await findSessionByToken(ctx.db, input.refresh_token);
    if (found && found.session.userId === ctx.user.id) {
      await revokeFamily(ctx.db, found.session.familyId, 'logout');
      return;
    }
    throw invalidRefresh();
  }
  await revokeFamily(ctx.db, ctx.user.familyId, 'logout');
}
