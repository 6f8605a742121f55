// GET /api/v1/tracks/:id/audio – the audio bytes with Range; by Bearer, cookie or a signed URL
import { route } from '@/lib/http/route';
import { audio } from '@/lib/tracks/endpoints';
import { serveAudio } from '@/lib/tracks/service';

export const GET = route(audio, ({ ctx, req, params, query }) => serveAudio(ctx, req, params.id, query));
