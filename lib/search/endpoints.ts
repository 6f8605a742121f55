import { defineEndpoint } from '../http/endpoint';
import { searchQuery, searchResultSchema } from './schemas';

export const search = defineEndpoint({
  method: 'GET',
  path: '/search',
  tag: 'Search',
  summary: 'Search users, products, your files, tracks, resources and listings at once',
  description: [
    'Each word of `q` matches as the start of a word ("synt" finds "Synthesizer"), ignoring case and accents ("electronique" finds "Électronique"); every word is required. Close spellings match too, word by word ("sinthesizer"). Punctuation and search operators are ignored; a `q` with no letter or digit is INVALID_INPUT.',
    'What is searched: users by username, first and last name; products by name, brand and model; your files by name; tracks by title, artist, genre, tags and description (the rule of `GET /tracks?q=`); resources by title, tags and description. Close spellings are matched in names, titles, artists, genres and tags, not in descriptions.',
    'Ranking, per type, best first: the name or title starts with `q` (an exact match first, then in alphabetical order); every word in the title or name (tracks: title or artist); in the genre, tags, brand or model; anywhere, descriptions included; then close spellings, most similar first. Within a group, more relevant first (ts_rank), then older first. A search stops at the first groups that fill `limit`, and ranks at most the first 100 matches of a group.',
    "Visibility: banned users, archived products, other people's files and other people's private tracks and resources never appear. `listings` stays empty until the marketplace lands. If the database lacks pg_trgm or unaccent, search still answers without typo tolerance (substring matching of names instead) or without folding the accents typed in `q`, and the server logs a warning naming the extension.",
  ].join('\n\n'),
  auth: 'user',
  query: searchQuery,
  response: searchResultSchema,
});
