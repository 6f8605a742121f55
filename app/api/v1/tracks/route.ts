// GET /api/v1/tracks – public tracks plus your own, filtered and sorted; POST – upload an audio track
import { route } from '@/lib/http/route';
import { create, list } from '@/lib/tracks/endpoints';
import { listTracks, uploadTrack } from '@/lib/tracks/service';

export const GET = route(list, ({ ctx, query }) => listTracks(ctx, query));
export const POST = route(create, ({ ctx, req }) => uploadTrack(ctx, req));
