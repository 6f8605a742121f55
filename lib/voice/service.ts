import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { chatRooms } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { voiceChannelMembers, voiceChannels, voiceParticipants, type VoiceChannelRow } from '@/db/schema/voice';
import type { AuthedCtx } from '../context';
import { AppError, notFound } from '../errors';
import { pagination, type Page } from '../http/schemas';
import { userRoom } from '../realtime/events';
import { publish } from '../realtime/publish';
import { roleAtLeast } from '../users/schemas';
import { announceChatMembers, bindChatRoom, removeChatRoom, setChatRoomPrivacy, syncChatMembers } from './chat-room';
import { voiceRoom } from './events';
import { aggregateStats, scoreReport, type StoredStats } from './quality';
import { announceAll, channelNotFound, channelVisibleTo, isChannelMember, notInChannel, publishOccupancy, seatRef } from './seats';
import type {
  AudioStatsOut,
  ChannelMemberOut,
  ChannelOut,
  CreateChannelInput,
  ListChannelsQuery,
  StatisticsOut,
  StatsReport,
  UpdateChannelInput,
} from './schemas';

const currentUsers = sql<number>`(select count(*)::int from voice_participants cu where cu.channel_id = ${voiceChannels.id})`;
/** `\`, `%` and `_` taken literally in a LIKE pattern. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const isAdmin = (ctx: AuthedCtx) => roleAtLeast(ctx.user.role, 'admin');

function toChannel(row: { channel: VoiceChannelRow; currentUsers: number; chatRoom: string | null }): ChannelOut {
  const c = row.channel;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    max_users: c.maxUsers,
    is_private: c.isPrivate,
    current_users: Number(row.currentUsers),
    created_by: c.createdBy,
    chat_room: row.chatRoom,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

function selectChannels(db: Database, where: SQL | undefined) {
  return db
    .select({ channel: voiceChannels, currentUsers, chatRoom: chatRooms.name })
    .from(voiceChannels)
    .leftJoin(chatRooms, eq(chatRooms.id, voiceChannels.chatRoomId))
    .where(where);
}

async function channelOut(ctx: AuthedCtx, id: number): Promise<ChannelOut> {
  const [row] = await selectChannels(ctx.db, and(eq(voiceChannels.id, id), channelVisibleTo(ctx.user)));
  if (!row) throw channelNotFound();
  return toChannel(row);
}

/** Public channels and the caller's private ones (every private one for admins), by name. */
export async function listChannels(ctx: AuthedCtx, query: ListChannelsQuery): Promise<Page<ChannelOut>> {
  const where = and(
    channelVisibleTo(ctx.user),
    query.include_private ? undefined : eq(voiceChannels.isPrivate, false),
    query.name ? sql`lower(unaccent(${voiceChannels.name})) like lower(unaccent(${`%${escapeLike(query.name)}%`}::text))` : undefined,
    query.min_users !== undefined ? sql`${currentUsers} >= ${query.min_users}` : undefined,
    query.max_users !== undefined ? sql`${currentUsers} <= ${query.max_users}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectChannels(ctx.db, where)
      .orderBy(asc(sql`lower(${voiceChannels.name})`), asc(voiceChannels.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    ctx.db.select({ n: count() }).from(voiceChannels).where(where),
  ]);
  return { items: rows.map(toChannel), pagination: pagination(query.page, query.limit, Number(total?.n ?? 0)) };
}

export async function getChannel(ctx: AuthedCtx, id: number): Promise<ChannelOut> {
  return channelOut(ctx, id);
}

/** Creates a channel owned by the caller (its first member) with a bound chat room of the same privacy. */
export async function createChannel(ctx: AuthedCtx, input: CreateChannelInput): Promise<ChannelOut> {
  const id = await ctx.db.transaction(async (tx) => {
    const [channel] = await tx
      .insert(voiceChannels)
      .values({
        name: input.name,
        description: input.description,
        maxUsers: input.max_users,
        isPrivate: input.is_private,
        createdBy: ctx.user.id,
      })
      .returning();
    await tx.insert(voiceChannelMembers).values({ channelId: channel!.id, userId: ctx.user.id });
    const roomId = await bindChatRoom({ ...ctx, db: tx }, channel!);
    await tx.update(voiceChannels).set({ chatRoomId: roomId }).where(eq(voiceChannels.id, channel!.id));
    return channel!.id;
  });
  return channelOut(ctx, id);
}

/** The channel row for a change, locked: visible to the caller, and theirs unless they are an admin. */
async function channelForChange(ctx: AuthedCtx, tx: Database, id: number): Promise<VoiceChannelRow> {
  const [row] = await tx
    .select()
    .from(voiceChannels)
    .where(and(eq(voiceChannels.id, id), channelVisibleTo(ctx.user)))
    .for('update');
  if (!row) throw channelNotFound();
  if (row.createdBy !== ctx.user.id && !isAdmin(ctx)) {
    throw new AppError('PERMISSION_DENIED', "Only the channel's owner or an admin can change it");
  }
  return row;
}

/**
 * Changes a channel (owner or admin). `max_users` below the people in it now is 409 INVALID_STATE.
 * Making a channel private makes everyone in it now a member, so nobody is dropped from the call.
 */
export async function updateChannel(ctx: AuthedCtx, id: number, input: UpdateChannelInput): Promise<ChannelOut> {
  const privacy = await ctx.db.transaction(async (tx) => {
    const channel = await channelForChange(ctx, tx, id);
    const seated = await tx
      .select({ userId: voiceParticipants.userId })
      .from(voiceParticipants)
      .where(eq(voiceParticipants.channelId, id));
    if (input.max_users !== undefined && input.max_users < seated.length) {
      throw new AppError('INVALID_STATE', `${seated.length} people are in this channel now; max_users cannot be lower`);
    }
    if (input.is_private === true && !channel.isPrivate && seated.length) {
      await tx
        .insert(voiceChannelMembers)
        .values(seated.map((s) => ({ channelId: id, userId: s.userId })))
        .onConflictDoNothing();
    }
    await tx
      .update(voiceChannels)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.max_users !== undefined ? { maxUsers: input.max_users } : {}),
        ...(input.is_private !== undefined ? { isPrivate: input.is_private } : {}),
        updatedAt: new Date(),
      })
      .where(eq(voiceChannels.id, id));
    if (input.is_private === undefined || input.is_private === channel.isPrivate || channel.chatRoomId === null) return null;
    return setChatRoomPrivacy(tx, channel.chatRoomId, input.is_private, id);
  });
  if (privacy) {
    await announceChatMembers(ctx.db, privacy.room, privacy.dropped, false);
    if (input.is_private) await syncChatMembers(ctx.db, id, await memberIds(ctx.db, id), true);
  }
  if (input.is_private !== undefined) await publishOccupancy(ctx.db, [id]);
  return channelOut(ctx, id);
}

async function memberIds(db: Database, channelId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: voiceChannelMembers.userId })
    .from(voiceChannelMembers)
    .where(eq(voiceChannelMembers.channelId, channelId));
  return rows.map((r) => r.userId);
}

/** Deletes a channel (owner or admin) and its chat room; everyone in it is told they are out. */
export async function deleteChannel(ctx: AuthedCtx, id: number): Promise<void> {
  const seated = await ctx.db.transaction(async (tx) => {
    const channel = await channelForChange(ctx, tx, id);
    const gone = await tx
      .delete(voiceParticipants)
      .where(eq(voiceParticipants.channelId, id))
      .returning(seatRef);
    await tx.delete(voiceChannels).where(eq(voiceChannels.id, id));
    if (channel.chatRoomId !== null) await removeChatRoom(tx, channel.chatRoomId);
    return gone;
  });
  await announceAll(ctx.db, seated, 'channel_deleted');
}

// ---- Members of private channels

async function visibleChannelRow(ctx: AuthedCtx, id: number): Promise<VoiceChannelRow & { isMember: boolean }> {
  const [row] = await ctx.db
    .select({ channel: voiceChannels, isMember: isChannelMember(ctx.user.id) })
    .from(voiceChannels)
    .where(and(eq(voiceChannels.id, id), channelVisibleTo(ctx.user)));
  if (!row) throw channelNotFound();
  return { ...row.channel, isMember: Boolean(row.isMember) };
}

function selectMembers(db: Database, channelId: number, owner: number | null, userIds?: number[]) {
  return db
    .select({
      user_id: voiceChannelMembers.userId,
      username: users.username,
      avatar: users.avatar,
      is_owner: sql<boolean>`${voiceChannelMembers.userId} = ${owner ?? 0}`,
      added_at: voiceChannelMembers.addedAt,
    })
    .from(voiceChannelMembers)
    .innerJoin(users, eq(users.id, voiceChannelMembers.userId))
    .where(and(eq(voiceChannelMembers.channelId, channelId), userIds ? inArray(voiceChannelMembers.userId, userIds) : undefined))
    .orderBy(asc(voiceChannelMembers.addedAt), asc(voiceChannelMembers.userId));
}

const toMember = (m: { user_id: number; username: string; avatar: string | null; is_owner: boolean; added_at: Date }): ChannelMemberOut => ({
  ...m,
  is_owner: Boolean(m.is_owner),
  added_at: m.added_at.toISOString(),
});

export async function listChannelMembers(ctx: AuthedCtx, id: number): Promise<ChannelMemberOut[]> {
  const channel = await visibleChannelRow(ctx, id);
  return (await selectMembers(ctx.db, id, channel.createdBy)).map(toMember);
}

/**
 * Adds a member to a private channel: any member, or an admin, may add an active user (who also joins the
 * channel's chat room). Public channels are open to everyone: 409 INVALID_STATE. Idempotent.
 */
export async function addChannelMember(ctx: AuthedCtx, id: number, userId: number): Promise<ChannelMemberOut> {
  const channel = await visibleChannelRow(ctx, id);
  if (!channel.isMember && !isAdmin(ctx)) throw new AppError('PERMISSION_DENIED', 'Only members of this channel can add others');
  if (!channel.isPrivate) throw new AppError('INVALID_STATE', 'Public channels are open to everyone; membership is for private ones');
  const [target] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), ne(users.status, 'banned')));
  if (!target) throw notFound('User', 'USER_NOT_FOUND');
  const added = await ctx.db.insert(voiceChannelMembers).values({ channelId: id, userId }).onConflictDoNothing().returning();
  if (added.length) {
    await syncChatMembers(ctx.db, id, [userId], true);
    await publishOccupancy(ctx.db, [id]);
  }
  const [member] = await selectMembers(ctx.db, id, channel.createdBy, [userId]);
  return toMember(member!);
}

/**
 * Removes a member: the owner or an admin removes anyone but the owner; a member may remove themself. A
 * removed member seated in the channel is taken out of it (`voice:user-left`, reason `removed`).
 */
export async function removeChannelMember(ctx: AuthedCtx, id: number, userId: number): Promise<void> {
  const channel = await visibleChannelRow(ctx, id);
  const self = userId === ctx.user.id;
  if (!self && channel.createdBy !== ctx.user.id && !isAdmin(ctx)) {
    throw new AppError('PERMISSION_DENIED', "Only the channel's owner or an admin can remove other members");
  }
  if (userId === channel.createdBy) throw new AppError('INVALID_STATE', "The channel's owner cannot be removed");
  const removed = await ctx.db
    .delete(voiceChannelMembers)
    .where(and(eq(voiceChannelMembers.channelId, id), eq(voiceChannelMembers.userId, userId)))
    .returning();
  if (!removed.length) throw notFound('Member');
  if (!channel.isPrivate) return;
  await syncChatMembers(ctx.db, id, [userId], false);
  const seat = await ctx.db
    .delete(voiceParticipants)
    .where(and(eq(voiceParticipants.channelId, id), eq(voiceParticipants.userId, userId)))
    .returning(seatRef);
  await announceAll(ctx.db, seat, 'removed');
  // Someone who was only looking at the channel hears it too: it is no longer theirs to see.
  if (!seat.length) await publish(userRoom(userId), 'voice:user-left', { channel_id: id, user_id: userId, reason: 'removed' });
}

// ---- Quality

async function seatedWithStats(db: Database, channelId: number) {
  const rows = await db
    .select({ id: users.id, username: users.username, stats: voiceParticipants.stats })
    .from(voiceParticipants)
    .innerJoin(users, eq(users.id, voiceParticipants.userId))
    .where(eq(voiceParticipants.channelId, channelId))
    .orderBy(asc(voiceParticipants.joinedAt), asc(voiceParticipants.userId));
  return rows.map((r) => ({ ...r, stats: (r.stats as StoredStats | null) ?? null }));
}

export async function getAudioStats(ctx: AuthedCtx, id: number): Promise<AudioStatsOut> {
  await visibleChannelRow(ctx, id);
  return aggregateStats(await seatedWithStats(ctx.db, id), new Date());
}

export async function getStatistics(ctx: AuthedCtx, id: number): Promise<StatisticsOut> {
  const channel = await visibleChannelRow(ctx, id);
  const now = new Date();
  const seated = await seatedWithStats(ctx.db, id);
  const since = seated.length && channel.occupiedSince ? channel.occupiedSince.getTime() : now.getTime();
  return {
    channel_id: id,
    current_users: seated.length,
    total_connections: channel.totalConnections,
    uptime_seconds: Math.max(0, Math.floor((now.getTime() - since) / 1000)),
    audio_stats: aggregateStats(seated, now),
  };
}

/**
 * Records the getStats summary of the caller's seat (held by `socketId`), scores it and tells the channel.
 * Loss is measured since the seat's previous report.
 */
export async function recordStats(ctx: AuthedCtx, socketId: string, report: StatsReport): Promise<StoredStats> {
  const where = and(eq(voiceParticipants.userId, ctx.user.id), eq(voiceParticipants.socketId, socketId));
  const [seat] = await ctx.db.select({ channelId: voiceParticipants.channelId, stats: voiceParticipants.stats }).from(voiceParticipants).where(where);
  if (!seat) throw notInChannel();
  const scored = scoreReport((seat.stats as StoredStats | null) ?? null, report, new Date());
  const [updated] = await ctx.db.update(voiceParticipants).set({ stats: scored }).where(where).returning({ userId: voiceParticipants.userId });
  if (!updated) throw notInChannel();
  await publish(voiceRoom(seat.channelId), 'voice:quality', {
    channel_id: seat.channelId,
    user_id: ctx.user.id,
    mos: scored.mos,
    quality: scored.quality,
    rtt_ms: report.rtt_ms ?? null,
    jitter_ms: report.jitter_ms ?? null,
    packet_loss_rate: scored.packet_loss_rate,
  });
  return scored;
}
