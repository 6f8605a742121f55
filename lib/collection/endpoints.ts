import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import {
  createGearItemSchema,
  deleteGearQuery,
  gearItemSchema,
  listGearQuery,
  updateGearItemSchema,
  warrantyItemSchema,
  warrantyQuery,
} from './schemas';

const notYours =
  "Another user's item answers 404 NOT_FOUND exactly like a missing id, for admins too: these are the caller's own gear endpoints.";

export const list = defineEndpoint({
  method: 'GET',
  path: '/user-products',
  tag: 'Gear',
  summary: "The caller's gear items, newest first; filter by `status`, search with `q`",
  description: '`q` matches the product name, brand and model and the serial number, case-insensitively.',
  auth: 'user',
  query: listGearQuery,
  response: gearItemSchema,
  paginated: true,
});

export const warranty = defineEndpoint({
  method: 'GET',
  path: '/user-products/warranty',
  tag: 'Gear',
  summary: "The caller's items with a warranty date, soonest expiry first, with `days_left`",
  description:
    'Days count in UTC. `filter=expiring`: expires between today and 30 days from today, both included; `expired`: before today; `active`: today or later; no filter: every item with a warranty date. `days_left` is negative once expired.',
  auth: 'user',
  query: warrantyQuery,
  response: warrantyItemSchema,
  paginated: true,
});

export const get = defineEndpoint({
  method: 'GET',
  path: '/user-products/{id}',
  tag: 'Gear',
  summary: "One of the caller's gear items",
  description: notYours,
  auth: 'user',
  params: idParams,
  response: gearItemSchema,
  errors: ['NOT_FOUND'],
});

export const create = defineEndpoint({
  method: 'POST',
  path: '/user-products',
  tag: 'Gear',
  summary: "Add a catalogue product to the caller's collection",
  description:
    "`warranty_expires` defaults to `purchase_date` + the product's `warranty_months` (clamped to the month's end; null without a purchase date or for a product with no warranty); an explicit value, null included, wins. An unknown or archived `product_id` is 400 INVALID_INPUT with a `product_id` field error. A future `purchase_date` (UTC) or a `warranty_expires` before `purchase_date` is 400. One item per user and product: 409 CONFLICT when the caller already has it.",
  auth: 'user',
  body: createGearItemSchema,
  response: gearItemSchema,
  status: 201,
  errors: ['CONFLICT'],
});

export const update = defineEndpoint({
  method: 'PUT',
  path: '/user-products/{id}',
  tag: 'Gear',
  summary: "Edit one of the caller's gear items (partial; null clears a field)",
  description: `Any field of the create body except \`product_id\`, plus \`status\`. When \`purchase_date\` changes without \`warranty_expires\`, a warranty that was derived from the old date follows the new one; a warranty set by hand stays. ${notYours}`,
  auth: 'user',
  params: idParams,
  body: updateGearItemSchema,
  response: gearItemSchema,
  errors: ['NOT_FOUND'],
});

export const remove = defineEndpoint({
  method: 'DELETE',
  path: '/user-products/{id}',
  tag: 'Gear',
  summary: "Delete one of the caller's gear items",
  description: `409 HAS_DEPENDENTS while files are attached, unless \`force=true\`: then the attached files (and their stored bytes) are deleted with the item. ${notYours}`,
  auth: 'user',
  params: idParams,
  query: deleteGearQuery,
  errors: ['NOT_FOUND', 'HAS_DEPENDENTS'],
});
