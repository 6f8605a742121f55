// GET /api/v1/channels/:id/members – who may join a private channel; POST – add a member
import { route } from '@/lib/http/route';
import { addMember, listMembers } from '@/lib/voice/endpoints';
import { addChannelMember, listChannelMembers } from '@/lib/voice/service';

export const GET = route(listMembers, ({ ctx, params }) => listChannelMembers(ctx, params.id));
export const POST = route(addMember, ({ ctx, params, body }) => addChannelMember(ctx, params.id, body.user_id));
