// POST /api/v1/chat/rooms/:room/members – a member adds someone, or you join a public room
import { addMember } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const POST = route(addMember, ({ ctx, params, body }) => chat.addRoomMember(ctx, params.room, body.user_id));
