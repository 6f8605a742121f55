// GET /api/v1/categories – every category with its product count; POST – add one (admin)
import { createCategory as createCategoryEndpoint, listCategories as listCategoriesEndpoint } from '@/lib/catalogue/endpoints';
import { createCategory, listCategories } from '@/lib/catalogue/service';
import { route } from '@/lib/http/route';

export const GET = route(listCategoriesEndpoint, ({ ctx }) => listCategories(ctx));
export const POST = route(createCategoryEndpoint, ({ ctx, body }) => createCategory(ctx, body));
