// PATCH /api/v1/chat/messages/:id – edit your message; DELETE – delete it (author, or moderator in rooms)
import { deleteMessage, editMessage } from '@/lib/chat/endpoints';
import * as chat from '@/lib/chat/service';
import { route } from '@/lib/http/route';

export const PATCH = route(editMessage, ({ ctx, params, body }) => chat.editMessage(ctx, params.id, body.content));
export const DELETE = route(deleteMessage, ({ ctx, params }) => chat.deleteMessage(ctx, params.id));
