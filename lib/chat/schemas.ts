import { z } from 'zod';
import { idSchema, isoDate, paginationQuery } from '../http/schemas';
import { queryBoolean } from '../http/values';

// ---- Input

export const MAX_CONTENT = 4000;

export const roomNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,99}$/, '2–100 lower-case letters, digits, dashes or underscores, starting with a letter or digit');

/** Plain text, 1–4000 characters after trimming; never interpreted as markup. */
export const contentSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CONTENT, `at most ${MAX_CONTENT} characters`);

export const clientIdSchema = z
  .string()
  .min(1)
  .max(64, 'at most 64 characters')
  .meta({ description: "The sender's id for its optimistic copy; resending with the same one returns the stored message instead of a duplicate" });

export const roomParams = z.object({ room: roomNameSchema });
export const userParams = z.object({ user_id: idSchema });

export const createRoomSchema = z
  .object({
    name: roomNameSchema,
    description: z.string().trim().max(500, 'at most 500 characters').optional(),
    is_private: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .strict();
export type CreateRoomInput = z.infer<typeof createRoomSchema>;

export const addMemberSchema = z.object({ user_id: idSchema }).strict();

export const sendSchema = z.object({ content: contentSchema, client_id: clientIdSchema.optional() }).strict();
export type SendInput = z.infer<typeof sendSchema>;

export const editSchema = z.object({ content: contentSchema }).strict();

export const readSchema = z
  .object({ up_to: idSchema.optional().meta({ description: 'The newest message id seen; default: the latest one' }) })
  .strict();

/** `before`: a message id, or an ISO timestamp (messages created before it). */
const beforeCursor = z
  .union([
    idSchema,
    z.iso.datetime({ offset: true, error: 'must be a message id or an ISO-8601 timestamp' }).transform((v) => new Date(v)),
  ])
  .meta({ description: 'A message id, or an ISO-8601 timestamp: the latest messages before it' });

const afterCursor = idSchema.meta({ description: 'A message id: the messages after it, oldest first (to fill a reconnect gap)' });

export const historyQuery = z
  .object({
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int()
      .default(50)
      .transform((l) => Math.min(Math.max(1, l), 200))
      .meta({ description: 'Default 50, at most 200 (larger is clamped)' }),
    before: beforeCursor.optional(),
    since: afterCursor.optional(),
    after: afterCursor.optional().meta({ description: 'Alias of `since`' }),
  })
  .refine((q) => !(q.before !== undefined && (q.since !== undefined || q.after !== undefined)), {
    message: 'give either before or since, not both',
    path: ['before'],
  })
  .transform(({ limit, before, since, after }) => ({ limit, before, since: since ?? after }));
/** A page of history: by id (`before` also takes a time), oldest first in the answer. */
export interface HistoryQuery {
  limit: number;
  before?: number | Date;
  since?: number;
}

export const listRoomsQuery = paginationQuery(50, 100).extend({
  q: z.string().trim().max(100, 'at most 100 characters').optional().meta({ description: 'Part of the room name' }),
  member: queryBoolean.optional().meta({ description: '`true`: only rooms you belong to; `false`: only rooms you do not' }),
});
export type ListRoomsQuery = z.infer<typeof listRoomsQuery>;

export const listConversationsQuery = paginationQuery(50, 100);

// ---- Socket events (the plain WebSocket bridge takes the same payloads)

export const joinEvent = z.object({ room: roomNameSchema }).strict();
export const messageEvent = z.object({ room: roomNameSchema, content: contentSchema, client_id: clientIdSchema.optional() }).strict();
export const dmEvent = z.object({ to: idSchema, content: contentSchema, client_id: clientIdSchema.optional() }).strict();

const historyLimit = z.coerce
  .number({ error: 'must be a number' })
  .int()
  .default(50)
  .transform((l) => Math.min(Math.max(1, l), 200));
export const roomHistoryEvent = z
  .object({ room: roomNameSchema, limit: historyLimit, before: beforeCursor.optional(), since: afterCursor.optional() })
  .strict();
export const dmHistoryEvent = z
  .object({ with: idSchema, limit: historyLimit, before: beforeCursor.optional(), since: afterCursor.optional() })
  .strict();
export const typingEvent = z.union([z.object({ room: roomNameSchema }).strict(), z.object({ to: idSchema }).strict()]);
export const readEvent = z.union([
  z.object({ with: idSchema, up_to: idSchema.optional() }).strict(),
  z.object({ room: roomNameSchema, up_to: idSchema.optional() }).strict(),
]);
export const editEvent = z.object({ id: idSchema, content: contentSchema }).strict();
export const deleteEvent = z.object({ id: idSchema }).strict();

// ---- Output

export const roomSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    is_private: z.boolean(),
    member_count: z.number().int(),
    created_by: z.number().int().nullable(),
    created_at: isoDate,
    is_member: z.boolean().meta({ description: 'Whether the caller belongs to the room' }),
    unread_count: z.number().int().meta({ description: "Messages from others after the caller's read mark (0 when not a member)" }),
    last_activity: isoDate.meta({ description: 'When the latest message was sent (the creation time for an empty room)' }),
  })
  .meta({ id: 'ChatRoom' });
