import { and, asc, desc, eq, gt, isNotNull, isNull, lt, lte, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';
import { preparedPerDatabase } from '@/db/prepared';
import { chatConversations, chatMessages, chatRoomMembers, chatRooms, type ChatMessageRow, type ChatRoomRow } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { voiceChannels } from '@/db/schema/voice';
import type { AuthedCtx } from '../context';
import { AppError, notFound } from '../errors';
import { pagination, type Page } from '../http/schemas';
import { chatRoom, userRoom } from '../realtime/events';
import { publish, publishFollow } from '../realtime/publish';
import { roleAtLeast } from '../users/schemas';
import { onlineAmong } from './presence';
import type {
  ConversationOut,
  CreateRoomInput,
  DirectMessageOut,
  HistoryQuery,
  ListRoomsQuery,
  MessageOut,
  ReadResult,
  RoomOut,
  SendInput,
} from './schemas';

const roomNotFound = () => notFound('Room', 'ROOM_NOT_FOUND');
const userNotFound = () => notFound('User', 'USER_NOT_FOUND');
const messageNotFound = () => notFound('Message');

// ---- Rooms

/** Public rooms, and private ones the user belongs to: the one visibility rule of every room read. */
function roomVisibleTo(userId: number | Placeholder): SQL {
  return or(
    eq(chatRooms.isPrivate, false),
    sql`exists(select 1 from chat_room_members vm where vm.room_id = chat_rooms.id and vm.user_id = ${userId})`,
  )!;
}

// Subqueries name the outer row as chat_rooms.id: drizzle leaves columns unqualified in a one-table
// select, and a bare "id" would bind to the subquery's own table.
const memberCount = sql<number>`(select count(*)::int from chat_room_members mc where mc.room_id = chat_rooms.id)`;
const isMemberOf = (userId: number | Placeholder) =>
  sql<boolean>`exists(select 1 from chat_room_members im where im.room_id = chat_rooms.id and im.user_id = ${userId})`;
const roomUnread = (userId: number) => sql<number>`coalesce((
  select count(*)::int from chat_messages um
  join chat_room_members ur on ur.room_id = um.room_id and ur.user_id = ${userId}
  where um.room_id = chat_rooms.id and um.id > ur.last_read_message_id and um.user_id <> ${userId} and um.deleted_at is null
), 0)`;
// Epoch milliseconds: both drivers hand back a float8 as a number, whatever their timestamp parsing.
const lastActivityMs = sql<number>`(extract(epoch from coalesce((select max(la.created_at) from chat_messages la where la.room_id = chat_rooms.id), chat_rooms.created_at)) * 1000)::float8`;

async function selectRooms(db: Database, userId: number, where: SQL | undefined, limit = 1, offset = 0): Promise<RoomOut[]> {
  const rows = await db
    .select({
      room: chatRooms,
      memberCount,
      isMember: isMemberOf(userId),
      unread: roomUnread(userId),
      lastActivityMs,
    })
    .from(chatRooms)
    .where(where)
    .orderBy(asc(chatRooms.name))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({
    id: r.room.id,
    name: r.room.name,
    description: r.room.description,
    is_private: r.room.isPrivate,
    member_count: Number(r.memberCount),
    created_by: r.room.createdBy,
    created_at: r.room.createdAt.toISOString(),
    is_member: Boolean(r.isMember),
    unread_count: Number(r.unread),
    last_activity: new Date(Number(r.lastActivityMs)).toISOString(),
  }));
}

async function roomOut(db: Database, userId: number, roomId: number): Promise<RoomOut> {
  const [room] = await selectRooms(db, userId, eq(chatRooms.id, roomId));
  if (!room) throw roomNotFound();
  return room;
}

interface VisibleRoom {
  room: ChatRoomRow;
  isMember: boolean;
}

// Every message sent reads its room: built once per database.
const visibleRoomQuery = preparedPerDatabase((db) =>
  db
    .select({ room: chatRooms, isMember: isMemberOf(sql.placeholder('userId')) })
    .from(chatRooms)
    .where(and(eq(chatRooms.name, sql.placeholder('name')), roomVisibleTo(sql.placeholder('userId'))))
    .limit(1)
    .prepare('chat_visible_room'),
);

