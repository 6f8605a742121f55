import { and, asc, count, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users, type UserRow } from '@/db/schema/users';
import { hashPassword, verifyPassword } from '../auth/password';
import { forgetSessions } from '../auth/session-cache';
import { revokeUserSessions } from '../auth/sessions';
import { assertPasswordChangeAllowed, recordPasswordChangeFailure } from '../auth/throttle';
import type { AuthedCtx, Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { pagination, type Page } from '../http/schemas';
import { publishDisconnectUser } from '../realtime/publish';
import { forgetTrackRows } from '../tracks/audio-cache';
import {
  roleAtLeast,
  toAdminUser,
  toProfile,
  toPublicProfile,
  toUserListItem,
  type AdminListUsersQuery,
  type AdminUpdateUserInput,
  type AdminUser,
  type ChangePasswordInput,
  type ListUsersQuery,
  type Profile,
  type PublicProfile,
  type UpdateMeInput,
  type UserListItem,
} from './schemas';

const userNotFound = () => notFound('User', 'USER_NOT_FOUND');

async function getUserRow(ctx: Ctx, id: number): Promise<UserRow | undefined> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function getMe(ctx: AuthedCtx): Promise<Profile> {
  const row = await getUserRow(ctx, ctx.user.id);
  if (!row) throw userNotFound();
  return toProfile(row);
}

export async function updateMe(ctx: AuthedCtx, input: UpdateMeInput): Promise<Profile> {
  const set: Partial<UserRow> = { updatedAt: new Date() };
  if (input.first_name !== undefined) set.firstName = input.first_name;
  if (input.last_name !== undefined) set.lastName = input.last_name;
  if (input.bio !== undefined) set.bio = input.bio;
  const [row] = await ctx.db.update(users).set(set).where(eq(users.id, ctx.user.id)).returning();
  if (!row) throw userNotFound();
  return toProfile(row);
}

/** Changes the password and ends every other session of the user (this one stays signed in). */
export async function changePassword(ctx: AuthedCtx, input: ChangePasswordInput): Promise<void> {
  const row = await getUserRow(ctx, ctx.user.id);
  if (!row) throw userNotFound();
  await assertPasswordChangeAllowed(row.id);
  if (!(await verifyPassword(row.passwordHash, input.current_password))) {
    await recordPasswordChangeFailure(row.id);
    throw new AppError('INVALID_CREDENTIALS', 'Current password is incorrect', {
      details: [{ field: 'current_password', message: 'incorrect' }],
    });
  }
  if (input.current_password === input.new_password) {
    throw new AppError('INVALID_INPUT', 'The new password must differ from the current one', {
      details: [{ field: 'new_password', message: 'must differ from the current password' }],
    });
  }
  const passwordHash = await hashPassword(input.new_password);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.id));
    await revokeUserSessions(tx, row.id, 'password changed', ctx.user.familyId);
  });
  forgetSessions();
}

