// GET /api/v1/channels – voice channels you may see, filtered; POST – create one (you own it)
import { route } from '@/lib/http/route';
import { create, list } from '@/lib/voice/endpoints';
import { createChannel, listChannels } from '@/lib/voice/service';

export const GET = route(list, ({ ctx, query }) => listChannels(ctx, query));
export const POST = route(create, ({ ctx, body }) => createChannel(ctx, body));