/** The room by name if the user may see it (public, or a member); else ROOM_NOT_FOUND, like a missing one. */
async function visibleRoom(db: Database, userId: number, name: string): Promise<VisibleRoom> {
  const [row] = await visibleRoomQuery(db).execute({ userId, name });
  if (!row) throw roomNotFound();
  return { room: row.room, isMember: Boolean(row.isMember) };
}

/**
 * A private voice channel's room has exactly the channel's members (lib/voice/chat-room.ts), so they
 * are added and removed on the channel, never on the room.
 */
async function assertMembersAreOwn(db: Database, room: ChatRoomRow): Promise<void> {
  if (!room.isPrivate) return;
  const [bound] = await db.select({ id: voiceChannels.id }).from(voiceChannels).where(eq(voiceChannels.chatRoomId, room.id)).limit(1);
  if (bound) {
    throw new AppError('INVALID_STATE', `This room's members are those of its voice channel: add or remove them there (/channels/${bound.id}/members)`);
  }
}

/** Public rooms and the caller's private ones, by name, with the caller's membership and unread count. */
export async function listRooms(ctx: AuthedCtx, query: ListRoomsQuery): Promise<Page<RoomOut>> {
  const escaped = query.q?.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = and(
    roomVisibleTo(ctx.user.id),
    escaped ? sql`${chatRooms.name} like ${`%${escaped}%`}` : undefined,
    query.member === undefined ? undefined : query.member ? isMemberOf(ctx.user.id) : sql`not ${isMemberOf(ctx.user.id)}`,
  );
  const [items, [total]] = await Promise.all([
    selectRooms(ctx.db, ctx.user.id, where, query.limit, (query.page - 1) * query.limit),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(chatRooms).where(where),
  ]);
  return { items, pagination: pagination(query.page, query.limit, Number(total?.n ?? 0)) };
}

export async function getRoom(ctx: AuthedCtx, name: string): Promise<RoomOut> {
  const { room } = await visibleRoom(ctx.db, ctx.user.id, name);
  return roomOut(ctx.db, ctx.user.id, room.id);
}

/** Creates a room; its creator is its first member. A taken name is ROOM_EXISTS, even a private room's. */
export async function createRoom(ctx: AuthedCtx, input: CreateRoomInput): Promise<RoomOut> {
  const id = await ctx.db.transaction(async (tx) => {
    const [room] = await tx
      .insert(chatRooms)
      .values({ name: input.name, description: input.description || null, isPrivate: input.is_private, createdBy: ctx.user.id })
      .onConflictDoNothing({ target: chatRooms.name })
      .returning({ id: chatRooms.id });
    if (!room) throw new AppError('ROOM_EXISTS', 'A room with this name already exists');
    await tx.insert(chatRoomMembers).values({ roomId: room.id, userId: ctx.user.id });
    return room.id;
  });
  await publishFollow(userRoom(ctx.user.id), chatRoom(input.name), true);
  return roomOut(ctx.db, ctx.user.id, id);
}

/** Adds a member whose read mark starts at the room's latest message; false when already a member. */
async function insertMember(db: Database, roomId: number, userId: number, invitedBy: number | null): Promise<boolean> {
  const added = await db
    .insert(chatRoomMembers)
    .values({
      roomId,
      userId,
      invitedBy,
      lastReadMessageId: sql`coalesce((select max(id) from chat_messages where room_id = ${roomId}), 0)`,
    })
    .onConflictDoNothing()
    .returning({ userId: chatRoomMembers.userId });
  return added.length > 0;
}

/** Tells the room (and the new member's tabs, which start following it) that someone joined. */
async function announceMember(room: ChatRoomRow, user: { id: number; username: string }, invitedBy: number | null) {
  await publishFollow(userRoom(user.id), chatRoom(room.name), true);
  await publish([chatRoom(room.name), userRoom(user.id)], 'member_joined', {
    room: room.name,
    user_id: user.id,
    username: user.username,
    invited_by: invitedBy,
  });
}

/**
 * Adds a user to a room. A member may add anyone active (an invitation); anyone may add themself to a
 * public room (joining it). A private room the caller is not in is ROOM_NOT_FOUND. Idempotent.
 */
