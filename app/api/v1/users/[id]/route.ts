// GET /api/v1/users/:id – a public profile
import { route } from '@/lib/http/route';
import { getUser } from '@/lib/users/endpoints';
import { getPublicUser } from '@/lib/users/service';

export const GET = route(getUser, ({ ctx, params }) => getPublicUser(ctx, params.id));
