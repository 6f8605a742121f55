import { defineEndpoint } from '../http/endpoint';
import { searchQuery, searchResultSchema } from './schemas';

export const search = defineEndpoint({
  method: 'GET',
  path: '/search',
  tag: 'Search',
  summary: 'Search users, products, your files, tracks, resources and listings at once',
  description:
    'Each word of `q` matches as a prefix ("synt" finds "Synthesizer"), ignoring case and accents ("electronique" finds "Électronique"); close spellings match too ("sinthesizer"). Punctuation and search operators are ignored; a `q` with no letter or digit is INVALID_INPUT. Results are ranked per type (exact and prefix matches of the name or title first) and filtered by visibility: banned users, archived products, other people\'s files and other people\'s private tracks and resources never appear. `listings` stays empty until the marketplace lands. If the database lacks pg_trgm or unaccent, search still answers without typo tolerance or accent folding, and the server logs a warning naming the extension.',
  auth: 'user',
  query: searchQuery,
  response: searchResultSchema,
});
