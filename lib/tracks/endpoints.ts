import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import {
  audioQuery,
  likeSchema,
  listTracksQuery,
  peaksSchema,
  playSchema,
  streamSchema,
  trackSchema,
  updateTrackSchema,
  uploadTrackFieldsSchema,
  waveformQuery,
} from './schemas';

const visibility =
  "Public tracks are visible to every signed-in user, private ones to their owner only, whatever the caller's role: another user's private track answers 404 TRACK_NOT_FOUND exactly like a missing id.";

const uploadDescription =
  'The file is streamed to disk (never whole in memory), its type sniffed from the bytes, its duration and tags read from the file, and its waveform peaks computed in a worker thread before anything is stored. `title`, `artist` and `genre` left empty come from the file\'s tags (title: else the file name without extension; artist: else the uploader\'s username). `tags` is comma separated (trimmed, lower-cased, deduplicated; at most 20, each 1–40 characters); `is_public` is `true` (default) or `false`. A file that is not audio is 415, empty or truncated audio is 400; nothing is kept on any failure.';

const uploadSpec = {
  fields: uploadTrackFieldsSchema,
  accept: 'MP3, WAV, Ogg Vorbis/Opus, FLAC, M4A/AAC',
  maxBytes: 'MAX_TRACK_SIZE (default 100 MB)',
};

export const list = defineEndpoint({
  method: 'GET',
  path: '/tracks',
  tag: 'Tracks',
  summary: 'Public tracks plus your own (private included), filtered and sorted',
  description:
    '`q` follows the track rule of `GET /search`: a track matches when every word of `q` starts a word of its title, artist, genre, tags or description, ignoring case and accents ("electro" finds "Électronique"), or when every word is a close spelling of a word of its title, artist, genre or tags ("sinthesizer"); punctuation is ignored, and a `q` without letters or digits filters nothing. `tag` is one tag matched after normalization; `genre` ignores case; `sort` is `-created_at` (default), `-plays`, `-likes` or `title` (ignoring case and accents).',
  auth: 'user',
  query: listTracksQuery,
  response: trackSchema,
  paginated: true,
});

export const create = defineEndpoint({
  method: 'POST',
  path: '/tracks',
  tag: 'Tracks',
  summary: 'Upload an audio track',
  description: uploadDescription,
  auth: 'user',
  upload: uploadSpec,
  response: trackSchema,
  status: 201,
  errors: ['FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
});

export const createAlias = defineEndpoint({
  method: 'POST',
  path: '/tracks/upload',
  tag: 'Tracks',
  summary: 'Upload an audio track (alias of POST /tracks)',
  description: uploadDescription,
  auth: 'user',
  upload: uploadSpec,
  response: trackSchema,
  status: 201,
  errors: ['FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
});

export const get = defineEndpoint({
  method: 'GET',
  path: '/tracks/{id}',
  tag: 'Tracks',
  summary: 'One track',
  description: visibility,
  auth: 'user',
  params: idParams,
  response: trackSchema,
  errors: ['TRACK_NOT_FOUND'],
});

export const update = defineEndpoint({
  method: 'PUT',
  path: '/tracks/{id}',
  tag: 'Tracks',
  summary: "Edit a track's title, artist, description, genre, tags or visibility",
  description: `Its owner only: anyone else who can see it gets 403 PERMISSION_DENIED. ${visibility} \`tags\` replaces the list (a list or a comma-separated string, normalized as on upload); \`null\` or \`""\` clears description and genre.`,
  auth: 'user',
  params: idParams,
  body: updateTrackSchema,
  response: trackSchema,
  errors: ['TRACK_NOT_FOUND', 'PERMISSION_DENIED'],
});

export const remove = defineEndpoint({
  method: 'DELETE',
  path: '/tracks/{id}',
  tag: 'Tracks',
  summary: 'Delete a track and its stored bytes',
  description: `Its owner, or a moderator or above; anyone else who can see it gets 403 PERMISSION_DENIED. ${visibility}`,
  auth: 'user',
  params: idParams,
  errors: ['TRACK_NOT_FOUND', 'PERMISSION_DENIED'],
});

export const audio = defineEndpoint({
  method: 'GET',
  path: '/tracks/{id}/audio',
  tag: 'Tracks',
  summary: 'The audio bytes, inline, with Range, If-None-Match and If-Range',
  description: `Authorized by a Bearer token, the session cookie, or a signed URL from \`GET /tracks/{id}/stream\` (\`u\`, \`expires\`, \`token\`). A signed URL works without any header until it expires, and only while its signer may still see the track; an altered one is 401 UNAUTHORIZED, an expired one 401 TOKEN_EXPIRED. ${visibility}`,
  auth: 'optional',
  params: idParams,
  query: audioQuery,
  produces: 'audio/*',
  errors: ['TRACK_NOT_FOUND', 'RANGE_NOT_SATISFIABLE', 'TOKEN_EXPIRED'],
});

export const stream = defineEndpoint({
  method: 'GET',
  path: '/tracks/{id}/stream',
  tag: 'Tracks',
  summary: 'A signed, expiring audio URL for players that cannot send headers',
  description: `\`url\` carries an HMAC-SHA256 over the track id, the expiry and the caller's id; valid one hour. \`websocket_url\` is the realtime endpoint. ${visibility}`,
  auth: 'user',
  params: idParams,
  response: streamSchema,
  errors: ['TRACK_NOT_FOUND'],
});

export const peaks = defineEndpoint({
  method: 'GET',
  path: '/tracks/{id}/peaks',
  tag: 'Tracks',
  summary: 'Waveform peaks, computed at upload, in the form wavesurfer.js loads without decoding',
  description: `Min/max pairs normalized to [-1, 1]; \`Cache-Control: private, max-age=3600\` and an ETag (If-None-Match → 304). ${visibility}`,
  auth: 'user',
  params: idParams,
  response: peaksSchema,
  errors: ['TRACK_NOT_FOUND'],
});

export const waveform = defineEndpoint({
  method: 'GET',
  path: '/tracks/{id}/waveform.svg',
  tag: 'Tracks',
  summary: 'A waveform image drawn from the peaks',
  description: `\`width\`, \`height\` (1–10000) and \`color\` (hex or colour name) are optional. ${visibility}`,
  auth: 'user',
  params: idParams,
  query: waveformQuery,
  produces: 'image/svg+xml',
  errors: ['TRACK_NOT_FOUND'],
});

export const like = defineEndpoint({
  method: 'POST',
  path: '/tracks/{id}/like',
  tag: 'Tracks',
  summary: 'Like a track (idempotent)',
  description: visibility,
  auth: 'user',
  params: idParams,
  response: likeSchema,
  errors: ['TRACK_NOT_FOUND'],
});

export const unlike = defineEndpoint({
  method: 'DELETE',
  path: '/tracks/{id}/like',
  tag: 'Tracks',
  summary: 'Remove your like (idempotent)',
  description: visibility,
  auth: 'user',
  params: idParams,
  response: likeSchema,
  errors: ['TRACK_NOT_FOUND'],
});

export const play = defineEndpoint({
  method: 'POST',
  path: '/tracks/{id}/play',
  tag: 'Tracks',
  summary: 'Count a play',
  description: `Counts at most one play per listener per track per 30 s (a repeat within 30 s answers the unchanged count). The player calls this only after 30 s of listening, or at the end of a shorter track; the server does not check listening time. ${visibility}`,
  auth: 'user',
  params: idParams,
  response: playSchema,
  errors: ['TRACK_NOT_FOUND'],
});
