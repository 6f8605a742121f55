// GET /api/v1/chat/rooms – public rooms and your private ones; POST – create a room (you become a member)
import { createRoom, listRooms } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const GET = route(listRooms, ({ ctx, query }) => chat.listRooms(ctx, query));
export const POST = route(createRoom, ({ ctx, body }) => chat.createRoom(ctx, body));
