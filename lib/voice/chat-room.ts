// The text chat of a voice channel: a chat room bound to it (voice_channels.chat_room_id) with the same
// privacy; a private channel's room has exactly the channel's members.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { chatRoomMembers, chatRooms } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { voiceChannelMembers, voiceChannels, type VoiceChannelRow } from '@/db/schema/voice';
import { createRoom } from '../chat/service';
import type { AuthedCtx } from '../context';
import { chatRoom, userRoom } from '../realtime/events';
import { publish, publishFollow } from '../realtime/publish';

/** A readable, unguessable room name (`jam-room-3fa9c1`), so nobody can take a channel's name in advance. */
export function chatRoomNameFor(channelName: string): string {
  const slug = channelName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || 'voice'}-${randomBytes(3).toString('hex')}`;
}

/** Creates the channel's room inside the channel's transaction (`ctx.db`); the owner is its first member. */
export async function bindChatRoom(ctx: AuthedCtx, channel: VoiceChannelRow): Promise<number> {
  const room = await createRoom(ctx, {
    name: chatRoomNameFor(channel.name),
    description: `Text chat of the voice channel “${channel.name}”`.slice(0, 500),
    is_private: channel.isPrivate,
  });
  return room.id;
}

async function boundRoom(db: Database, channelId: number) {
  const [row] = await db
    .select({ id: chatRooms.id, name: chatRooms.name, isPrivate: chatRooms.isPrivate })
    .from(voiceChannels)
    .innerJoin(chatRooms, eq(chatRooms.id, voiceChannels.chatRoomId))
    .where(eq(voiceChannels.id, channelId));
  return row;
}

/**
 * Makes users members of a private channel's room (or no longer members), with the chat's live events.
 * Public rooms are left alone: anyone joins them through the chat.
 */
export async function syncChatMembers(db: Database, channelId: number, userIds: number[], member: boolean): Promise<void> {
  const room = await boundRoom(db, channelId);
  if (!room?.isPrivate || userIds.length === 0) return;
  const changed = member
    ? await db
        .insert(chatRoomMembers)
        .values(
          userIds.map((userId) => ({
            roomId: room.id,
            userId,
            // A new member starts with everything before now read, as the chat does.
            lastReadMessageId: sql`coalesce((select max(id) from chat_messages where room_id = ${room.id}), 0)`,
          })),
        )
        .onConflictDoNothing()
        .returning({ userId: chatRoomMembers.userId })
    : await db
        .delete(chatRoomMembers)
        .where(and(eq(chatRoomMembers.roomId, room.id), inArray(chatRoomMembers.userId, userIds)))
        .returning({ userId: chatRoomMembers.userId });
  await announceChatMembers(db, room.name, changed.map((c) => c.userId), member);
}

/** The chat's live events for membership changes: `member_joined` / `member_left`, and sockets following the room or not. */
export async function announceChatMembers(db: Database, roomName: string, userIds: number[], member: boolean): Promise<void> {
  if (userIds.length === 0) return;
  const named = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, userIds));
  for (const user of named) {
    const target = [chatRoom(roomName), userRoom(user.id)];
    if (member) {
      await publishFollow(userRoom(user.id), chatRoom(roomName), true);
      await publish(target, 'member_joined', { room: roomName, user_id: user.id, username: user.username, invited_by: null });
    } else {
      await publish(target, 'member_left', { room: roomName, user_id: user.id, username: user.username });
      await publishFollow(userRoom(user.id), chatRoom(roomName), false);
    }
  }
}

/**
 * Gives the room the channel's privacy (inside the channel's transaction). A room made private keeps only
 * the channel's members: whoever had joined the public room's chat is dropped (returned, to announce
 * with {@link announceChatMembers} after the commit, before {@link syncChatMembers} adds the members).
 */
export async function setChatRoomPrivacy(
  tx: Database,
  roomId: number,
  isPrivate: boolean,
  channelId: number,
): Promise<{ room: string; dropped: number[] }> {
  const [room] = await tx.update(chatRooms).set({ isPrivate }).where(eq(chatRooms.id, roomId)).returning({ name: chatRooms.name });
  if (!isPrivate || !room) return { room: room?.name ?? '', dropped: [] };
  const members = tx
    .select({ userId: voiceChannelMembers.userId })
    .from(voiceChannelMembers)
    .where(eq(voiceChannelMembers.channelId, channelId));
  const dropped = await tx
    .delete(chatRoomMembers)
    .where(and(eq(chatRoomMembers.roomId, roomId), notInArray(chatRoomMembers.userId, members)))
    .returning({ userId: chatRoomMembers.userId });
  return { room: room.name, dropped: dropped.map((d) => d.userId) };
}

/** Deletes a channel's room with its messages (inside the channel's transaction). */
export async function removeChatRoom(tx: Database, roomId: number): Promise<void> {
  await tx.delete(chatRooms).where(eq(chatRooms.id, roomId));
}
