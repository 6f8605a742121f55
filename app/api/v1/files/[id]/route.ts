// GET /api/v1/files/:id – a file's metadata; DELETE – remove it and its bytes
import { get, remove } from '@/lib/files/endpoints';
import { deleteFile, getFile } from '@/lib/files/service';
import { route } from '@/lib/http/route';

export const GET = route(get, ({ ctx, params }) => getFile(ctx, params.id));
export const DELETE = route(remove, ({ ctx, params }) => deleteFile(ctx, params.id));
