// GET /api/v1/resources/internal/:id/download – an internal document's bytes, with Range and conditional requests
import { route } from '@/lib/http/route';
import { downloadInternal } from '@/lib/resources/endpoints';
import { downloadInternalDocument } from '@/lib/resources/service';

export const GET = route(downloadInternal, ({ ctx, req, params }) => downloadInternalDocument(ctx, req, params.id));
