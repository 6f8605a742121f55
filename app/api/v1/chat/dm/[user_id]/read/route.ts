// POST /api/v1/chat/dm/:user_id/read – mark that user's messages to you read
import { markConversationRead } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const POST = route(markConversationRead, ({ ctx, params, body }) => chat.markConversationRead(ctx, params.user_id, body.up_to));
