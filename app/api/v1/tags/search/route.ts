// GET /api/v1/tags/search – tags whose name starts with q
import { route } from '@/lib/http/route';
import { search } from '@/lib/tags/endpoints';
import { searchTags } from '@/lib/tags/service';

export const GET = route(search, ({ ctx, query }) => searchTags(ctx, query));
