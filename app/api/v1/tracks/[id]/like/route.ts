// POST /api/v1/tracks/:id/like – like a track; DELETE – remove the like (both idempotent)
import { route } from '@/lib/http/route';
import { like, unlike } from '@/lib/tracks/endpoints';
import { setLike } from '@/lib/tracks/service';

export const POST = route(like, ({ ctx, params }) => setLike(ctx, params.id, true));
export const DELETE = route(unlike, ({ ctx, params }) => setLike(ctx, params.id, false));
