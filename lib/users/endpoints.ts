import { z } from 'zod';
import { idParams } from '../http/schemas';
import { defineEndpoint } from '../http/endpoint';
import {
  adminListUsersQuery,
  adminUpdateUserSchema,
  adminUserSchema,
  changePasswordSchema,
  listUsersQuery,
  profileSchema,
  publicProfileSchema,
  updateMeSchema,
  userListItemSchema,
} from './schemas';

export const list = defineEndpoint({
  method: 'GET',
  path: '/users',
  tag: 'Users',
  summary: 'Browse people; `search` matches username, first and last name',
  auth: 'user',
  query: listUsersQuery,
  response: userListItemSchema,
  paginated: true,
});

export const listExceptMe = defineEndpoint({
  method: 'GET',
  path: '/users/except-me',
  tag: 'Users',
  summary: 'Browse people other than the caller (to start a conversation)',
  auth: 'user',
  query: listUsersQuery,
  response: userListItemSchema,
  paginated: true,
});

export const getMe = defineEndpoint({
  method: 'GET',
  path: '/users/me',
  tag: 'Users',
  summary: "The caller's full profile (alias of GET /auth/me)",
  auth: 'user',
  response: profileSchema,
});

export const updateMe = defineEndpoint({
  method: 'PUT',
  path: '/users/me',
  tag: 'Users',
  summary: "Edit the caller's profile",
  auth: 'user',
  body: updateMeSchema,
  response: profileSchema,
});

export const changePassword = defineEndpoint({
  method: 'PUT',
  path: '/users/password',
  tag: 'Users',
  summary: "Change the caller's password; every other session is signed out",
  auth: 'user',
  body: changePasswordSchema,
  errors: ['INVALID_CREDENTIALS'],
});

export const getUser = defineEndpoint({
  method: 'GET',
  path: '/users/{id}',
  tag: 'Users',
  summary: 'A public profile',
  auth: 'user',
  params: idParams,
  response: publicProfileSchema,
  errors: ['USER_NOT_FOUND'],
});

export const adminList = defineEndpoint({
  method: 'GET',
  path: '/admin/users',
  tag: 'Admin',
  summary: 'All accounts, with role and status filters',
  auth: 'admin',
  query: adminListUsersQuery,
  response: adminUserSchema,
  paginated: true,
});

export const adminGet = defineEndpoint({
  method: 'GET',
  path: '/admin/users/{id}',
  tag: 'Admin',
  summary: 'One account, with status and last sign-in',
  auth: 'admin',
  params: idParams,
  response: adminUserSchema,
  errors: ['USER_NOT_FOUND'],
});

export const adminUpdate = defineEndpoint({
  method: 'PUT',
  path: '/admin/users/{id}',
  tag: 'Admin',
  summary: "Change a user's role or status",
  description:
    'Suspending or banning ends every session and live socket of the user at once. Only a super_admin manages admins or grants admin and super_admin; nobody changes their own role or status.',
  auth: 'admin',
  params: idParams,
  body: adminUpdateUserSchema,
  response: adminUserSchema,
  errors: ['USER_NOT_FOUND', 'INVALID_STATE'],
});

export const adminDelete = defineEndpoint({
  method: 'DELETE',
  path: '/admin/users/{id}',
  tag: 'Admin',
  summary: 'Delete an account and everything it owns',
  auth: 'admin',
  params: idParams,
  errors: ['USER_NOT_FOUND', 'INVALID_STATE'],
});

export const uploadAvatar = defineEndpoint({
  method: 'POST',
  path: '/users/me/avatar',
  tag: 'Users',
  summary: "Replace the caller's avatar",
  auth: 'user',
  upload: { accept: 'PNG, JPEG, WebP', maxBytes: '5 MB' },
  response: z.object({ avatar: z.string().meta({ description: 'The new avatar URL (versioned)' }) }),
  errors: ['FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
});

export const avatar = defineEndpoint({
  method: 'GET',
  path: '/users/{id}/avatar',
  tag: 'Users',
  summary: "A user's avatar image (the URL in their profile's `avatar`)",
  auth: 'user',
  params: idParams,
  produces: 'image/*',
  errors: ['NOT_FOUND'],
});
