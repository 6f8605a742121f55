import { env } from '../env';

export function corsOriginAllowed(origin: string): boolean {
  const allowed = env().CORS_ALLOWED_ORIGINS;
  return allowed.includes('*') || allowed.includes(origin.replace(/\/$/, ''));
}

const exposed = ['Content-Range', 'Content-Length', 'ETag', 'Retry-After', 'X-Request-Id', 'Content-Disposition'];

/** CORS headers for an API response, or null when the origin is not allowed (the browser then refuses). */
export function corsHeaders(origin: string | null, preflight: boolean, requestHeaders?: string | null) {
  if (!origin || !corsOriginAllowed(origin)) return null;
  const wildcard = env().CORS_ALLOWED_ORIGINS.includes('*');
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': wildcard ? '*' : origin,
    'Access-Control-Expose-Headers': exposed.join(', '),
    Vary: 'Origin',
  };
  // Credentials (the session cookie) only travel to origins named explicitly.
  if (!wildcard) headers['Access-Control-Allow-Credentials'] = 'true';
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
    headers['Access-Control-Allow-Headers'] =
      requestHeaders?.slice(0, 500) || 'Authorization, Content-Type, Range, If-None-Match, If-Range';
    headers['Access-Control-Max-Age'] = '600';
  }
  return headers;
}
