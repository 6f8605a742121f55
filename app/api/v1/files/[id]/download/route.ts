// GET /api/v1/files/:id/download – the bytes, with Range and conditional requests
// (defined with the other stored-bytes handlers, which server.ts also serves before Next)
import { fileDownload } from '@/lib/http/stored-routes';

export const GET = fileDownload;
