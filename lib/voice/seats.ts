// Seats: who is in which channel right now, one voice_participants row per user (service.ts also frees
// seats when a channel is deleted or a member removed).
// Capacity holds under concurrency because a join counts the seats while it holds the channel row's lock;
// a user's own joins (two tabs at once) are serialized by an advisory lock on the user.
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { voiceChannels, voiceParticipants } from '@/db/schema/voice';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '../context';
import { AppError, notFound } from '../errors';
import { publish, publishFollow } from '../realtime/publish';
import { userRoom } from '../realtime/events';
import { roleAtLeast } from '../users/schemas';
import { seatRoom, VOICE_LOBBY, voiceRoom, type LeaveReason, type VoiceParticipant } from './events';

export const channelNotFound = () => notFound('Channel', 'CHANNEL_NOT_FOUND');

/** What identifies a freed seat for its announcement. */
export const seatRef = { userId: voiceParticipants.userId, channelId: voiceParticipants.channelId, socketId: voiceParticipants.socketId };

/** Whether the user is a member of the channel of the row (for private channels: who may join). */
export function isChannelMember(userId: number) {
  return sql<boolean>`exists(select 1 from voice_channel_members vcm where vcm.channel_id = ${voiceChannels.id} and vcm.user_id = ${userId})`;
}

/** Public channels and the private ones the user is a member of; admins see every channel. */
export function channelVisibleTo(user: { id: number; role: AuthedCtx['user']['role'] }) {
  if (roleAtLeast(user.role, 'admin')) return undefined;
  return or(eq(voiceChannels.isPrivate, false), isChannelMember(user.id));
}

/** Where a seat lives: the socket holding it and the server instance that socket is connected to. */
export interface SeatHolder {
  socketId: string;
  instanceId: string;
}

export interface SeatTaken {
  channelId: number;
  participants: VoiceParticipant[];
  /** The user's seat before this join, if any. */
  previous: { channelId: number; socketId: string } | null;
  /** The channel's occupancy as the join counted it. */
  occupancy: KnownOccupancy;
}

export interface KnownOccupancy {
  id: number;
  isPrivate: boolean;
  current: number;
}

/** The seated users of a channel, in order of arrival. */
export async function channelParticipants(db: Database, channelId: number): Promise<VoiceParticipant[]> {
  const rows = await db
    .select({
      user_id: voiceParticipants.userId,
      username: users.username,
      muted: voiceParticipants.muted,
      deafened: voiceParticipants.deafened,
    })
    .from(voiceParticipants)
    .innerJoin(users, eq(users.id, voiceParticipants.userId))
    .where(eq(voiceParticipants.channelId, channelId))
    .orderBy(asc(voiceParticipants.joinedAt), asc(voiceParticipants.userId));
  return rows;
}

/**
 * Seats the caller in a channel from `holder`, moving their seat when another socket (a second tab, another
 * device) or another channel held it. `enter` runs inside the transaction once the seat is written, so the
 * socket is in the channel's room before anyone else can see the seat. CHANNEL_NOT_FOUND for a channel the
 * caller cannot see, PERMISSION_DENIED for a private one they are not a member of (only admins see those),
 * CHANNEL_FULL when every seat is taken by others.
 */
