// GET /api/v1/admin/products – the whole catalogue, archived included; POST – add a product
import { adminCreate, adminList } from '@/lib/catalogue/endpoints';
import { createProduct, listProducts } from '@/lib/catalogue/service';
import { route } from '@/lib/http/route';

export const GET = route(adminList, ({ ctx, query }) => listProducts(ctx, query, { includeArchived: true }));
export const POST = route(adminCreate, ({ ctx, body }) => createProduct(ctx, body));
