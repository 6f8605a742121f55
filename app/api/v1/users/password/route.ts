// PUT /api/v1/users/password – change the password; other sessions are signed out
import { route } from '@/lib/http/route';
import { changePassword as changePasswordEndpoint } from '@/lib/users/endpoints';
import { changePassword } from '@/lib/users/service';

export const PUT = route(changePasswordEndpoint, ({ ctx, body }) => changePassword(ctx, body));
