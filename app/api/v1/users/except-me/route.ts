// GET /api/v1/users/except-me – browse people other than the caller
import { route } from '@/lib/http/route';
import { listExceptMe } from '@/lib/users/endpoints';
import { listUsers } from '@/lib/users/service';

export const GET = route(listExceptMe, ({ ctx, query }) => listUsers(ctx, query, { exceptMe: true }));
