// POST /api/v1/users/me/avatar – replace the caller's avatar (png/jpeg/webp ≤ 5 MB)
import { route } from '@/lib/http/route';
import { uploadAvatar as uploadAvatarEndpoint } from '@/lib/users/endpoints';
import { uploadAvatar } from '@/lib/users/avatar';

export const POST = route(uploadAvatarEndpoint, ({ ctx, req }) => uploadAvatar(ctx, req));
