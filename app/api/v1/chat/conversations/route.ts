// GET /api/v1/chat/conversations – your DM conversations, latest activity first
import { listConversations } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const GET = route(listConversations, ({ ctx, query }) => chat.listConversations(ctx, query));
