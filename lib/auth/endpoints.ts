import { defineEndpoint } from '../http/endpoint';
import { profileSchema } from '../users/schemas';
import {
  loginResultSchema,
  loginSchema,
  logoutSchema,
  refreshSchema,
  registeredSchema,
  registerSchema,
  tokenPairSchema,
} from './schemas';

export const register = defineEndpoint({
  method: 'POST',
  path: '/auth/register',
  tag: 'Auth',
  summary: 'Create an account',
  auth: 'public',
  body: registerSchema,
  response: registeredSchema,
  status: 201,
  errors: ['EMAIL_TAKEN', 'USERNAME_TAKEN'],
});

export const login = defineEndpoint({
  method: 'POST',
  path: '/auth/login',
  tag: 'Auth',
  summary: 'Exchange credentials for an access token and a refresh token',
  description:
    'Unknown email and wrong password get the same 401. Repeated failures per account or per address answer 429 with Retry-After.',
  auth: 'public',
  body: loginSchema,
  response: loginResultSchema,
  errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
});

export const refresh = defineEndpoint({
  method: 'POST',
  path: '/auth/refresh',
  tag: 'Auth',
  summary: 'Rotate a refresh token',
  description:
    'Answers a new pair; the presented token is spent. Presenting it again within 10 s answers the same new pair (two tabs refreshing at once); later, it is reuse: 401 and the whole session is revoked.',
  auth: 'public',
  body: refreshSchema,
  response: tokenPairSchema,
  errors: ['UNAUTHORIZED', 'TOKEN_EXPIRED', 'ACCOUNT_DISABLED'],
});

export const logout = defineEndpoint({
  method: 'POST',
  path: '/auth/logout',
  tag: 'Auth',
  summary: 'End the session of the given refresh token, or the current one',
  auth: 'user',
  body: logoutSchema,
});

export const me = defineEndpoint({
  method: 'GET',
  path: '/auth/me',
  tag: 'Auth',
  summary: "The caller's full profile",
  auth: 'user',
  response: profileSchema,
});
