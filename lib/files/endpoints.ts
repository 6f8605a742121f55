import { z } from 'zod';
import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import { fileSchema, listFilesQuery, uploadFieldsSchema } from './schemas';

const upload = {
  fields: uploadFieldsSchema,
  accept: 'PDF, PNG, JPEG, WebP, GIF, plain text, MP3, WAV, Ogg/Opus, FLAC, M4A/AAC',
  maxBytes: 'MAX_FILE_SIZE (default 10 MB)',
};
const uploadErrors = ['FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const;

export const uploadToItem = defineEndpoint({
  method: 'POST',
  path: '/user-products/{id}/files',
  tag: 'Files',
  summary: 'Attach a document (manual, invoice, photo…) to one of your gear items',
  auth: 'user',
  params: idParams,
  upload,
  response: fileSchema,
  status: 201,
  errors: ['NOT_FOUND', ...uploadErrors],
});

export const listOfItem = defineEndpoint({
  method: 'GET',
  path: '/user-products/{id}/files',
  tag: 'Files',
  summary: "The files of one of your gear items",
  auth: 'user',
  params: idParams,
  response: z.array(fileSchema),
  errors: ['NOT_FOUND'],
});

export const list = defineEndpoint({
  method: 'GET',
  path: '/files',
  tag: 'Files',
  summary: 'Your files, newest first',
  auth: 'user',
  query: listFilesQuery,
  response: fileSchema,
  paginated: true,
});

export const uploadLoose = defineEndpoint({
  method: 'POST',
  path: '/files',
  tag: 'Files',
  summary: 'Upload a file not attached to a gear item',
  auth: 'user',
  upload,
  response: fileSchema,
  status: 201,
  errors: [...uploadErrors],
});

export const get = defineEndpoint({
  method: 'GET',
  path: '/files/{id}',
  tag: 'Files',
  summary: "A file's metadata (yours; admins: anyone's)",
  auth: 'user',
  params: idParams,
  response: fileSchema,
  errors: ['FILE_NOT_FOUND'],
});

export const download = defineEndpoint({
  method: 'GET',
  path: '/files/{id}/download',
  tag: 'Files',
  summary: "A file's bytes, as an attachment; Range, If-None-Match and If-Range supported",
  auth: 'user',
  params: idParams,
  produces: 'application/octet-stream',
  errors: ['FILE_NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
});

export const remove = defineEndpoint({
  method: 'DELETE',
  path: '/files/{id}',
  tag: 'Files',
  summary: 'Delete a file and its stored bytes (owner or admin)',
  auth: 'user',
  params: idParams,
  errors: ['FILE_NOT_FOUND'],
});
