import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { durationMs, env } from '../env';
import { AppError } from '../errors';
import { roles, type Role } from '@/db/schema/users';

function deriveKey(purpose: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(hkdfSync('sha256', env().AUTH_SECRET, 'talas', purpose, 32));
}

interface Keyring {
  secret: string;
  /** Imported once: given raw bytes, jose imports the key again on every sign and verify. */
  access: Promise<CryptoKey>;
  refresh: Uint8Array;
}

const keys = globalThis as unknown as { __talasKeys?: Keyring };

/** Keys derived from AUTH_SECRET, one per purpose, so no single key serves two jobs. */
function keyring(): Keyring {
  const secret = env().AUTH_SECRET;
  if (keys.__talasKeys?.secret !== secret) {
    const access = crypto.subtle.importKey('raw', deriveKey('access-token'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.__talasKeys = { secret, access, refresh: deriveKey('refresh-token') };
  }
  return keys.__talasKeys;
}

export interface AccessClaims {
  sub: string;
  user_id: number;
  username: string;
  role: Role;
  /** The session (refresh token row) this token was issued with. */
  sid: number;
  iat: number;
  exp: number;
}

const claimsSchema = z.object({
  sub: z.string(),
  user_id: z.number().int().positive(),
  username: z.string(),
  role: z.enum(roles),
  sid: z.number().int().positive(),
  iat: z.number(),
  exp: z.number(),
});

export function accessTokenLifetimeSeconds(): number {
  return Math.floor(durationMs(env().JWT_EXPIRY) / 1000);
}

/**
 * Signs an access token. HS256 is deterministic: the same claims and issue time give the same token,
 * which is how a refresh inside the grace window answers the very same pair again.
 */
export async function signAccessToken(input: {
  userId: number;
  username: string;
  role: Role;
  sessionId: number;
  issuedAt: number;
}): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = input.issuedAt + accessTokenLifetimeSeconds();
  const token = await new SignJWT({
    user_id: input.userId,
    username: input.username,
    role: input.role,
    sid: input.sessionId,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(input.userId))
    .setIssuedAt(input.issuedAt)
    .setExpirationTime(expiresAt)
    .sign(await keyring().access);
  return { token, expiresAt };
}

export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, await keyring().access, { algorithms: ['HS256'] });
    const claims = claimsSchema.parse(payload);
    if (claims.sub !== String(claims.user_id)) throw new Error('sub and user_id disagree');
    return claims;
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'Access token expired');
    throw new AppError('UNAUTHORIZED', 'Invalid access token');
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The token that replaces `token` on rotation. Derived, not random, so a second presentation of
 * `token` inside the grace window can hand back the same successor although only hashes are stored.
 */
export function successorRefreshToken(token: string): string {
  return createHmac('sha256', keyring().refresh).update(token).digest('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
