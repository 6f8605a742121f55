// GET /api/v1/chat/dm/:user_id – a page of your DMs with a user, oldest first; POST – send one
import { listDirectMessages, sendDirectMessage } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const GET = route(listDirectMessages, ({ ctx, params, query }) => chat.listDirectMessages(ctx, params.user_id, query));
export const POST = route(sendDirectMessage, async ({ ctx, params, body }) => (await chat.sendDirectMessage(ctx, params.user_id, body)).message);
