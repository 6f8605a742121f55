// GET /api/v1/search – global search across users, products, your files, tracks, resources and listings
import { route } from '@/lib/http/route';
import { search } from '@/lib/search/endpoints';
import { searchAll } from '@/lib/search/service';

export const GET = route(search, ({ ctx, query }) => searchAll(ctx, query));
