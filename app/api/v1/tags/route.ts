// GET /api/v1/tags – every tag with its usage count, most used first
import { route } from '@/lib/http/route';
import { list } from '@/lib/tags/endpoints';
import { listTags } from '@/lib/tags/service';

export const GET = route(list, ({ ctx, query }) => listTags(ctx, query));
