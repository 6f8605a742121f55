// GET /api/v1/resources – shared resources (public plus your own private), filtered; POST – share a file
import { route } from '@/lib/http/route';
import { create, list } from '@/lib/resources/endpoints';
import { createResource, listResources } from '@/lib/resources/service';

export const GET = route(list, ({ ctx, query }) => listResources(ctx, query));
export const POST = route(create, ({ ctx, req }) => createResource(ctx, req));
