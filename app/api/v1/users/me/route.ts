// GET /api/v1/users/me – the caller's profile; PUT – edit it
import { route } from '@/lib/http/route';
import { getMe as getMeEndpoint, updateMe as updateMeEndpoint } from '@/lib/users/endpoints';
import { getMe, updateMe } from '@/lib/users/service';

export const GET = route(getMeEndpoint, ({ ctx }) => getMe(ctx));
export const PUT = route(updateMeEndpoint, ({ ctx, body }) => updateMe(ctx, body));
