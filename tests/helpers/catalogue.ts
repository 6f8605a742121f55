/** The product fields of the contract (API.md, Catalogue), sorted: what every product answer must carry. */
export const productKeys = [
  'brand',
  'category_id',
  'category_name',
  'created_at',
  'description',
  'id',
  'manufacturer_website',
  'model',
  'name',
  'price',
  'specifications',
  'status',
  'stock',
  'updated_at',
  'warranty_conditions',
  'warranty_months',
];
