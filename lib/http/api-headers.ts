import { corsHeaders } from './cors';
import { apiContentSecurityPolicy, baseSecurityHeaders } from './security-headers';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** The caller's request id when it is well-formed, else a new one. */
export function requestIdOf(headers: Headers): string {
  const incoming = headers.get('x-request-id');
  return incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/**
 * Headers every API answer carries: security headers, CORS for allowed origins, the request id.
 * The proxy adds them too, but uploads bypass the proxy (it would buffer their bodies), so the route
 * wrapper sets them itself.
 */
export function apiResponseHeaders(req: Request, requestId: string): Record<string, string> {
  return {
    ...baseSecurityHeaders,
    'Content-Security-Policy': apiContentSecurityPolicy,
    'X-Request-Id': requestId,
    ...corsHeaders(req.headers.get('origin'), false),
  };
}
