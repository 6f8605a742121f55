// GET /api/v1/resources/:id/download – the bytes, with Range and conditional requests; counts full downloads
// (defined with the other stored-bytes handlers, which server.ts also serves before Next)
import { resourceDownload } from '@/lib/http/stored-routes';

export const GET = resourceDownload;
