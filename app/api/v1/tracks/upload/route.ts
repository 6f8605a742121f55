// POST /api/v1/tracks/upload – upload an audio track (alias of POST /api/v1/tracks)
import { route } from '@/lib/http/route';
import { createAlias } from '@/lib/tracks/endpoints';
import { uploadTrack } from '@/lib/tracks/service';

export const POST = route(createAlias, ({ ctx, req }) => uploadTrack(ctx, req));
