// POST /api/v1/tags/merge – moderators fold one tag into another
import { route } from '@/lib/http/route';
import { merge } from '@/lib/tags/endpoints';
import { mergeTags } from '@/lib/tags/service';

export const POST = route(merge, ({ ctx, body }) => mergeTags(ctx, body));
