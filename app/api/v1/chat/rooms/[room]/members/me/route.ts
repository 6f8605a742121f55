// DELETE /api/v1/chat/rooms/:room/members/me – leave a room
import { leaveRoom } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const DELETE = route(leaveRoom, ({ ctx, params }) => chat.leaveRoom(ctx, params.room));
