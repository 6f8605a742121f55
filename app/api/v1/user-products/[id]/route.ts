// GET /api/v1/user-products/:id – one of the caller's gear items; PUT – edit it; DELETE – remove it (?force=true with its files)
import { get, remove, update } from '@/lib/collection/endpoints';
import { deleteGearItem, getGearItem, updateGearItem } from '@/lib/collection/service';
import { route } from '@/lib/http/route';

export const GET = route(get, ({ ctx, params }) => getGearItem(ctx, params.id));
export const PUT = route(update, ({ ctx, params, body }) => updateGearItem(ctx, params.id, body));
export const DELETE = route(remove, ({ ctx, params, query }) => deleteGearItem(ctx, params.id, query));