export type RoomOut = z.infer<typeof roomSchema>;

const deletedField = z.boolean().meta({ description: 'A deleted message keeps its place in history with empty `content`' });

export const messageSchema = z
  .object({
    id: z.number().int(),
    room: z.string().meta({ description: 'The room name' }),
    from_user: z.number().int(),
    from: z.number().int().meta({ description: 'Same as `from_user` (the realtime name)' }),
    username: z.string(),
    avatar: z.string().nullable(),
    content: z.string(),
    timestamp: isoDate,
    edited_at: isoDate.nullable(),
    deleted: deletedField,
    client_id: z.string().optional().meta({ description: "The sender's client_id, when it gave one" }),
  })
  .meta({ id: 'ChatMessage' });
export type MessageOut = z.infer<typeof messageSchema>;

export const directMessageSchema = z
  .object({
    id: z.number().int(),
    from_user: z.number().int(),
    to_user: z.number().int(),
    from: z.number().int().meta({ description: 'Same as `from_user` (the realtime name)' }),
    to: z.number().int().meta({ description: 'Same as `to_user` (the realtime name)' }),
    username: z.string().meta({ description: "The sender's username" }),
    avatar: z.string().nullable().meta({ description: "The sender's avatar" }),
    content: z.string(),
    timestamp: isoDate,
    edited_at: isoDate.nullable(),
    read_at: isoDate.nullable(),
    deleted: deletedField,
    client_id: z.string().optional().meta({ description: "The sender's client_id, when it gave one" }),
  })
  .meta({ id: 'ChatDirectMessage' });
export type DirectMessageOut = z.infer<typeof directMessageSchema>;

export const anyMessageSchema = z.union([messageSchema, directMessageSchema]);

export const readResultSchema = z
  .object({
    up_to: z.number().int().meta({ description: 'The newest message id now marked read (0 when there is none)' }),
    unread_count: z.number().int(),
  })
  .meta({ id: 'ChatReadState' });
export type ReadResult = z.infer<typeof readResultSchema>;

export const conversationSchema = z
  .object({
    user_id: z.number().int(),
    username: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    avatar: z.string().nullable(),
    last_message: directMessageSchema.nullable().meta({ description: 'The latest direct message either way (blank content when deleted)' }),
    last_activity: isoDate,
    unread_count: z.number().int().meta({ description: 'Messages from that user the caller has not read' }),
    is_online: z.boolean(),
    last_seen: isoDate.nullable().meta({ description: 'When their last realtime connection closed; null if never connected' }),
  })
  .meta({ id: 'ChatConversation' });
export type ConversationOut = z.infer<typeof conversationSchema>;
