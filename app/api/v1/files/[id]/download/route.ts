// GET /api/v1/files/:id/download – the bytes, with Range and conditional requests
import { download } from '@/lib/files/endpoints';
import { downloadFile } from '@/lib/files/service';
import { route } from '@/lib/http/route';

export const GET = route(download, ({ ctx, req, params }) => downloadFile(ctx, req, params.id));
