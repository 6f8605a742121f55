/** Headers every response carries, pages and API alike. */
export const baseSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), geolocation=(), microphone=(self), autoplay=(self)',
};

/** API answers are data, never documents to render (downloads included: sandboxed if opened). */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * The page policy: scripts only from this origin or carrying this response's nonce (Next.js adds it
 * to its own scripts). Inline style attributes are allowed: React renders them, and they cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; realtimeUrl?: string }): string {
  const connect = ["'self'", 'ws:', 'wss:'];
  if (options.realtimeUrl) connect.push(new URL(options.realtimeUrl).origin);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data: https:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
