// DELETE /api/v1/channels/:id/members/:user_id – remove a member (owner or admin), or leave yourself
import { route } from '@/lib/http/route';
import { removeMember } from '@/lib/voice/endpoints';
import { removeChannelMember } from '@/lib/voice/service';

export const DELETE = route(removeMember, ({ ctx, params }) => removeChannelMember(ctx, params.id, params.user_id));
