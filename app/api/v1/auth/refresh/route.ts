// POST /api/v1/auth/refresh – rotate a refresh token (10 s grace for concurrent tabs, reuse revokes)
import { refresh } from '@/lib/auth/endpoints';
import { refreshTokens } from '@/lib/auth/service';
import { route } from '@/lib/http/route';

export const POST = route(refresh, ({ ctx, body, client }) => refreshTokens(ctx, body, client));
