// GET /api/v1/chat/rooms/:room – one room by name (a private room only for its members)
import { getRoom } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const GET = route(getRoom, ({ ctx, params }) => chat.getRoom(ctx, params.room));
