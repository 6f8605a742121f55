// GET /api/v1/admin/users/:id – one account; PUT – change role or status; DELETE – remove it
import { route } from '@/lib/http/route';
import { adminDelete, adminGet, adminUpdate } from '@/lib/users/endpoints';
import { adminDeleteUser, adminGetUser, adminUpdateUser } from '@/lib/users/service';

export const GET = route(adminGet, ({ ctx, params }) => adminGetUser(ctx, params.id));
export const PUT = route(adminUpdate, ({ ctx, params, body }) => adminUpdateUser(ctx, params.id, body));
export const DELETE = route(adminDelete, ({ ctx, params }) => adminDeleteUser(ctx, params.id));
