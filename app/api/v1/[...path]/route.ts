// * /api/v1/<unknown> – the JSON 404 for requests that bypass the proxy (multipart uploads)
import { errorBody } from '@/lib/errors';
import { apiResponseHeaders, requestIdOf } from '@/lib/http/api-headers';

function notFound(req: Request): Response {
  const { pathname } = new URL(req.url);
  return new Response(JSON.stringify(errorBody('NOT_FOUND', `No endpoint at ${pathname}`)), {
    status: 404,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...apiResponseHeaders(req, requestIdOf(req.headers)),
    },
  });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
