// POST /api/v1/chat/rooms/:room/read – move your read mark in a room
import { markRoomRead } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const POST = route(markRoomRead, ({ ctx, params, body }) => chat.markRoomRead(ctx, params.room, body.up_to));
