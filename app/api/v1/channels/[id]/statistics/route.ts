// GET /api/v1/channels/:id/statistics – occupancy, joins, session uptime and audio statistics
import { route } from '@/lib/http/route';
import { statistics } from '@/lib/voice/endpoints';
import { getStatistics } from '@/lib/voice/service';

export const GET = route(statistics, ({ ctx, params }) => getStatistics(ctx, params.id));
