// GET /api/v1/resources/internal – internal documentation; POST – publish a document (admin)
import { route } from '@/lib/http/route';
import { createInternal, listInternal } from '@/lib/resources/endpoints';
import { createInternalDocument, listInternalDocuments } from '@/lib/resources/service';

export const GET = route(listInternal, ({ ctx }) => listInternalDocuments(ctx));
export const POST = route(createInternal, ({ ctx, req }) => createInternalDocument(ctx, req));
