import { z } from 'zod';
import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import {
  createInternalDocFieldsSchema,
  createResourceFieldsSchema,
  internalDocumentSchema,
  listResourcesQuery,
  resourceSchema,
  updateResourceSchema,
} from './schemas';

const uploadErrors = ['FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const;

const visibility =
  "Public resources are visible to every signed-in user, private ones to their owner only (and to admins): another user's private resource answers 404 NOT_FOUND exactly like a missing id.";

const editing =
  'Its owner, or a moderator or above, may change or delete a resource they can see; anyone else who can see it gets 403 PERMISSION_DENIED.';

export const list = defineEndpoint({
  method: 'GET',
  path: '/resources',
  tag: 'Resources',
  summary: 'Resources shared by users: public ones plus your own private ones, newest first',
  description:
    '`q` matches every word in the title or description, ignoring case and accents; `tag` is one tag, matched exactly after normalization (trimmed, lower-cased); `type` and `user_id` filter by type and owner. Other users\' private resources never appear, for any role.',
  auth: 'user',
  query: listResourcesQuery,
  response: resourceSchema,
  paginated: true,
});

export const create = defineEndpoint({
  method: 'POST',
  path: '/resources',
  tag: 'Resources',
  summary: 'Share a file: a sample, preset, project or document',
  description:
    '`type` defaults to `other`; `tags` is comma separated (trimmed, lower-cased, deduplicated, empty ones dropped; at most 20, each at most 40 characters); `is_public` is `true` (default) or `false`.',
  auth: 'user',
  upload: {
    fields: createResourceFieldsSchema,
    accept: 'MP3, WAV, Ogg/Opus, FLAC, M4A/AAC, PDF, PNG, JPEG, WebP, GIF, plain text, ZIP (presets and projects)',
    maxBytes: 'MAX_FILE_SIZE (default 10 MB)',
  },
  response: resourceSchema,
  status: 201,
  errors: [...uploadErrors],
});

export const get = defineEndpoint({
  method: 'GET',
  path: '/resources/{id}',
  tag: 'Resources',
  summary: 'One shared resource',
  description: visibility,
  auth: 'user',
  params: idParams,
  response: resourceSchema,
  errors: ['NOT_FOUND'],
});

export const download = defineEndpoint({
  method: 'GET',
  path: '/resources/{id}/download',
  tag: 'Resources',
  summary: "A resource's bytes, as an attachment; counts the download",
  description: `${visibility} Range, If-None-Match and If-Range are supported. Only full downloads count: a 200, or a 206 whose range starts at byte 0; a HEAD, a 304, a 416 or a range starting further in does not.`,
  auth: 'user',
  params: idParams,
  produces: 'application/octet-stream',
  errors: ['NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
});

export const update = defineEndpoint({
  method: 'PUT',
  path: '/resources/{id}',
  tag: 'Resources',
  summary: "Edit a resource's title, description, type, tags or visibility",
  description: `${editing} ${visibility} \`tags\` replaces the list (a list or a comma-separated string, normalized as on upload).`,
  auth: 'user',
  params: idParams,
  body: updateResourceSchema,
  response: resourceSchema,
  errors: ['NOT_FOUND', 'PERMISSION_DENIED'],
});

export const remove = defineEndpoint({
  method: 'DELETE',
  path: '/resources/{id}',
  tag: 'Resources',
  summary: 'Delete a resource and its stored bytes',
  description: `${editing} ${visibility}`,
  auth: 'user',
  params: idParams,
  errors: ['NOT_FOUND', 'PERMISSION_DENIED'],
});

export const listInternal = defineEndpoint({
  method: 'GET',
  path: '/resources/internal',
  tag: 'Resources',
  summary: 'Internal documentation (manuals, tutorials), newest first',
  description: 'The whole list (not paginated): a short list that admins publish to every signed-in user.',
  auth: 'user',
  response: z.array(internalDocumentSchema),
});

export const createInternal = defineEndpoint({
  method: 'POST',
  path: '/resources/internal',
  tag: 'Resources',
  summary: 'Publish an internal document',
  auth: 'admin',
  upload: {
    fields: createInternalDocFieldsSchema,
    accept: 'PDF, PNG, JPEG, WebP, GIF, plain text, ZIP',
    maxBytes: 'MAX_INTERNAL_DOC_SIZE (default 50 MB)',
  },
  response: internalDocumentSchema,
  status: 201,
  errors: [...uploadErrors],
});

export const getInternal = defineEndpoint({
  method: 'GET',
  path: '/resources/internal/{id}',
  tag: 'Resources',
  summary: "An internal document's metadata",
  auth: 'user',
  params: idParams,
  response: internalDocumentSchema,
  errors: ['NOT_FOUND'],
});

export const downloadInternal = defineEndpoint({
  method: 'GET',
  path: '/resources/internal/{id}/download',
  tag: 'Resources',
  summary: "An internal document's bytes, as an attachment; Range, If-None-Match and If-Range supported",
  auth: 'user',
  params: idParams,
  produces: 'application/octet-stream',
  errors: ['NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
});

export const removeInternal = defineEndpoint({
  method: 'DELETE',
  path: '/resources/internal/{id}',
  tag: 'Resources',
  summary: 'Delete an internal document and its stored bytes',
  auth: 'admin',
  params: idParams,
  errors: ['NOT_FOUND'],
});
