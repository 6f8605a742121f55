// GET /api/v1/resources/internal/:id/download – an internal document's bytes, with Range and conditional requests
// (defined with the other stored-bytes handlers, which server.ts also serves before Next)
import { internalDocumentDownload } from '@/lib/http/stored-routes';

export const GET = internalDocumentDownload;
