// POST /api/v1/tracks/:id/play – count a play (at most one per listener per track per 30 s)
import { route } from '@/lib/http/route';
import { play } from '@/lib/tracks/endpoints';
import { recordPlay } from '@/lib/tracks/service';

export const POST = route(play, ({ ctx, params }) => recordPlay(ctx, params.id));
