import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users';

/** A chat room. Public rooms are readable by every signed-in user; private ones by their members only. */
export const chatRooms = pgTable(
  'chat_rooms',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** `^[a-z0-9][a-z0-9_-]{1,99}$`; rooms are addressed by name in the API. */
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description'),
    isPrivate: boolean('is_private').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chat_rooms_name_unique').on(t.name)],
);

/**
 * Room membership and read state. `lastReadMessageId` is the newest message the member has seen, so the
 * unread count is the number of later messages from others.
 */
export const chatRoomMembers = pgTable(
  'chat_room_members',
  {
    roomId: integer('room_id')
      .notNull()
      .references(() => chatRooms.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    lastReadMessageId: integer('last_read_message_id').notNull().default(0),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('chat_room_members_user_idx').on(t.userId)],
);

/**
 * Room messages and direct messages share one table and one id sequence, so `PATCH/DELETE
 * /chat/messages/:id` address either kind and history pages by id (exact under concurrent inserts).
 * Exactly one of `roomId` / `recipientId` is set. Deletes are soft: the row stays so paging and
 * unread counts stay consistent; services blank the content of deleted messages in answers.
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    roomId: integer('room_id').references(() => chatRooms.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id').references(() => users.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    /** The sender's id for its optimistic copy; a retried send with the same one returns the stored message. */
    clientId: varchar('client_id', { length: 64 }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    deletedBy: integer('deleted_by').references(() => users.id, { onDelete: 'set null' }),
    /** Direct messages only: when the recipient read it. */
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check('chat_messages_target_check', sql`(${t.roomId} IS NULL) <> (${t.recipientId} IS NULL)`),
    check('chat_messages_content_length_check', sql`char_length(${t.content}) <= 4000`),
    uniqueIndex('chat_messages_client_id_unique')
      .on(t.userId, t.clientId)
      .where(sql`${t.clientId} IS NOT NULL`),
    index('chat_messages_room_idx')
      .on(t.roomId, t.id)
      .where(sql`${t.roomId} IS NOT NULL`),
    // One index serves both directions of a conversation: query with the same least/greatest expressions.
    index('chat_messages_dm_pair_idx')
      .on(sql`least(${t.userId}, ${t.recipientId})`, sql`greatest(${t.userId}, ${t.recipientId})`, t.id)
      .where(sql`${t.recipientId} IS NOT NULL`),
    index('chat_messages_dm_unread_idx')
      .on(t.recipientId, t.userId)
      .where(sql`${t.recipientId} IS NOT NULL AND ${t.readAt} IS NULL AND ${t.deletedAt} IS NULL`),
  ],
);

/**
 * One row per pair of users who exchanged direct messages (`userLow < userHigh`), kept in step with
 * `chat_messages` so the conversation list never scans message history.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    userLow: integer('user_low')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userHigh: integer('user_high')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastMessageId: integer('last_message_id').references(() => chatMessages.id, { onDelete: 'set null' }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userLow, t.userHigh] }),
    check('chat_conversations_order_check', sql`${t.userLow} < ${t.userHigh}`),
    index('chat_conversations_low_idx').on(t.userLow, t.lastActivityAt),
    index('chat_conversations_high_idx').on(t.userHigh, t.lastActivityAt),
  ],
);

export type ChatRoomRow = typeof chatRooms.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;
