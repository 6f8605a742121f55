import { z } from 'zod';
import { roles, userStatuses, type Role, type UserRow } from '@/db/schema/users';
import { isoDate, paginationQuery } from '../http/schemas';

const name = z.string().trim().max(100, 'at most 100 characters');
const optionalName = name.nullable().optional().transform((v) => (v === '' ? null : v));

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{3,50}$/, '3–50 letters, digits, dots, dashes or underscores');
// Trim before the format check (a trailing space from a phone keyboard is not a bad address);
// z.email().trim() would check first and trim after.
export const emailSchema = z.string().trim().max(255, 'at most 255 characters').email('must be a valid email');
export const passwordSchema = z
  .string()
  .min(8, 'at least 8 characters')
  .max(128, 'at most 128 characters');

export const updateMeSchema = z
  .object({
    first_name: optionalName,
    last_name: optionalName,
    bio: z
      .string()
      .trim()
      .max(2000, 'at most 2000 characters')
      .nullable()
      .optional()
      .transform((v) => (v === '' ? null : v)),
  })
  .strict();
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

export const changePasswordSchema = z
  .object({ current_password: z.string().min(1, 'required').max(128), new_password: passwordSchema })
  .strict();
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const listUsersQuery = paginationQuery().extend({
  search: z.string().trim().max(100).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const adminListUsersQuery = listUsersQuery.extend({
  role: z.enum(roles).optional(),
  status: z.enum(userStatuses).optional(),
});
export type AdminListUsersQuery = z.infer<typeof adminListUsersQuery>;

export const adminUpdateUserSchema = z
  .object({ role: z.enum(roles).optional(), status: z.enum(userStatuses).optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.status !== undefined, { message: 'give role or status' });
export type AdminUpdateUserInput = z.infer<typeof adminUpdateUserSchema>;

// ---- Output shapes: allow-lists, so a new column never leaks by accident.

export const userListItemSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    avatar: z.string().nullable(),
    role: z.enum(roles),
    created_at: isoDate,
    email: z.string().optional().meta({ description: 'Only for the caller themself and for admins' }),
  })
  .meta({ id: 'UserListItem' });
export type UserListItem = z.infer<typeof userListItemSchema>;

export const profileSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    email: z.string(),
    role: z.enum(roles),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    bio: z.string().nullable(),
    avatar: z.string().nullable(),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof profileSchema>;

export const publicProfileSchema = profileSchema
  .omit({ email: true, updated_at: true })
  .extend({ email: z.string().optional() })
  .meta({ id: 'PublicProfile' });
export type PublicProfile = z.infer<typeof publicProfileSchema>;

export const adminUserSchema = profileSchema
  .extend({ status: z.enum(userStatuses), last_login_at: isoDate.nullable() })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUserSchema>;

export function toProfile(u: UserRow): Profile {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: u.role,
    first_name: u.firstName,
    last_name: u.lastName,
    bio: u.bio,
    avatar: u.avatar,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}

/** Email only for the person themself and for admins. */
function canSeeEmail(viewer: { id: number; role: Role } | null, u: UserRow): boolean {
  return !!viewer && (viewer.id === u.id || roleAtLeast(viewer.role, 'admin'));
}

export function toUserListItem(u: UserRow, viewer: { id: number; role: Role } | null): UserListItem {
  return {
    id: u.id,
    username: u.username,
    first_name: u.firstName,
    last_name: u.lastName,
    avatar: u.avatar,
    role: u.role,
    created_at: u.createdAt.toISOString(),
    ...(canSeeEmail(viewer, u) ? { email: u.email } : {}),
  };
}

export function toPublicProfile(u: UserRow, viewer: { id: number; role: Role } | null): PublicProfile {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    first_name: u.firstName,
    last_name: u.lastName,
    bio: u.bio,
    avatar: u.avatar,
    created_at: u.createdAt.toISOString(),
    ...(canSeeEmail(viewer, u) ? { email: u.email } : {}),
  };
}

export function toAdminUser(u: UserRow): AdminUser {
  return { ...toProfile(u), status: u.status, last_login_at: u.lastLoginAt?.toISOString() ?? null };
}

const rank: Record<Role, number> = { user: 0, moderator: 1, admin: 2, super_admin: 3 };

/** Roles nest: each includes the ones before it. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}
