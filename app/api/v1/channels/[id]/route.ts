// GET /api/v1/channels/:id – one voice channel; PUT – change it; DELETE – delete it (owner or admin)
import { route } from '@/lib/http/route';
import { get, remove, update } from '@/lib/voice/endpoints';
import { deleteChannel, getChannel, updateChannel } from '@/lib/voice/service';

export const GET = route(get, ({ ctx, params }) => getChannel(ctx, params.id));
export const PUT = route(update, ({ ctx, params, body }) => updateChannel(ctx, params.id, body));
export const DELETE = route(remove, ({ ctx, params }) => deleteChannel(ctx, params.id));
