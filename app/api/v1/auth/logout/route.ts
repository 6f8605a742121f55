// POST /api/v1/auth/logout – end the given session, or the current one
import { logout as logoutEndpoint } from '@/lib/auth/endpoints';
import { logout } from '@/lib/auth/service';
import { route } from '@/lib/http/route';

export const POST = route(logoutEndpoint, ({ ctx, body }) => logout(ctx, body));
