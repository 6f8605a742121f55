// GET /api/v1/products – browse the catalogue; POST – add a product (admin)
import { create, list } from '@/lib/catalogue/endpoints';
import { createProduct, listProducts } from '@/lib/catalogue/service';
import { route } from '@/lib/http/route';

export const GET = route(list, ({ ctx, query }) => listProducts(ctx, query));
export const POST = route(create, ({ ctx, body }) => createProduct(ctx, body));
