// GET /api/v1/tracks/:id – one track; PUT – edit it (owner); DELETE – delete it and its bytes (owner or moderator)
import { route } from '@/lib/http/route';
import { get, remove, update } from '@/lib/tracks/endpoints';
import { deleteTrack, getTrack, updateTrack } from '@/lib/tracks/service';

export const GET = route(get, ({ ctx, params }) => getTrack(ctx, params.id));
export const PUT = route(update, ({ ctx, params, body }) => updateTrack(ctx, params.id, body));
export const DELETE = route(remove, ({ ctx, params }) => deleteTrack(ctx, params.id));
