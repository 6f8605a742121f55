import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { AppError } from '../errors';

/** How long a signed audio URL stays valid, in seconds. */
export const STREAM_URL_TTL_SECONDS = 3600;

const cache = globalThis as unknown as { __talasStreamKey?: { secret: string; key: Buffer } };

/** A key of its own, derived from AUTH_SECRET for this purpose only (like lib/auth/tokens.ts). */
function streamKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (cache.__talasStreamKey?.secret !== secret) {
    cache.__talasStreamKey = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'talas', 'stream-url', 32)) };
  }
  return cache.__talasStreamKey.key;
}

/** HMAC-SHA256 over `${trackId}.${expires}.${userId}`, base64url. */
export function signStream(trackId: number, userId: number, expires: number): string {
  return createHmac('sha256', streamKey()).update(`${trackId}.${expires}.${userId}`).digest('base64url');
}

/** The signed audio path of a track for a user: `/api/v1/tracks/:id/audio?u=…&expires=…&token=…`. */
export function signedAudioUrl(trackId: number, userId: number, expires: number): string {
  const token = signStream(trackId, userId, expires);
  return `/api/v1/tracks/${trackId}/audio?u=${userId}&expires=${expires}&token=${token}`;
}

/** A fresh signed URL valid for STREAM_URL_TTL_SECONDS from `now`. */
export function streamUrlFor(trackId: number, userId: number, now = Date.now()): { url: string; expires_in: number } {
  const expires = Math.floor(now / 1000) + STREAM_URL_TTL_SECONDS;
  return { url: signedAudioUrl(trackId, userId, expires), expires_in: STREAM_URL_TTL_SECONDS };
}

export interface StreamParams {
  token?: string;
  expires?: string;
  u?: string;
}

const refused = () => new AppError('UNAUTHORIZED', 'This audio link is not valid');

/**
 * Checks a signed URL's parameters for a track; answers the signer's user id. Any altered part (track
 * id, user, expiry, token) is 401 UNAUTHORIZED; a genuine but expired link is 401 TOKEN_EXPIRED.
 */
export function verifyStream(trackId: number, params: StreamParams, now = Date.now()): number {
  const { token, expires, u } = params;
  if (!token || !expires || !u || !/^\d{1,12}$/.test(expires) || !/^\d{1,10}$/.test(u)) throw refused();
  const userId = Number(u);
  const expected = Buffer.from(signStream(trackId, userId, Number(expires)));
  const given = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  if (Number(expires) * 1000 <= now) throw new AppError('TOKEN_EXPIRED', 'This audio link has expired');
  return userId;
}