export async function takeSeat(
  ctx: AuthedCtx,
  channelId: number,
  holder: SeatHolder,
  enter: () => void | Promise<void>,
): Promise<SeatTaken> {
  const user = ctx.user;
  const outcome = await ctx.db.transaction(async (tx) => {
    const [channel] = await tx
      .select({
        id: voiceChannels.id,
        maxUsers: voiceChannels.maxUsers,
        isPrivate: voiceChannels.isPrivate,
        isMember: isChannelMember(user.id),
        // The user's lock, taken as the row is read and before the row is locked (projection runs below
        // FOR UPDATE): one round trip for both, in the same order as ever.
        userLock: sql<unknown>`pg_advisory_xact_lock(hashtext('voice-seat'), ${user.id})`,
      })
      .from(voiceChannels)
      .where(and(eq(voiceChannels.id, channelId), channelVisibleTo(user)))
      .for('update', { of: voiceChannels });
    if (!channel) throw channelNotFound();
    if (channel.isPrivate && !channel.isMember) {
      throw new AppError('PERMISSION_DENIED', 'This private channel is for its members only');
    }
    // Counted under the channel's lock: nobody else takes a seat here until this commits.
    const [seats] = await tx
      .select({
        previousChannel: sql<number | null>`(select p.channel_id from voice_participants p where p.user_id = ${user.id})`,
        previousSocket: sql<string | null>`(select p.socket_id from voice_participants p where p.user_id = ${user.id})`,
        others: sql<number>`(select count(*)::int from voice_participants p where p.channel_id = ${channelId} and p.user_id <> ${user.id})`,
      })
      .from(voiceChannels)
      .where(eq(voiceChannels.id, channelId));
    const previous = seats?.previousChannel != null ? { channelId: Number(seats.previousChannel), socketId: seats.previousSocket! } : null;
    const sameChannel = previous?.channelId === channelId;
    const now = new Date();
    const occupied = Number(seats?.others ?? 0);
    const result = { previous, occupancy: { id: channelId, isPrivate: channel.isPrivate, current: occupied + 1 } };
    if (sameChannel && previous.socketId === holder.socketId) {
      // Joining again from the same socket changes nothing (mute state included).
      await tx.update(voiceParticipants).set({ heartbeatAt: now }).where(eq(voiceParticipants.userId, user.id));
      await enter();
      return result;
    }
    if (!sameChannel && occupied >= channel.maxUsers) throw new AppError('CHANNEL_FULL', 'Every seat in this channel is taken');

    // A new socket starts unmuted with no stats of its own; a move within the channel keeps its place.
    const fresh = { socketId: holder.socketId, instanceId: holder.instanceId, muted: false, deafened: false, heartbeatAt: now, stats: null };
    await tx
      .insert(voiceParticipants)
      .values({ userId: user.id, channelId, joinedAt: now, ...fresh })
      .onConflictDoUpdate({
        target: voiceParticipants.userId,
        set: sameChannel ? fresh : { ...fresh, channelId, joinedAt: now },
      });
    if (!sameChannel) {
      await tx
        .update(voiceChannels)
        .set({
          totalConnections: sql`${voiceChannels.totalConnections} + 1`,
          ...(occupied === 0 ? { occupiedSince: now } : {}),
        })
        .where(eq(voiceChannels.id, channelId));
    }
    await enter();
    return result;
  });
  // Read after the commit, so the channel's lock is held no longer than the seat needs.
  return { channelId, participants: await channelParticipants(ctx.db, channelId), ...outcome };
}

/** Frees the seat `socketId` holds (in `channelId`, when given), if it still holds one; returns its channel. */
export async function vacateSeat(db: Database, userId: number, socketId: string, channelId?: number): Promise<number | null> {
  const [row] = await db
    .delete(voiceParticipants)
    .where(
      and(
        eq(voiceParticipants.userId, userId),
        eq(voiceParticipants.socketId, socketId),
        channelId === undefined ? undefined : eq(voiceParticipants.channelId, channelId),
      ),
    )
    .returning({ channelId: voiceParticipants.channelId });
  return row?.channelId ?? null;
}

/** Tells a channel that someone is gone, and the channel list its new occupancy. */
export async function announceLeft(db: Database, channelId: number, userId: number, reason: LeaveReason): Promise<void> {
  await publish(voiceRoom(channelId), 'voice:user-left', { channel_id: channelId, user_id: userId, reason });
  await publishOccupancy(db, [channelId]);
}

/**
 * Sends the current occupancy of channels to whoever may list them: the lobby for public channels, the
 * members' own rooms for private ones (the lobby is open to every signed-in socket).
 */
export async function publishOccupancy(db: Database, channelIds: number[]): Promise<void> {
  if (channelIds.length === 0) return;
  const rows = await db
    .select({
      id: voiceChannels.id,
      isPrivate: voiceChannels.isPrivate,
      current: sql<number>`(select count(*)::int from voice_participants p where p.channel_id = ${voiceChannels.id})`,
      members: sql<number[]>`case when ${voiceChannels.isPrivate} then coalesce((select array_agg(m.user_id) from voice_channel_members m where m.channel_id = ${voiceChannels.id}), '{}') else '{}' end`,
    })
    .from(voiceChannels)
    .where(inArray(voiceChannels.id, [...new Set(channelIds)]));
  for (const row of rows) {
    const payload = { channel_id: row.id, current_users: Number(row.current) };
    const rooms = row.isPrivate ? row.members.map((id) => userRoom(Number(id))) : [VOICE_LOBBY];
    if (rooms.length) await publish(rooms, 'voice:occupancy', payload);
  }
}

