import { z } from 'zod';
import type { TrackRow } from '@/db/schema/tracks';
import { idSchema, isoDate, paginationQuery } from '../http/schemas';
import { queryBoolean } from '../http/values';
import { normalizeTag, tagsField, tagsJson } from '../tags/normalize';

const title = z.string().trim().min(1, 'required').max(200, 'at most 200 characters');
const artist = z.string().trim().min(1, 'required').max(200, 'at most 200 characters');

/** An optional free text: trimmed; `''` and `null` clear it. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/** A multipart text field left empty counts as absent. */
const blankAsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// ---- Input

/** The text fields of `POST /tracks` (multipart: every value is a string; empty means "from the file"). */
export const uploadTrackFieldsSchema = z.object({
  title: z.preprocess(blankAsAbsent, title.optional()).meta({ description: "Default: the file's title tag, else the file name without its extension" }),
  artist: z.preprocess(blankAsAbsent, artist.optional()).meta({ description: "Default: the file's artist tag, else the uploader's username" }),
  description: z.preprocess(blankAsAbsent, z.string().trim().max(5000, 'at most 5000 characters').optional()),
  genre: z.preprocess(blankAsAbsent, z.string().trim().max(50, 'at most 50 characters').optional()).meta({ description: "Default: the file's genre tag" }),
  tags: tagsField.optional().transform((v) => v ?? []),
  is_public: queryBoolean.default(true).meta({ description: '`true` (default) or `false`' }),
});
export type UploadTrackFields = z.infer<typeof uploadTrackFieldsSchema>;

export const updateTrackSchema = z
  .object({
    title: title.optional(),
    artist: artist.optional(),
    description: optionalText(5000),
    genre: optionalText(50),
    tags: tagsJson.optional(),
    is_public: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one field to change' });
export type UpdateTrackInput = z.infer<typeof updateTrackSchema>;

export const trackSorts = ['-created_at', '-plays', '-likes', 'title'] as const;

export const listTracksQuery = paginationQuery().extend({
  q: z.string().trim().max(200, 'at most 200 characters').optional().meta({ description: 'Each word starts a word of the title, artist, genre, tags or description (case and accents ignored), or each is a close spelling of a word of the title, artist, genre or tags' }),
  tag: z
    .string()
    .max(200, 'at most 200 characters')
    .transform(normalizeTag)
    .optional()
    .meta({ description: 'One tag, matched exactly after normalization (trimmed, lower-cased)' }),
  genre: z.string().trim().max(50, 'at most 50 characters').optional().meta({ description: 'Matched ignoring case' }),
  user_id: idSchema.optional(),
  sort: z.enum(trackSorts).default('-created_at'),
});
export type ListTracksQuery = z.infer<typeof listTracksQuery>;

/** The signed-URL parameters `/audio` accepts instead of a Bearer token or cookie. */
export const audioQuery = z.object({
  token: z.string().max(200).optional().meta({ description: 'From `GET /tracks/{id}/stream`' }),
  expires: z.string().max(20).optional(),
  u: z.string().max(20).optional(),
});

export const waveformQuery = z.object({
  width: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_000).optional(),
  height: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_000).optional(),
  color: z.string().max(40).optional().meta({ description: 'A hex colour (#rgb, #rrggbb, #rrggbbaa) or a colour name' }),
});

// ---- Output

export const trackSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    artist: z.string(),
    description: z.string().nullable(),
    genre: z.string().nullable(),
    duration: z.number().meta({ description: 'Seconds' }),
    mime_type: z.string().meta({ description: 'Sniffed from the bytes' }),
    size: z.number().int(),
    is_public: z.boolean(),
    tags: z.array(z.string()).meta({ description: 'Sorted' }),
    plays: z.number().int(),
    likes: z.number().int(),
    liked_by_me: z.boolean(),
    user: z.object({ id: z.number().int(), username: z.string(), avatar: z.string().nullable() }),
    file_url: z.string().meta({ description: 'The audio bytes (needs Bearer or cookie)' }),
    stream_url: z.string().meta({ description: 'Where to get a signed, expiring audio URL' }),
    waveform_url: z.string(),
    peaks_url: z.string(),
    created_at: isoDate,
  })
  .meta({ id: 'Track' });
export type TrackOut = z.infer<typeof trackSchema>;

export const streamSchema = z
  .object({
    url: z.string().meta({ description: 'A signed audio URL that works without headers until it expires' }),
    expires_in: z.number().int().meta({ description: 'Seconds' }),
    websocket_url: z.string().meta({ description: 'The realtime endpoint' }),
  })
  .meta({ id: 'TrackStream' });

export const peaksSchema = z
  .object({
    length: z.number().int().meta({ description: 'Number of [min, max] pairs' }),
    sample_rate: z.number().int(),
    peaks: z.array(z.number()).meta({ description: '[min0, max0, min1, max1, …] in [-1, 1]' }),
  })
  .meta({ id: 'TrackPeaks' });

export const likeSchema = z.object({ likes: z.number().int(), liked_by_me: z.boolean() }).meta({ id: 'TrackLike' });
export const playSchema = z.object({ plays: z.number().int() }).meta({ id: 'TrackPlay' });

export interface TrackView {
  track: TrackRow;
  owner: { id: number; username: string; avatar: string | null };
  tags: string[];
  likedByMe: boolean;
}

export function toTrack({ track, owner, tags, likedByMe }: TrackView): TrackOut {
  const base = `/api/v1/tracks/${track.id}`;
  return {
    id: track.id,
    title: track.title,
    artist: track.artist,
    description: track.description,
    genre: track.genre,
    duration: track.duration,
    mime_type: track.mimeType,
    size: track.size,
    is_public: track.isPublic,
    tags: [...tags].sort(),
    plays: track.plays,
    likes: track.likes,
    liked_by_me: likedByMe,
    user: owner,
    file_url: `${base}/audio`,
    stream_url: `${base}/stream`,
    waveform_url: `${base}/waveform.svg`,
    peaks_url: `${base}/peaks`,
    created_at: track.createdAt.toISOString(),
  };
}