export async function addRoomMember(ctx: AuthedCtx, name: string, userId: number): Promise<RoomOut> {
  const { room, isMember } = await visibleRoom(ctx.db, ctx.user.id, name);
  const self = userId === ctx.user.id;
  if (!isMember && !self) throw new AppError('PERMISSION_DENIED', 'Only members of a room can invite others to it');
  await assertMembersAreOwn(ctx.db, room);
  const [target] = await ctx.db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(eq(users.id, userId), ne(users.status, 'banned')));
  if (!target) throw userNotFound();
  const invitedBy = self ? null : ctx.user.id;
  if (await insertMember(ctx.db, room.id, target.id, invitedBy)) await announceMember(room, target, invitedBy);
  return roomOut(ctx.db, ctx.user.id, room.id);
}

/** Joins a room for live events: a public room makes the caller a member, a private one needs membership. */
export async function joinRoom(ctx: AuthedCtx, name: string): Promise<RoomOut> {
  const { room, isMember } = await visibleRoom(ctx.db, ctx.user.id, name);
  if (!isMember && (await insertMember(ctx.db, room.id, ctx.user.id, null))) await announceMember(room, ctx.user, null);
  return roomOut(ctx.db, ctx.user.id, room.id);
}

/** Leaves a room: membership and read state go, and the caller's tabs stop following it. */
export async function leaveRoom(ctx: AuthedCtx, name: string): Promise<void> {
  const { room, isMember } = await visibleRoom(ctx.db, ctx.user.id, name);
  if (!isMember) return;
  await assertMembersAreOwn(ctx.db, room);
  await ctx.db.delete(chatRoomMembers).where(and(eq(chatRoomMembers.roomId, room.id), eq(chatRoomMembers.userId, ctx.user.id)));
  await publish([chatRoom(room.name), userRoom(ctx.user.id)], 'member_left', {
    room: room.name,
    user_id: ctx.user.id,
    username: ctx.user.username,
  });
  await publishFollow(userRoom(ctx.user.id), chatRoom(room.name), false);
}

/** Whether the user may follow a room's live events (the same rule as reading its history). */
export async function assertCanReadRoom(ctx: AuthedCtx, name: string): Promise<void> {
  await visibleRoom(ctx.db, ctx.user.id, name);
}

// ---- Messages

const sender = alias(users, 'sender');

const messageSelection = {
  message: chatMessages,
  username: sender.username,
  avatar: sender.avatar,
  roomName: chatRooms.name,
};

type MessageRow = { message: ChatMessageRow; username: string; avatar: string | null; roomName: string | null };

function selectMessages(db: Database) {
  return db
    .select(messageSelection)
    .from(chatMessages)
    .innerJoin(sender, eq(sender.id, chatMessages.userId))
    .leftJoin(chatRooms, eq(chatRooms.id, chatMessages.roomId));
}

/** A stored message as clients see it: deleted ones keep their place with blank content. */
export function toMessage(row: MessageRow): MessageOut | DirectMessageOut {
  const m = row.message;
  const common = {
    id: m.id,
    from_user: m.userId,
    from: m.userId,
    username: row.username,
    avatar: row.avatar,
    content: m.deletedAt ? '' : m.content,
    timestamp: m.createdAt.toISOString(),
    edited_at: m.editedAt?.toISOString() ?? null,
    deleted: m.deletedAt !== null,
    ...(m.clientId ? { client_id: m.clientId } : {}),
  };
  if (m.recipientId === null) return { ...common, room: row.roomName ?? '' };
  return { ...common, to_user: m.recipientId, to: m.recipientId, read_at: m.readAt?.toISOString() ?? null };
}

async function messageById(db: Database, id: number): Promise<MessageOut | DirectMessageOut> {
  const [row] = await selectMessages(db).where(eq(chatMessages.id, id));
  if (!row) throw messageNotFound();
  return toMessage(row);
}

function historyWhere(query: HistoryQuery): SQL | undefined {
  if (query.since !== undefined) return gt(chatMessages.id, query.since);
  if (query.before instanceof Date) return lt(chatMessages.createdAt, query.before);
  if (query.before !== undefined) return lt(chatMessages.id, query.before);
  return undefined;
}

/**
 * A page of history, oldest first. By id, so it is exact while messages arrive: `before` gives the
 * latest `limit` before it, `since` the first `limit` after it.
 */
