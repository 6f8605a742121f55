import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errorStatus, toErrorBody } from '@/lib/errors';

describe('toErrorBody', () => {
  it('maps an AppError to its status, code and headers', () => {
    const mapped = toErrorBody(new AppError('RATE_LIMITED', 'slow down', { headers: { 'Retry-After': '9' } }));
    expect(mapped.status).toBe(429);
    expect(mapped.headers).toEqual({ 'Retry-After': '9' });
    expect(mapped.body).toEqual({
      success: false,
      error: 'slow down',
      error_code: 'RATE_LIMITED',
      timestamp: expect.any(Number),
    });
    expect(mapped.body.timestamp).toBeCloseTo(Date.now() / 1000, -1);
  });

  it('maps a ZodError to INVALID_INPUT with field details', () => {
    const result = z.object({ user: z.object({ email: z.email() }) }).safeParse({ user: { email: 'x' } });
    const mapped = toErrorBody(result.error);
    expect(mapped.status).toBe(400);
    expect(mapped.body.error_code).toBe('INVALID_INPUT');
    expect(mapped.body.details).toEqual([{ field: 'user.email', message: expect.any(String) }]);
  });

  it('maps a unique violation, even wrapped in a cause, to its specific code', () => {
    const driver = Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'users_email_lower_unique' });
    const wrapped = Object.assign(new Error('Failed query: insert …'), { cause: driver });
    expect(toErrorBody(wrapped)).toMatchObject({ status: 409, body: { error_code: 'EMAIL_TAKEN' } });
    const unknown = Object.assign(new Error('dup'), { code: '23505', constraint_name: 'other_unique' });
    expect(toErrorBody(unknown)).toMatchObject({ status: 409, body: { error_code: 'CONFLICT' } });
  });

  it('hides anything else behind INTERNAL_ERROR', () => {
    const mapped = toErrorBody(new Error('relation "users" does not exist at SELECT password_hash'));
    expect(mapped.status).toBe(500);
    expect(mapped.internal).toBe(true);
    expect(JSON.stringify(mapped.body)).not.toMatch(/relation|SELECT|password/);
  });

  it('gives every code of the contract its status', () => {
    expect(errorStatus).toMatchObject({
      INVALID_INPUT: 400,
      UNAUTHORIZED: 401,
      INVALID_CREDENTIALS: 401,
      TOKEN_EXPIRED: 401,
      PERMISSION_DENIED: 403,
      ACCOUNT_DISABLED: 403,
      USER_NOT_FOUND: 404,
      EMAIL_TAKEN: 409,
      USERNAME_TAKEN: 409,
      CHANNEL_FULL: 409,
      FILE_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      RANGE_NOT_SATISFIABLE: 416,
      RATE_LIMITED: 429,
      INTERNAL_ERROR: 500,
      TIMEOUT: 504,
    });
  });
});