/** Occupancy a join has just counted: public channels need no lookup to announce it. */
export async function publishKnownOccupancy(db: Database, occupancy: KnownOccupancy): Promise<void> {
  if (occupancy.isPrivate) return publishOccupancy(db, [occupancy.id]);
  await publish(VOICE_LOBBY, 'voice:occupancy', { channel_id: occupancy.id, current_users: occupancy.current });
}

/** Updates the caller's mute and deafen state; PERMISSION_DENIED unless this socket holds their seat. */
export async function setSeatState(
  db: Database,
  userId: number,
  socketId: string,
  state: { muted?: boolean; deafened?: boolean },
): Promise<{ channelId: number; muted: boolean; deafened: boolean }> {
  const [row] = await db
    .update(voiceParticipants)
    .set(state)
    .where(and(eq(voiceParticipants.userId, userId), eq(voiceParticipants.socketId, socketId)))
    .returning();
  if (!row) throw notInChannel();
  return { channelId: row.channelId, muted: row.muted, deafened: row.deafened };
}

export const notInChannel = () => new AppError('PERMISSION_DENIED', 'Join a voice channel from this connection first');

/** Whether the user is seated in the channel (on any instance). */
export async function isSeatedIn(db: Database, userId: number, channelId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: voiceParticipants.userId })
    .from(voiceParticipants)
    .where(and(eq(voiceParticipants.userId, userId), eq(voiceParticipants.channelId, channelId)));
  return !!row;
}

/** Takes a socket out of a channel's rooms, on whichever instance it is connected to. */
export async function unfollowChannel(socketId: string, channelId: number, userId: number): Promise<void> {
  await publishFollow(socketId, voiceRoom(channelId), false);
  await publishFollow(socketId, seatRoom(channelId, userId), false);
}

/** Keeps this instance's live seats from being swept. */
export async function refreshHeartbeats(db: Database, instanceId: string, socketIds: string[]): Promise<void> {
  const now = new Date();
  for (let i = 0; i < socketIds.length; i += 1000) {
    await db
      .update(voiceParticipants)
      .set({ heartbeatAt: now })
      .where(and(eq(voiceParticipants.instanceId, instanceId), inArray(voiceParticipants.socketId, socketIds.slice(i, i + 1000))));
  }
}

/** Frees seats no instance has vouched for within `timeoutMs` (their instance died or lost them). */
export async function sweepStaleSeats(db: Database, timeoutMs: number): Promise<number> {
  const gone = await db
    .delete(voiceParticipants)
    .where(lt(voiceParticipants.heartbeatAt, new Date(Date.now() - timeoutMs)))
    .returning(seatRef);
  await announceAll(db, gone, 'timeout');
  return gone.length;
}

/** An instance starting under an id seen before frees the seats its previous life left behind. */
export async function clearInstanceSeats(db: Database, instanceId: string): Promise<number> {
  const gone = await db
    .delete(voiceParticipants)
    .where(eq(voiceParticipants.instanceId, instanceId))
    .returning(seatRef);
  await announceAll(db, gone, 'disconnected');
  return gone.length;
}

/**
 * Tells channels that seats were freed by someone else than their holder (a sweep, a removal, a deleted
 * channel): the holder sees its own user id, and its socket stops following the channel.
 */
export async function announceAll(db: Database, gone: { userId: number; channelId: number; socketId: string }[], reason: LeaveReason): Promise<void> {
  for (const seat of gone) {
    await publish(voiceRoom(seat.channelId), 'voice:user-left', { channel_id: seat.channelId, user_id: seat.userId, reason });
  }
  // After every announcement, so that each of them reaches all who were in the channel.
  for (const seat of gone) await unfollowChannel(seat.socketId, seat.channelId, seat.userId);
  await publishOccupancy(db, gone.map((s) => s.channelId));
}
