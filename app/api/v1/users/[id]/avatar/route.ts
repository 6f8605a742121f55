// GET /api/v1/users/:id/avatar – a user's avatar image
import { route } from '@/lib/http/route';
import { avatar } from '@/lib/users/endpoints';
import { serveAvatar } from '@/lib/users/avatar';

export const GET = route(avatar, ({ ctx, req, params }) => serveAvatar(ctx, req, params.id));