async function history(db: Database, target: SQL, query: HistoryQuery) {
  const forward = query.since !== undefined;
  const rows = await selectMessages(db)
    .where(and(target, historyWhere(query)))
    .orderBy(forward ? asc(chatMessages.id) : desc(chatMessages.id))
    .limit(query.limit);
  if (!forward) rows.reverse();
  return rows.map(toMessage);
}

export async function listRoomMessages(ctx: AuthedCtx, name: string, query: HistoryQuery): Promise<MessageOut[]> {
  const { room } = await visibleRoom(ctx.db, ctx.user.id, name);
  return (await history(ctx.db, eq(chatMessages.roomId, room.id), query)) as MessageOut[];
}

export interface Sent<T> {
  message: T;
  /** False when a retried `client_id` found the message already stored (nothing was sent again). */
  created: boolean;
}

/** A message to store: in a room, or to a recipient. */
interface NewMessage {
  userId: number;
  content: string;
  clientId: string | null;
  roomId?: number;
  recipientId?: number;
}

/**
 * What a retried client_id answers when the insert stored nothing: the message stored the first time,
 * unless that client_id was used for another room or conversation.
 */
async function retriedMessage(db: Database, values: NewMessage): Promise<MessageOut | DirectMessageOut> {
  if (values.clientId === null) throw new Error('A message without client_id was not stored');
  const [existing] = await selectMessages(db).where(and(eq(chatMessages.userId, values.userId), eq(chatMessages.clientId, values.clientId)));
  const m = existing?.message;
  const sameTarget = m && (m.roomId ?? null) === (values.roomId ?? null) && (m.recipientId ?? null) === (values.recipientId ?? null);
  if (!existing || !sameTarget) throw new AppError('CONFLICT', 'This client_id was already used for another message');
  return toMessage(existing);
}

/**
 * Sending is chat's hot path, so it is one statement (atomic without a transaction), built once per
 * database: the `ins` CTE stores the message (nothing when a retried client_id already did), a second
 * one moves what the message moves (a read mark, a conversation), and the select reads it back with the
 * sender's name and avatar. No row means a retry: the caller answers retriedMessage, sent to no one again.
 */
function insertedMessage(db: Database) {
  const value = (name: keyof NewMessage) => sql.placeholder(name);
  return db
    .$with('ins')
    .as(
      db
        .insert(chatMessages)
        .values({ userId: value('userId'), roomId: value('roomId'), recipientId: value('recipientId'), content: value('content'), clientId: value('clientId') })
        .onConflictDoNothing({ target: [chatMessages.userId, chatMessages.clientId], where: isNotNull(chatMessages.clientId) })
        .returning(),
    );
}

function readBackInserted(db: Database, ins: ReturnType<typeof insertedMessage>, effect: Parameters<Database['with']>[0]) {
  return db
    .with(ins, effect)
    .select({ message: ins._.selectedFields, username: sender.username, avatar: sender.avatar })
    .from(ins)
    .innerJoin(sender, eq(sender.id, ins.userId));
}

/** The message a send statement stored, if it stored one (`values`: the message's, and the statement's own). */
async function stored(
  send: { execute(values: Record<string, unknown>): Promise<unknown[]> },
  values: NewMessage & Record<string, unknown>,
): Promise<Omit<MessageRow, 'roomName'> | undefined> {
  const [row] = (await send.execute({ roomId: null, recipientId: null, ...values })) as Omit<MessageRow, 'roomName'>[];
  return row && { ...row, message: row.message as ChatMessageRow };
}

/** A room message; the sender's read mark moves past it. */
const sendToRoom = preparedPerDatabase((db) => {
  const ins = insertedMessage(db);
  const mark = db.$with('mark').as(
    db
      .update(chatRoomMembers)
      .set({ lastReadMessageId: sql`greatest(${chatRoomMembers.lastReadMessageId}, (select id from ${ins}))` })
      .where(
        and(
          eq(chatRoomMembers.roomId, sql.placeholder('roomId')),
          eq(chatRoomMembers.userId, sql.placeholder('userId')),
          sql`exists (select 1 from ${ins})`,
        ),
      )
      .returning({ roomId: chatRoomMembers.roomId }),
  );
  return readBackInserted(db, ins, mark).prepare('chat_send_room');
});

/**
 * Stores a room message, then delivers it live to the room. Sending to a public room makes the sender
 * a member; a private room needs membership.
 */
