import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import {
  categorySchema,
  createCategorySchema,
  createProductSchema,
  listProductsQuery,
  productListSchema,
  productSchema,
  searchProductsQuery,
  updateProductSchema,
} from './schemas';

const listDescription =
  '`search` matches every word in the name, brand or model, ignoring case and accents; `category` is a category id or name (case-insensitive); `brand` is exact, case-insensitive; `price_min`/`price_max` bound the price (products without a price are left out when either is given); `sort` is `name` (default), `price`, `-price` or `-created_at`.';

const writeDescription =
  '`category_id` or `category` (an existing category name, case-insensitive) sets the category, not both; an unknown one is INVALID_INPUT. `price` is EUR with at most 2 decimals. `specifications` is an object of strings, numbers, booleans, null or nested objects, at most 16 KB.';

export const list = defineEndpoint({
  method: 'GET',
  path: '/products',
  tag: 'Catalogue',
  summary: 'Browse the catalogue, with filters and sorting',
  description: `${listDescription} Archived products are left out; admins may ask for them with \`status=archived\`.`,
  auth: 'user',
  query: listProductsQuery,
  response: productSchema,
  paginated: true,
});

export const search = defineEndpoint({
  method: 'GET',
  path: '/products/search',
  tag: 'Catalogue',
  summary: 'Quick product search, ranked',
  description:
    'Exact name matches first, then names starting with `q`, then products containing it, then close matches by trigram similarity. Case and accents are ignored; archived products are left out.',
  auth: 'public',
  query: searchProductsQuery,
  response: productListSchema,
});

export const get = defineEndpoint({
  method: 'GET',
  path: '/products/{id}',
  tag: 'Catalogue',
  summary: 'One product',
  description: 'Archived products stay readable by id, for the people who own one.',
  auth: 'user',
  params: idParams,
  response: productSchema,
  errors: ['PRODUCT_NOT_FOUND'],
});

export const create = defineEndpoint({
  method: 'POST',
  path: '/products',
  tag: 'Catalogue',
  summary: 'Add a product to the catalogue',
  description: writeDescription,
  auth: 'admin',
  body: createProductSchema,
  response: productSchema,
  status: 201,
});

export const update = defineEndpoint({
  method: 'PUT',
  path: '/products/{id}',
  tag: 'Catalogue',
  summary: 'Edit a product; fields left out stay, null clears them',
  description: `${writeDescription} \`status\` archives a product (hidden from lists and search) or marks it discontinued.`,
  auth: 'admin',
  params: idParams,
  body: updateProductSchema,
  response: productSchema,
  errors: ['PRODUCT_NOT_FOUND'],
});

export const remove = defineEndpoint({
  method: 'DELETE',
  path: '/products/{id}',
  tag: 'Catalogue',
  summary: 'Delete a product nobody owns',
  description: 'A product in anyone\'s collection cannot be deleted (HAS_DEPENDENTS): archive it with `status` instead.',
  auth: 'admin',
  params: idParams,
  errors: ['PRODUCT_NOT_FOUND', 'HAS_DEPENDENTS'],
});

export const listCategories = defineEndpoint({
  method: 'GET',
  path: '/categories',
  tag: 'Catalogue',
  summary: 'Every category by name, with its count of products that are not archived',
  auth: 'user',
  response: categorySchema.array(),
});

export const createCategory = defineEndpoint({
  method: 'POST',
  path: '/categories',
  tag: 'Catalogue',
  summary: 'Add a category',
  description: 'A name already taken, in any case, is a CONFLICT.',
  auth: 'admin',
  body: createCategorySchema,
  response: categorySchema,
  status: 201,
  errors: ['CONFLICT'],
});

export const adminList = defineEndpoint({
  method: 'GET',
  path: '/admin/products',
  tag: 'Admin',
  summary: 'The whole catalogue, archived products included',
  description: `As GET /products, archived products included unless \`status\` filters. ${listDescription}`,
  auth: 'admin',
  query: listProductsQuery,
  response: productSchema,
  paginated: true,
});

export const adminCreate = defineEndpoint({
  method: 'POST',
  path: '/admin/products',
  tag: 'Admin',
  summary: 'Add a product to the catalogue (as POST /products)',
  description: writeDescription,
  auth: 'admin',
  body: createProductSchema,
  response: productSchema,
  status: 201,
});
