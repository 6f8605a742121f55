// GET /api/v1/files – your files; POST – upload a loose file
import { list, uploadLoose } from '@/lib/files/endpoints';
import { listFiles, uploadFile } from '@/lib/files/service';
import { route } from '@/lib/http/route';

export const GET = route(list, ({ ctx, query }) => listFiles(ctx, query));
export const POST = route(uploadLoose, ({ ctx, req }) => uploadFile(ctx, req));