export async function sendRoomMessage(ctx: AuthedCtx, name: string, input: SendInput): Promise<Sent<MessageOut>> {
  const { room, isMember } = await visibleRoom(ctx.db, ctx.user.id, name);
  const joined = !isMember && (await insertMember(ctx.db, room.id, ctx.user.id, null));
  if (joined) await announceMember(room, ctx.user, null);
  const values = { userId: ctx.user.id, roomId: room.id, content: input.content, clientId: input.client_id ?? null };
  const row = await stored(sendToRoom(ctx.db), values);
  if (row) {
    const message = toMessage({ ...row, roomName: room.name }) as MessageOut;
    await publish(chatRoom(room.name), 'message', message);
    return { message, created: true };
  }
  return { message: (await retriedMessage(ctx.db, values)) as MessageOut, created: false };
}

// ---- Direct messages

const pairOf = (a: number, b: number) => ({ low: Math.min(a, b), high: Math.max(a, b) });

/** Both directions of a conversation, in the form the pair index serves. */
function conversationTarget(a: number, b: number): SQL {
  const { low, high } = pairOf(a, b);
  return and(
    isNotNull(chatMessages.recipientId),
    sql`least(${chatMessages.userId}, ${chatMessages.recipientId}) = ${low}`,
    sql`greatest(${chatMessages.userId}, ${chatMessages.recipientId}) = ${high}`,
  )!;
}

/** Another user one can talk to: not oneself (400), not missing or banned (404 USER_NOT_FOUND). */
async function otherUser(ctx: AuthedCtx, userId: number) {
  if (userId === ctx.user.id) {
    throw new AppError('INVALID_INPUT', 'You cannot send direct messages to yourself', {
      details: [{ field: 'user_id', message: 'must be another user' }],
    });
  }
  const [row] = await ctx.db
    .select({ id: users.id, username: users.username, lastSeenAt: users.lastSeenAt })
    .from(users)
    .where(and(eq(users.id, userId), ne(users.status, 'banned')));
  if (!row) throw userNotFound();
  return row;
}

export async function listDirectMessages(ctx: AuthedCtx, userId: number, query: HistoryQuery): Promise<DirectMessageOut[]> {
  const other = await otherUser(ctx, userId);
  return (await history(ctx.db, conversationTarget(ctx.user.id, other.id), query)) as DirectMessageOut[];
}

/** A direct message; the conversation moves forward (never backwards: concurrent sends may commit out of order). */
const sendDirect = preparedPerDatabase((db) => {
  const ins = insertedMessage(db);
  const moved = db.$with('moved').as(
    db
      .insert(chatConversations)
      .select(
        db
          .select({
            userLow: sql<number>`${sql.placeholder('low')}::integer`.as('user_low'),
            userHigh: sql<number>`${sql.placeholder('high')}::integer`.as('user_high'),
            lastMessageId: ins.id,
            lastActivityAt: ins.createdAt,
          })
          .from(ins),
      )
      .onConflictDoUpdate({
        target: [chatConversations.userLow, chatConversations.userHigh],
        set: {
          lastMessageId: sql`greatest(${chatConversations.lastMessageId}, excluded.last_message_id)`,
          lastActivityAt: sql`greatest(${chatConversations.lastActivityAt}, excluded.last_activity_at)`,
        },
      })
      .returning({ userLow: chatConversations.userLow }),
  );
  return readBackInserted(db, ins, moved).prepare('chat_send_direct');
});

/** Stores a direct message and moves the conversation forward in one statement, then delivers it to every tab of both users. */
export async function sendDirectMessage(ctx: AuthedCtx, userId: number, input: SendInput): Promise<Sent<DirectMessageOut>> {
  const other = await otherUser(ctx, userId);
  const { low, high } = pairOf(ctx.user.id, other.id);
  const values = { userId: ctx.user.id, recipientId: other.id, content: input.content, clientId: input.client_id ?? null };
  const row = await stored(sendDirect(ctx.db), { ...values, low, high });
  if (row) {
    const message = toMessage({ ...row, roomName: null }) as DirectMessageOut;
    await publish([userRoom(ctx.user.id), userRoom(other.id)], 'dm', message);
    return { message, created: true };
  }
  return { message: (await retriedMessage(ctx.db, values)) as DirectMessageOut, created: false };
}