function searchCondition(search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${users.username} || ' ' || coalesce(${users.firstName}, '') || ' ' || coalesce(${users.lastName}, '')) like ${pattern}`;
}

async function pageOfUsers(ctx: Ctx, where: SQL | undefined, page: number, limit: number) {
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(sql`lower(${users.username})`))
      .limit(limit)
      .offset((page - 1) * limit),
    ctx.db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The directory: banned accounts are hidden from everyone but admins (who use the admin list). */
export async function listUsers(
  ctx: AuthedCtx,
  query: ListUsersQuery,
  options: { exceptMe?: boolean } = {},
): Promise<Page<UserListItem>> {
  const where = and(
    ne(users.status, 'banned'),
    searchCondition(query.search),
    options.exceptMe ? ne(users.id, ctx.user.id) : undefined,
  );
  const { rows, total } = await pageOfUsers(ctx, where, query.page, query.limit);
  return {
    items: rows.map((u) => toUserListItem(u, ctx.user)),
    pagination: pagination(query.page, query.limit, total),
  };
}

export async function getPublicUser(ctx: AuthedCtx, id: number): Promise<PublicProfile> {
  const row = await getUserRow(ctx, id);
  if (!row || (row.status === 'banned' && !roleAtLeast(ctx.user.role, 'admin'))) throw userNotFound();
  return toPublicProfile(row, ctx.user);
}

// ---- Administration

export async function adminListUsers(ctx: AuthedCtx, query: AdminListUsersQuery): Promise<Page<AdminUser>> {
  const where = and(
    searchCondition(query.search),
    query.role ? eq(users.role, query.role) : undefined,
    query.status ? eq(users.status, query.status) : undefined,
  );
  const { rows, total } = await pageOfUsers(ctx, where, query.page, query.limit);
  return { items: rows.map(toAdminUser), pagination: pagination(query.page, query.limit, total) };
}

export async function adminGetUser(ctx: AuthedCtx, id: number): Promise<AdminUser> {
  const row = await getUserRow(ctx, id);
  if (!row) throw userNotFound();
  return toAdminUser(row);
}

/** Admins manage users and moderators; only a super_admin touches admins or grants admin roles. */
function assertCanManage(ctx: AuthedCtx, target: UserRow, newRole?: UserRow['role']): void {
  if (target.id === ctx.user.id) {
    throw new AppError('PERMISSION_DENIED', 'You cannot change your own role or status');
  }
  const isSuper = ctx.user.role === 'super_admin';
  if (!isSuper && roleAtLeast(target.role, 'admin')) {
    throw new AppError('PERMISSION_DENIED', 'Only a super_admin can manage administrators');
  }
  if (!isSuper && newRole && roleAtLeast(newRole, 'admin')) {
    throw new AppError('PERMISSION_DENIED', 'Only a super_admin can grant admin or super_admin');
  }
}

/**
 * Refuses to demote, disable or delete the last active super_admin. Runs inside the write's
 * transaction and locks the active super_admin rows, so two super_admins demoting each other at
 * once cannot both succeed; a suspended or banned super_admin does not count (nor need protecting).
 */
async function assertNotLastSuperAdmin(tx: Database, targetId: number): Promise<void> {
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'super_admin'), eq(users.status, 'active')))
    .orderBy(asc(users.id))
    .for('update');
  if (active.some((u) => u.id === targetId) && active.length <= 1) {
    throw new AppError('INVALID_STATE', 'The last active super_admin must stay');
  }
}

/**
 * Changes a user's role or status. Suspending or banning revokes every session and closes live
 * sockets, so the user's existing access token fails on its next request.
 */
export async function adminUpdateUser(ctx: AuthedCtx, id: number, input: AdminUpdateUserInput): Promise<AdminUser> {
  const target = await getUserRow(ctx, id);
  if (!target) throw userNotFound();
  assertCanManage(ctx, target, input.role);
  const demotes = input.role !== undefined && input.role !== 'super_admin';
  const disables = input.status !== undefined && input.status !== 'active';

  const updated = await ctx.db.transaction(async (tx) => {
    if (demotes || disables) await assertNotLastSuperAdmin(tx, id);
    const [row] = await tx
      .update(users)
      .set({ ...(input.role ? { role: input.role } : {}), ...(input.status ? { status: input.status } : {}), updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (disables) await revokeUserSessions(tx, id, `account ${input.status}`);
    return row!;
  });
  forgetSessions();
  forgetTrackRows(); // a signed audio URL stops working with its signer's account
  if (disables) await publishDisconnectUser(id);
  return toAdminUser(updated);
}

export async function adminDeleteUser(ctx: AuthedCtx, id: number): Promise<void> {
  const target = await getUserRow(ctx, id);
  if (!target) throw userNotFound();
  assertCanManage(ctx, target);
  await ctx.db.transaction(async (tx) => {
    await assertNotLastSuperAdmin(tx, id);
    await tx.delete(users).where(eq(users.id, id));
  });
  forgetSessions();
  forgetTrackRows();
  await publishDisconnectUser(id);
}
