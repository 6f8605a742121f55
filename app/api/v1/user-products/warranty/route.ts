// GET /api/v1/user-products/warranty – the caller's warranties, soonest expiry first, with days left
import { warranty } from '@/lib/collection/endpoints';
import { listWarranties } from '@/lib/collection/service';
import { route } from '@/lib/http/route';

export const GET = route(warranty, ({ ctx, query }) => listWarranties(ctx, query));