async function dmUnreadCount(db: Database, me: number, other: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(chatMessages)
    .where(
      and(eq(chatMessages.recipientId, me), eq(chatMessages.userId, other), isNull(chatMessages.readAt), isNull(chatMessages.deletedAt)),
    );
  return Number(row?.n ?? 0);
}

/**
 * Marks the other user's messages read up to `upTo` (default: all). The other user's tabs get
 * `read {by, with, up_to}` (a read receipt), and so do the reader's, which update their badges.
 */
export async function markConversationRead(ctx: AuthedCtx, userId: number, upTo?: number): Promise<ReadResult> {
  const other = await otherUser(ctx, userId);
  const marked = await ctx.db
    .update(chatMessages)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(chatMessages.recipientId, ctx.user.id),
        eq(chatMessages.userId, other.id),
        isNull(chatMessages.readAt),
        upTo === undefined ? undefined : lte(chatMessages.id, upTo),
      ),
    )
    .returning({ id: chatMessages.id });
  const [latest] = await ctx.db
    .select({ id: sql<number | null>`max(${chatMessages.id})` })
    .from(chatMessages)
    .where(and(conversationTarget(ctx.user.id, other.id), upTo === undefined ? undefined : lte(chatMessages.id, upTo)));
  const result = { up_to: Number(latest?.id ?? 0), unread_count: await dmUnreadCount(ctx.db, ctx.user.id, other.id) };
  if (marked.length > 0) {
    await publish([userRoom(other.id), userRoom(ctx.user.id)], 'read', { by: ctx.user.id, with: other.id, up_to: result.up_to });
  }
  return result;
}

/** Moves the caller's read mark in a room forward (never back); the caller's other tabs are told. */
export async function markRoomRead(ctx: AuthedCtx, name: string, upTo?: number): Promise<ReadResult> {
  const { room, isMember } = await visibleRoom(ctx.db, ctx.user.id, name);
  if (!isMember) throw new AppError('PERMISSION_DENIED', 'Join the room to keep its read state');
  const [latest] = await ctx.db
    .select({ id: sql<number | null>`max(${chatMessages.id})` })
    .from(chatMessages)
    .where(and(eq(chatMessages.roomId, room.id), upTo === undefined ? undefined : lte(chatMessages.id, upTo)));
  const target = Number(latest?.id ?? 0);
  const [updated] = await ctx.db
    .update(chatRoomMembers)
    .set({ lastReadMessageId: sql`greatest(${chatRoomMembers.lastReadMessageId}, ${target})` })
    .where(and(eq(chatRoomMembers.roomId, room.id), eq(chatRoomMembers.userId, ctx.user.id)))
    .returning({ lastRead: chatRoomMembers.lastReadMessageId });
  const out = await roomOut(ctx.db, ctx.user.id, room.id);
  const result = { up_to: updated?.lastRead ?? target, unread_count: out.unread_count };
  await publish(userRoom(ctx.user.id), 'read', { by: ctx.user.id, room: room.name, up_to: result.up_to });
  return result;
}

/** The caller's conversations, latest activity first, with unread counts and presence. */
export async function listConversations(ctx: AuthedCtx, query: { page: number; limit: number }): Promise<Page<ConversationOut>> {
  const me = ctx.user.id;
  const partner = alias(users, 'partner');
  const otherId = sql`case when ${chatConversations.userLow} = ${me} then ${chatConversations.userHigh} else ${chatConversations.userLow} end`;
  const where = and(
    or(eq(chatConversations.userLow, me), eq(chatConversations.userHigh, me)),
    ne(partner.status, 'banned'),
  );
  const unread = sql<number>`(select count(*)::int from chat_messages ur where ur.recipient_id = ${me} and ur.user_id = ${partner.id} and ur.read_at is null and ur.deleted_at is null)`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        partner,
        lastActivityAt: chatConversations.lastActivityAt,
        unread,
        lastMessage: chatMessages,
        lastUsername: sender.username,
        lastAvatar: sender.avatar,
      })
      .from(chatConversations)
      .innerJoin(partner, sql`${partner.id} = ${otherId}`)
      .leftJoin(chatMessages, eq(chatMessages.id, chatConversations.lastMessageId))
      .leftJoin(sender, eq(sender.id, chatMessages.userId))
      .where(where)
      .orderBy(desc(chatConversations.lastActivityAt), asc(partner.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(chatConversations)
      .innerJoin(partner, sql`${partner.id} = ${otherId}`)
      .where(where),
  ]);
  const online = await onlineAmong(rows.map((r) => r.partner.id));
  return {
    items: rows.map((r) => ({
      user_id: r.partner.id,
      username: r.partner.username,
      first_name: r.partner.firstName,
      last_name: r.partner.lastName,
      avatar: r.partner.avatar,
      last_message:
        r.lastMessage && r.lastUsername !== null
          ? (toMessage({ message: r.lastMessage, username: r.lastUsername, avatar: r.lastAvatar, roomName: null }) as DirectMessageOut)
          : null,
      last_activity: r.lastActivityAt.toISOString(),
      unread_count: Number(r.unread),
      is_online: online.has(r.partner.id),
      last_seen: r.partner.lastSeenAt?.toISOString() ?? null,
    })),
    pagination: pagination(query.page, query.limit, Number(total?.n ?? 0)),
  };
}

