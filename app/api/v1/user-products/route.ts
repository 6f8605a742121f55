// GET /api/v1/user-products – the caller's gear items; POST – add a catalogue product to them
import { create, list } from '@/lib/collection/endpoints';
import { createGearItem, listGearItems } from '@/lib/collection/service';
import { route } from '@/lib/http/route';

export const GET = route(list, ({ ctx, query }) => listGearItems(ctx, query));
export const POST = route(create, ({ ctx, body }) => createGearItem(ctx, body));
