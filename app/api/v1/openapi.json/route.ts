// GET /api/v1/openapi.json – the OpenAPI 3.1 document of this API
import { openapi } from '@/lib/health/endpoints';
import { jsonResponse, route } from '@/lib/http/route';
import { openApiDocument } from '@/lib/openapi/document';

export const GET = route(openapi, () =>
  jsonResponse(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' }),
);
