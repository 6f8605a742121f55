import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

export const roles = ['user', 'moderator', 'admin', 'super_admin'] as const;
export const userStatuses = ['active', 'suspended', 'banned'] as const;

export const userRole = pgEnum('user_role', roles);
export const userStatus = pgEnum('user_status', userStatuses);

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: varchar('username', { length: 50 }).notNull(),
    email: varchar('email', { length: 255 }).notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('user'),
    status: userStatus('status').notNull().default('active'),
    firstName: varchar('first_name', { length: 100 }),
    lastName: varchar('last_name', { length: 100 }),
    bio: text('bio'),
    /** The avatar's public URL (versioned), or null. */
    avatar: text('avatar'),
    /** Where the avatar's bytes are stored: `{storage, key, mime_type, sha256}`. */
    avatarObject: jsonb('avatar_object').$type<{ storage: 'local' | 'uploadthing'; key: string; mimeType: string; sha256: string; size: number }>(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    /** When the user's last realtime connection closed; null while never seen. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_unique').on(sql`lower(${t.username})`),
    index('users_role_idx').on(t.role),
    index('users_status_idx').on(t.status),
    // Trigram index: `search` matches anywhere in username and names.
    index('users_search_trgm_idx').using(
      'gin',
      sql`(lower(${t.username} || ' ' || coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))) gin_trgm_ops`,
    ),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type Role = (typeof roles)[number];
export type UserStatus = (typeof userStatuses)[number];
