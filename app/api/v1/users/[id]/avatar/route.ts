// GET /api/v1/users/:id/avatar – a user's avatar image
// (defined with the other stored-bytes handlers, which server.ts also serves before Next)
import { userAvatar } from '@/lib/http/stored-routes';

export const GET = userAvatar;
