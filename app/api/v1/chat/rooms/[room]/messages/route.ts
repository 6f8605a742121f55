// GET /api/v1/chat/rooms/:room/messages – a page of history, oldest first; POST – send a message
import { listRoomMessages, sendRoomMessage } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const GET = route(listRoomMessages, ({ ctx, params, query }) => chat.listRoomMessages(ctx, params.room, query));
export const POST = route(sendRoomMessage, async ({ ctx, params, body }) => (await chat.sendRoomMessage(ctx, params.room, body)).message);
