// GET /api/v1/resources/:id/download – the bytes, with Range and conditional requests; counts full downloads
import { route } from '@/lib/http/route';
import { download } from '@/lib/resources/endpoints';
import { downloadResource } from '@/lib/resources/service';

export const GET = route(download, ({ ctx, req, params }) => downloadResource(ctx, req, params.id));
