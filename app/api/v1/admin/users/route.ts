// GET /api/v1/admin/users – every account, filtered by role, status and search
import { route } from '@/lib/http/route';
import { adminList } from '@/lib/users/endpoints';
import { adminListUsers } from '@/lib/users/service';

export const GET = route(adminList, ({ ctx, query }) => adminListUsers(ctx, query));
