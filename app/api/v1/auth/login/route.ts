// POST /api/v1/auth/login – exchange credentials for an access and a refresh token
import { login as loginEndpoint } from '@/lib/auth/endpoints';
import { login } from '@/lib/auth/service';
import { route } from '@/lib/http/route';

export const POST = route(loginEndpoint, ({ ctx, body, client }) => login(ctx, body, client));
