// GET /api/v1/tracks/:id/stream – a signed, expiring audio URL and the realtime endpoint
import { route } from '@/lib/http/route';
import { stream } from '@/lib/tracks/endpoints';
import { streamTrack } from '@/lib/tracks/service';

export const GET = route(stream, ({ ctx, req, params }) => streamTrack(ctx, req, params.id));
