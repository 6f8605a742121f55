import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { chatRooms } from './chat';
import { users } from './users';

/** A voice channel; its text chat is the bound chat room. */
export const voiceChannels = pgTable(
  'voice_channels',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description'),
    maxUsers: integer('max_users').notNull().default(10),
    isPrivate: boolean('is_private').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    chatRoomId: integer('chat_room_id').references(() => chatRooms.id, { onDelete: 'set null' }),
    /** Joins since creation, for `statistics`. */
    totalConnections: integer('total_connections').notNull().default(0),
    /** When the current session began: set by a join into an empty channel, so uptime needs no update on leave. */
    occupiedSince: timestamp('occupied_since', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('voice_channels_max_users_check', sql`${t.maxUsers} BETWEEN 2 AND 50`),
    index('voice_channels_private_idx').on(t.isPrivate, t.createdAt),
  ],
);

/** Who may see and join a private channel (its owner is one). */
export const voiceChannelMembers = pgTable(
  'voice_channel_members',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => voiceChannels.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index('voice_channel_members_user_idx').on(t.userId)],
);

/**
 * Who is in a channel right now. One row per user (a second tab moves the user, it does not add a seat);
 * seats are taken under a lock on the channel row so two users racing for the last one cannot both get it.
 * `instanceId` and `heartbeatAt` let a surviving instance clear the seats of one that died.
 */
export const voiceParticipants = pgTable(
  'voice_participants',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => voiceChannels.id, { onDelete: 'cascade' }),
    socketId: varchar('socket_id', { length: 64 }).notNull(),
    instanceId: varchar('instance_id', { length: 64 }).notNull(),
    muted: boolean('muted').notNull().default(false),
    deafened: boolean('deafened').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** The latest quality report of this seat (lib/voice/quality.ts), shared by every instance; null until one arrives. */
    stats: jsonb('stats'),
  },
  (t) => [index('voice_participants_channel_idx').on(t.channelId), index('voice_participants_instance_idx').on(t.instanceId)],
);

/** Settings an admin changes at runtime (the audio configuration), one JSON value per key. */
export const appSettings = pgTable('app_settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type VoiceChannelRow = typeof voiceChannels.$inferSelect;
