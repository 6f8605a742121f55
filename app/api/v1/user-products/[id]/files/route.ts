// POST /api/v1/user-products/:id/files – attach a document to one of your gear items; GET – list them
import { listOfItem, uploadToItem } from '@/lib/files/endpoints';
import { listItemFiles, uploadFile } from '@/lib/files/service';
import { route } from '@/lib/http/route';

export const POST = route(uploadToItem, ({ ctx, req, params }) => uploadFile(ctx, req, params.id));
export const GET = route(listOfItem, ({ ctx, params }) => listItemFiles(ctx, params.id));
