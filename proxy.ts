import { NextResponse, type NextRequest } from 'next/server';
import { errorBody } from '@/lib/errors';
import { methodsFor } from '@/lib/http/api-manifest';
import { requestIdOf } from '@/lib/http/api-headers';
import { corsHeaders } from '@/lib/http/cors';
import { API_PREFIX } from '@/lib/http/endpoint';
import { apiContentSecurityPolicy, baseSecurityHeaders, pageContentSecurityPolicy } from '@/lib/http/security-headers';

function withHeaders(response: Response, headers: Record<string, string> | null | undefined): Response {
  for (const [k, v] of Object.entries(headers ?? {})) response.headers.set(k, v);
  return response;
}

function apiError(status: number, code: 'NOT_FOUND' | 'METHOD_NOT_ALLOWED', message: string, extra?: Record<string, string>) {
  return new NextResponse(JSON.stringify(errorBody(code, message)), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  });
}

/**
 * Runs before every page and API request: request ids, security headers, the page CSP nonce, CORS,
 * and the JSON 404/405 envelopes for /api/v1 paths and methods that no endpoint answers.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const requestId = requestIdOf(request.headers);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-request-id', requestId);
  const common = { ...baseSecurityHeaders, 'X-Request-Id': requestId };

  if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) {
    const origin = request.headers.get('origin');
    const apiHeaders = { ...common, 'Content-Security-Policy': apiContentSecurityPolicy };
    if (request.method === 'OPTIONS') {
      const cors = corsHeaders(origin, true, request.headers.get('access-control-request-headers'));
      return withHeaders(new NextResponse(null, { status: 204 }), { ...apiHeaders, ...cors });
    }
    const cors = corsHeaders(origin, false);
    const methods = methodsFor(pathname);
    if (!methods) {
      return withHeaders(apiError(404, 'NOT_FOUND', `No endpoint at ${pathname}`), { ...apiHeaders, ...cors });
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (!methods.has(method as never)) {
      const allow = [...methods, ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      return withHeaders(
        apiError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${pathname}`, { Allow: allow }),
        { ...apiHeaders, ...cors },
      );
    }
    return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), { ...apiHeaders, ...cors });
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = pageContentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === 'development',
    realtimeUrl: process.env.NEXT_PUBLIC_REALTIME_URL || undefined,
  });
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
    ...common,
    'Content-Security-Policy': csp,
  });
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)',
      // Next.js buffers the whole body of every request the proxy sees (and cuts it at 10 MB), so
      // uploads bypass it: the route wrapper sets their headers, and they stream to disk.
      missing: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }],
    },
  ],
};
