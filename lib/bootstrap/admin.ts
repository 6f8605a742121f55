import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema/users';
import { findUserByEmail } from '../auth/service';
import { hashPassword } from '../auth/password';
import { env } from '../env';
import { log } from '../log';
import { forgetSessions } from '../auth/session-cache';

/**
 * Creates the super_admin named by ADMIN_EMAIL/ADMIN_PASSWORD when absent; an existing account with
 * that email is promoted, its password left alone (changing the variable is not a password reset).
 */
export async function ensureAdmin(db: Database): Promise<void> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = env();
  if (!email) return;
  const existing = await findUserByEmail(db, email);
  if (existing) {
    if (existing.role !== 'super_admin' || existing.status !== 'active') {
      await db.update(users).set({ role: 'super_admin', status: 'active' }).where(eq(users.id, existing.id));
      forgetSessions();
      log().info({ userId: existing.id }, 'admin account promoted to super_admin');
    }
    return;
  }
  if (!password) {
    log().warn('ADMIN_EMAIL is set without ADMIN_PASSWORD: no admin account created');
    return;
  }
  const base = email.split('@')[0]!.replace(/[^a-zA-Z0-9_.-]/g, '').slice(0, 40) || 'admin';
  const username = base.length >= 3 ? base : `${base}-admin`;
  const taken = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  const [row] = await db
    .insert(users)
    .values({
      username: taken.length ? `${username}-${Date.now().toString(36)}` : username,
      email,
      passwordHash: await hashPassword(password),
      role: 'super_admin',
    })
    .returning({ id: users.id });
  log().info({ userId: row!.id }, 'admin account created from ADMIN_EMAIL');
}
