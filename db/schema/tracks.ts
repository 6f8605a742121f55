import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { storageBackend } from './gear';
import { users } from './users';

/** An uploaded audio track. `plays` and `likes` are counters kept in step with their tables. */
export const tracks = pgTable(
  'tracks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 200 }).notNull(),
    artist: varchar('artist', { length: 200 }).notNull(),
    description: text('description'),
    genre: varchar('genre', { length: 50 }),
    /** Seconds, from the file. */
    duration: doublePrecision('duration').notNull(),
    /** Sniffed from the bytes. */
    mimeType: varchar('mime_type', { length: 100 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storage: storageBackend('storage').notNull().default('local'),
    storageKey: varchar('storage_key', { length: 255 }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    isPublic: boolean('is_public').notNull().default(true),
    plays: integer('plays').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('tracks_user_idx').on(t.userId, t.createdAt),
    index('tracks_public_created_idx').on(t.isPublic, t.createdAt),
    index('tracks_public_plays_idx').on(t.isPublic, t.plays),
    index('tracks_public_likes_idx').on(t.isPublic, t.likes),
    index('tracks_genre_lower_idx').on(sql`lower(${t.genre})`),
  ],
);

/** Waveform peaks computed once at upload, served to wavesurfer.js without decoding in the browser. */
export const trackPeaks = pgTable('track_peaks', {
  trackId: integer('track_id')
    .primaryKey()
    .references(() => tracks.id, { onDelete: 'cascade' }),
  length: integer('length').notNull(),
  sampleRate: integer('sample_rate').notNull(),
  /** Min/max pairs normalized to [-1, 1]. */
  peaks: jsonb('peaks').$type<number[]>().notNull(),
});

/** Normalized tags (trimmed, lower-case); usage is counted from track_tags. */
export const tags = pgTable(
  'tags',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: varchar('name', { length: 40 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tags_name_unique').on(t.name),
    // Prefix search: `name LIKE 'syn%'` uses this index whatever the collation.
    index('tags_name_prefix_idx').on(sql`${t.name} text_pattern_ops`),
  ],
);

export const trackTags = pgTable(
  'track_tags',
  {
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.tagId] }), index('track_tags_tag_idx').on(t.tagId)],
);

export const trackLikes = pgTable(
  'track_likes',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.trackId] }), index('track_likes_track_idx').on(t.trackId)],
);

/** One row per counted play; a listener counts at most once per track per 30 s. */
export const trackPlays = pgTable(
  'track_plays',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    /** The signed-in listener, or null for a signed-URL player. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who listened: `u:<id>` for users, a hashed address for anonymous signed-URL players. */
    listener: varchar('listener', { length: 100 }).notNull(),
    playedAt: timestamp('played_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('track_plays_listener_idx').on(t.trackId, t.listener, t.playedAt)],
);

export type TrackRow = typeof tracks.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
