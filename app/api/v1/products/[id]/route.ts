// GET /api/v1/products/:id – one product; PUT – edit it (admin); DELETE – remove it when nobody owns it (admin)
import { get, remove, update } from '@/lib/catalogue/endpoints';
import { deleteProduct, getProduct, updateProduct } from '@/lib/catalogue/service';
import { route } from '@/lib/http/route';

export const GET = route(get, ({ ctx, params }) => getProduct(ctx, params.id));
export const PUT = route(update, ({ ctx, params, body }) => updateProduct(ctx, params.id, body));
export const DELETE = route(remove, ({ ctx, params }) => deleteProduct(ctx, params.id));
