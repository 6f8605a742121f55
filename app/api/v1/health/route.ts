// GET /api/v1/health – readiness of the database and realtime; 503 when the database is down
import { errorBody } from '@/lib/errors';
import { readiness } from '@/lib/health/endpoints';
import { getHealth } from '@/lib/health/service';
import { jsonResponse, route } from '@/lib/http/route';

export const GET = route(readiness, async () => {
  const health = await getHealth();
  if (health.database === 'ok') return health;
  return jsonResponse({ ...errorBody('SERVICE_UNAVAILABLE', 'The database is unavailable'), data: health }, 503);
});