// ---- Edit and delete

/**
 * A message the user may see: in a room visible to them, or a DM they sent or received. Anything
 * else is 404, whatever the role (DMs are private, even to moderators).
 */
async function visibleMessage(ctx: AuthedCtx, id: number) {
  const [row] = await ctx.db
    .select({ message: chatMessages, roomName: chatRooms.name })
    .from(chatMessages)
    .leftJoin(chatRooms, eq(chatRooms.id, chatMessages.roomId))
    .where(
      and(
        eq(chatMessages.id, id),
        or(
          and(isNotNull(chatMessages.roomId), roomVisibleTo(ctx.user.id)),
          and(isNotNull(chatMessages.recipientId), or(eq(chatMessages.userId, ctx.user.id), eq(chatMessages.recipientId, ctx.user.id))),
        ),
      ),
    );
  if (!row) throw messageNotFound();
  return row;
}

function audienceOf(message: ChatMessageRow, roomName: string | null): string | string[] {
  return message.recipientId === null ? chatRoom(roomName!) : [userRoom(message.userId), userRoom(message.recipientId)];
}

/** The author edits the content of a message that is not deleted; everyone who can see it gets `message_updated`. */
export async function editMessage(ctx: AuthedCtx, id: number, content: string): Promise<MessageOut | DirectMessageOut> {
  const { message, roomName } = await visibleMessage(ctx, id);
  if (message.userId !== ctx.user.id) throw new AppError('PERMISSION_DENIED', 'Only its author can edit a message');
  if (message.deletedAt) throw new AppError('INVALID_STATE', 'A deleted message cannot be edited');
  await ctx.db
    .update(chatMessages)
    .set({ content, editedAt: new Date() })
    .where(and(eq(chatMessages.id, id), isNull(chatMessages.deletedAt)));
  const out = await messageById(ctx.db, id);
  await publish(audienceOf(message, roomName), 'message_updated', out);
  return out;
}

/**
 * Soft-deletes a message: its author, or a moderator for room messages. The row keeps its id and
 * place (history paging and unread counts stay consistent) but its content is erased. Idempotent.
 */
export async function deleteMessage(ctx: AuthedCtx, id: number): Promise<MessageOut | DirectMessageOut> {
  const { message, roomName } = await visibleMessage(ctx, id);
  const moderates = message.roomId !== null && roleAtLeast(ctx.user.role, 'moderator');
  if (message.userId !== ctx.user.id && !moderates) {
    throw new AppError('PERMISSION_DENIED', 'Only its author or a moderator can delete a message');
  }
  if (message.deletedAt) return messageById(ctx.db, id);
  await ctx.db
    .update(chatMessages)
    .set({ content: '', deletedAt: new Date(), deletedBy: ctx.user.id })
    .where(and(eq(chatMessages.id, id), isNull(chatMessages.deletedAt)));
  const out = await messageById(ctx.db, id);
  await publish(audienceOf(message, roomName), 'message_deleted', out);
  return out;
}

/** Whether a user may receive DMs and typing from others (exists and is not banned). */
export async function assertCanMessageUser(ctx: AuthedCtx, userId: number): Promise<{ id: number; username: string }> {
  return otherUser(ctx, userId);
}
