// GET /api/v1/users – browse people
import { route } from '@/lib/http/route';
import { list } from '@/lib/users/endpoints';
import { listUsers } from '@/lib/users/service';

export const GET = route(list, ({ ctx, query }) => listUsers(ctx, query));
