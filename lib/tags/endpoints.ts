import { defineEndpoint } from '../http/endpoint';
import { listTagsQuery, mergeTagsSchema, searchTagsQuery, tagSchema } from './schemas';

export const list = defineEndpoint({
  method: 'GET',
  path: '/tags',
  tag: 'Tags',
  summary: 'Every tag with its usage count, most used first',
  description: '`usage_count` is the number of tracks carrying the tag (private ones included); ties are ordered by name.',
  auth: 'user',
  query: listTagsQuery,
  response: tagSchema,
  paginated: true,
});

export const search = defineEndpoint({
  method: 'GET',
  path: '/tags/search',
  tag: 'Tags',
  summary: 'Tags starting with q',
  description:
    '`q` is normalized as tags are (trimmed, inner spaces collapsed, lower-cased) and matched as a prefix; `%` and `_` are literal. The exact tag comes first, then the most used.',
  auth: 'user',
  query: searchTagsQuery,
  response: tagSchema.array(),
});

export const merge = defineEndpoint({
  method: 'POST',
  path: '/tags/merge',
  tag: 'Tags',
  summary: 'Merge one tag into another (moderators)',
  description:
    '`from` and `into` are tag ids. Every track tagged `from` becomes tagged `into` (once, even when it had both), then `from` is deleted, all in one transaction. Answers the `into` tag with its new usage count. `from` equal to `into` is INVALID_INPUT; an unknown id is NOT_FOUND.',
  auth: 'moderator',
  body: mergeTagsSchema,
  response: tagSchema,
  errors: ['NOT_FOUND'],
});
