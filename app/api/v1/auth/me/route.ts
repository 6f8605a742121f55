// GET /api/v1/auth/me – the caller's full profile
import { me } from '@/lib/auth/endpoints';
import { route } from '@/lib/http/route';
import { getMe } from '@/lib/users/service';

export const GET = route(me, ({ ctx }) => getMe(ctx));
