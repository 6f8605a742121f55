// GET /api/v1/resources/internal/:id – an internal document's metadata; DELETE – remove it and its bytes (admin)
import { route } from '@/lib/http/route';
import { getInternal, removeInternal } from '@/lib/resources/endpoints';
import { deleteInternalDocument, getInternalDocument } from '@/lib/resources/service';

export const GET = route(getInternal, ({ ctx, params }) => getInternalDocument(ctx, params.id));
export const DELETE = route(removeInternal, ({ ctx, params }) => deleteInternalDocument(ctx, params.id));
