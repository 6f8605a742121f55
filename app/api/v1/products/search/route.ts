// GET /api/v1/products/search – public quick search, ranked
import { search } from '@/lib/catalogue/endpoints';
import { searchProducts } from '@/lib/catalogue/service';
import { route } from '@/lib/http/route';

export const GET = route(search, ({ ctx, query }) => searchProducts(ctx, query));
