import { createHash, createHmac, createSecretKey, hkdfSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { sharedCache } from '../cache/ttl-cache';
import { durationMs, env } from '../env';
import { AppError } from '../errors';
import { roles, type Role } from '@/db/schema/users';

function deriveKey(purpose: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(hkdfSync('sha256', env().AUTH_SECRET, 'talas', purpose, 32));
}

interface Keyring {
  secret: string;
  /** Imported once: given raw bytes, jose imports the key again on every sign. */
  access: Promise<CryptoKey>;
  /** The same key for node:crypto's synchronous HMAC, which checks tokens (see verifyAccessToken). */
  accessKey: KeyObject;
  refresh: Uint8Array;
}

const keys = globalThis as unknown as { __talasKeys?: Keyring };

/** Keys derived from AUTH_SECRET, one per purpose, so no single key serves two jobs. */
function keyring(): Keyring {
  const secret = env().AUTH_SECRET;
  if (keys.__talasKeys?.secret !== secret) {
    const raw = deriveKey('access-token');
    const access = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.__talasKeys = { secret, access, accessKey: createSecretKey(raw), refresh: deriveKey('refresh-token') };
    verifiedTokens().clear(); // checked with the previous key
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

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const invalid = () => new AppError('UNAUTHORIZED', 'Invalid access token');

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/**
 * Checks an access token (HS256 only, signature first, then the claims). Done with node:crypto's
 * synchronous HMAC rather than jose's WebCrypto verify: that costs a key-import-free but still async
 * job of ~0.1 ms on every authenticated request, several times this. jose still signs (rarely).
 */
export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  keyring(); // a changed AUTH_SECRET forgets the tokens checked with the old one
  let claims = verifiedTokens().get(token);
  if (!claims) {
    claims = checkAccessToken(token);
    verifiedTokens().set(token, claims);
  }
  if (claims.exp <= Math.floor(Date.now() / 1000)) throw new AppError('TOKEN_EXPIRED', 'Access token expired');
  return claims;
}

/**
 * Tokens whose signature and claims were checked: a client sends the same token with every request
 * for its lifetime, and a player seeking sends many. Expiry is still checked on every use; whether the
 * session still stands is resolveUser's question, asked every time.
 */
const verifiedTokens = () => sharedCache<string, AccessClaims>('access-tokens', 60_000, 10_000);

/** The signature, header and claims of a token; its expiry is verifyAccessToken's, on every use. */
function checkAccessToken(token: string): AccessClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw invalid();
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', keyring().accessKey).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let claims: AccessClaims;
  try {
    const head = decodeJson(header) as { alg?: unknown; crit?: unknown; b64?: unknown };
    if (head.alg !== 'HS256' || head.crit !== undefined || head.b64 !== undefined) throw invalid();
    const raw = decodeJson(payload) as { nbf?: unknown };
    if (raw.nbf !== undefined && (typeof raw.nbf !== 'number' || raw.nbf > Date.now() / 1000)) throw invalid();
    claims = claimsSchema.parse(raw);
  } catch {
    throw invalid();
  }
  if (claims.sub !== String(claims.user_id)) throw invalid();
  return claims;
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
