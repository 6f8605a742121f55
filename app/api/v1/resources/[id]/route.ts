// GET /api/v1/resources/:id – one resource; PUT – edit it; DELETE – remove it and its bytes (owner or moderator)
import { route } from '@/lib/http/route';
import { get, remove, update } from '@/lib/resources/endpoints';
import { deleteResource, getResource, updateResource } from '@/lib/resources/service';

export const GET = route(get, ({ ctx, params }) => getResource(ctx, params.id));
export const PUT = route(update, ({ ctx, params, body }) => updateResource(ctx, params.id, body));
export const DELETE = route(remove, ({ ctx, params }) => deleteResource(ctx, params.id));
