// POST /api/v1/auth/register – create an account
import { register } from '@/lib/auth/endpoints';
import { registerUser } from '@/lib/auth/service';
import { route } from '@/lib/http/route';

export const POST = route(register, ({ ctx, body }) => registerUser(ctx, body));
