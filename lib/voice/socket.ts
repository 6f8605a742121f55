// Voice signalling over Socket.IO: seats (join, leave, leave on disconnect), the relay of WebRTC offers,
// answers and ICE candidates between seated peers, mute/deafen/speaking state and quality reports. Seats
// are database rows shared by every instance; events travel through Socket.IO rooms (and the Redis
// adapter between instances). Each instance vouches for its seats with a heartbeat; a sweep on every
// instance frees the seats of one that died.
import os from 'node:os';
import type { Database } from '@/db/client';
import type { AuthedCtx } from '../context';
import { durationMs, env } from '../env';
import { AppError } from '../errors';
import { log } from '../log';
import { publish } from '../realtime/publish';
import { handler, onEvents, type EventHandler } from '../realtime/on';
import type { RealtimeServer, RealtimeSocket } from '../realtime/server';
import { getAudioConfig } from './audio-config';
import { seatRoom, VOICE_LOBBY, voiceRoom, type VoiceJoinResult } from './events';
import { joinEvent, leaveEvent, signalEvent, stateEvent, statsEvent, watchEvent } from './schemas';
import {
  announceLeft,
  clearInstanceSeats,
  publishKnownOccupancy,
  publishOccupancy,
  refreshHeartbeats,
  isSeatedIn,
  notInChannel,
  setSeatState,
  sweepStaleSeats,
  takeSeat,
  unfollowChannel,
  vacateSeat,
} from './seats';
import { recordStats } from './service';

/** Per-connection budgets: `burst` events at once, refilled evenly over `windowMs`. */
export const voiceLimits = {
  /** join, leave, watch */
  seat: { burst: 10, windowMs: 10_000 },
  /** Offers, answers and trickled candidates: joining a full 50-seat mesh sends a few hundred at once. */
  signal: { burst: 500, windowMs: 10_000 },
  /** Speaking flips with every phrase. */
  state: { burst: 20, windowMs: 5_000 },
  /** About one quality report a second. */
  stats: { burst: 2, windowMs: 2_000 },
} as const;
type Budget = keyof typeof voiceLimits;

/** Kept in `socket.data.voice`, created on the first voice event (other connections carry none). */
export interface VoiceConnectionState {
  buckets: Partial<Record<Budget, { tokens: number; at: number }>>;
  /** Mute state of the seat this socket holds: it alone changes it, so speaking flips need no lookup. */
  seat?: { muted: boolean; deafened: boolean };
}

/**
 * Sockets whose disconnect frees their seat: the listener is added on a socket's first join. Not in
 * `socket.data`, which a resumed connection inherits while its socket object (and listeners) are new.
 */
const leavesOnDisconnect = new WeakSet<RealtimeSocket>();

function spend(socket: RealtimeSocket, budget: Budget): void {
  const { burst, windowMs } = voiceLimits[budget];
  const now = Date.now();
  const state = (socket.data.voice ??= { buckets: {} });
  const bucket = (state.buckets[budget] ??= { tokens: burst, at: now });
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / windowMs) * burst);
  bucket.at = now;
  if (bucket.tokens < 1) throw new AppError('RATE_LIMITED', `Too many voice events (${budget}); slow down`);
  bucket.tokens -= 1;
}

const isChannelRoom = (room: string) => /^voice:\d+$/.test(room);
/** A channel's room or a seat's room (lib/voice/events.ts). */
const isVoiceRoom = (room: string) => /^voice:\d+(:\d+)?$/.test(room);

/**
 * The channel whose room the socket is in: the rooms follow the seats (joined with the seat, left when
 * it is freed or moves, on any instance), so relays and speaking flips need no database lookup.
 */
function seatedChannel(socket: RealtimeSocket): number | null {
  for (const room of socket.rooms) if (isChannelRoom(room)) return Number(room.slice('voice:'.length));
  return null;
}

export interface VoiceSocketDeps {
  db: () => Promise<Database>;
  io: RealtimeServer;
}

// ---- The instance: its id, heartbeat and sweep

interface VoiceInstance {
  /** Host and port: stable across restarts, so a restarted instance frees its old seats at once. */
  id: string;
  /** Settles once the seats left by this instance's previous run are freed; joins wait for it. */
  ready: Promise<void>;
}

/** Starts this instance's heartbeat and sweep when the http server listens; stops them when it closes. */
function startInstance(deps: VoiceSocketDeps): VoiceInstance {
  const server = deps.io.httpServer;
  const timeoutMs = durationMs(env().VOICE_SEAT_TIMEOUT);
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  let started!: () => void;
  const instance: VoiceInstance = { id: '', ready: new Promise<void>((resolve) => (started = resolve)) };

  const tick = async () => {
    if (ticking) return; // a slow database: let the running one finish
    ticking = true;
    try {
      const db = await deps.db();
      const seated = [...deps.io.of('/').adapter.rooms].filter(([room]) => isChannelRoom(room)).flatMap(([, ids]) => [...ids]);
      await refreshHeartbeats(db, instance.id, seated);
      const swept = await sweepStaleSeats(db, timeoutMs);
      if (swept) log().info({ swept }, 'stale voice seats freed');
    } catch (err) {
      log().warn({ err }, 'voice heartbeat failed');
    } finally {
      ticking = false;
    }
  };

  const start = async () => {
    const address = server.address();
    instance.id = `${os.hostname()}:${address && typeof address === 'object' ? address.port : process.pid}`;
    try {
      const cleared = await clearInstanceSeats(await deps.db(), instance.id);
      if (cleared) log().info({ cleared, instance: instance.id }, 'voice seats of a previous run freed');
    } catch (err) {
      log().warn({ err }, 'voice seats of a previous run not freed');
    }
    started();
    timer = setInterval(() => void tick(), Math.max(100, Math.floor(timeoutMs / 3)));
    timer.unref();
  };

  if (server.listening) void start();
  else server.once('listening', () => void start());
  server.once('close', () => clearInterval(timer));
  return instance;
}

// ---- Events

/** A seat's socket went away: free the seat it still holds and tell the channel. */
async function leaveOnDisconnect(socket: RealtimeSocket, deps: VoiceSocketDeps): Promise<void> {
  const userId = socket.data.user.id;
  try {
    const db = await deps.db();
    const channelId = await vacateSeat(db, userId, socket.id);
    if (channelId !== null) await announceLeft(db, channelId, userId, 'disconnected');
  } catch (err) {
    log().warn({ err, userId }, 'voice seat not freed on disconnect');
  }
}

export function voiceHandlers(deps: VoiceSocketDeps, instance: VoiceInstance): Record<string, EventHandler> {
  const ctxOf = async (socket: RealtimeSocket): Promise<AuthedCtx> => ({ db: await deps.db(), user: socket.data.user });

  return {
    'voice:join': handler(joinEvent, async ({ channel_id }, socket): Promise<VoiceJoinResult> => {
      spend(socket, 'seat');
      if (!leavesOnDisconnect.has(socket)) {
        leavesOnDisconnect.add(socket);
        socket.once('disconnect', () => void leaveOnDisconnect(socket, deps));
      }
      await instance.ready;
      const ctx = await ctxOf(socket);
      const me = ctx.user;
      const room = voiceRoom(channel_id);
      const rooms = [room, seatRoom(channel_id, me.id)];
      const wasInRoom = socket.rooms.has(room);
      let entered = false;
      let seat;
      try {
        seat = await takeSeat(ctx, channel_id, { socketId: socket.id, instanceId: instance.id }, async () => {
          // In the rooms before the seat is visible: whoever joins after us reaches us.
          for (const r of socket.rooms) if (isVoiceRoom(r) && !rooms.includes(r)) await socket.leave(r);
          await socket.join(rooms);
          entered = true;
        });
      } catch (err) {
        if (entered) {
          if (!wasInRoom) for (const r of rooms) await socket.leave(r);
          const channelId = await vacateSeat(ctx.db, me.id, socket.id);
          if (channelId !== null) await announceLeft(ctx.db, channelId, me.id, 'left');
        }
        throw err;
      }
      if (socket.disconnected) {
        // Gone while the seat was being taken: its disconnect found nothing to free.
        await leaveOnDisconnect(socket, deps);
        throw new AppError('INVALID_STATE', 'Disconnected while joining');
      }

      const { previous } = seat;
      const self = seat.participants.find((p) => p.user_id === me.id);
      // Taken out again (removed, channel deleted) between the commit and this read.
      if (!self) throw new AppError('INVALID_STATE', 'You are no longer in this channel');
      (socket.data.voice ??= { buckets: {} }).seat = { muted: self.muted, deafened: self.deafened };
      const changedChannel = previous?.channelId !== channel_id;
      if (previous && previous.socketId !== socket.id) {
        // Another tab or device held the seat: it is out (it sees its own user id), then this one is in.
        const left = { channel_id: previous.channelId, user_id: me.id, reason: 'moved' as const };
        if (changedChannel) await publish(voiceRoom(previous.channelId), 'voice:user-left', left);
        else socket.to(room).emit('voice:user-left', left);
        await unfollowChannel(previous.socketId, previous.channelId, me.id);
      } else if (previous && changedChannel) {
        await publish(voiceRoom(previous.channelId), 'voice:user-left', { channel_id: previous.channelId, user_id: me.id, reason: 'left' });
      }
      if (!previous || previous.socketId !== socket.id || changedChannel) {
        socket.to(room).emit('voice:user-joined', { channel_id, ...self });
      }
      const [config] = await Promise.all([
        getAudioConfig(ctx.db),
        changedChannel ? publishKnownOccupancy(ctx.db, seat.occupancy) : undefined,
        changedChannel && previous ? publishOccupancy(ctx.db, [previous.channelId]) : undefined,
      ]);
      return { channel_id, participants: seat.participants, ice_servers: config.ice_servers };
    }),

    'voice:leave': handler(leaveEvent, async ({ channel_id }, socket) => {
      spend(socket, 'seat');
      const ctx = await ctxOf(socket);
      const channelId = await vacateSeat(ctx.db, ctx.user.id, socket.id, channel_id);
      const leaving = channelId ?? channel_id;
      for (const r of socket.rooms) {
        if (isVoiceRoom(r) && (leaving === undefined || r === voiceRoom(leaving) || r.startsWith(`${voiceRoom(leaving)}:`))) await socket.leave(r);
      }
      if (channelId !== null) await announceLeft(ctx.db, channelId, ctx.user.id, 'left');
      return { channel_id: channelId };
    }),

    'voice:signal': handler(signalEvent, async ({ to, description, candidate }, socket) => {
      spend(socket, 'signal');
      const me = socket.data.user.id;
      if (to === me) throw new AppError('INVALID_INPUT', 'A signal goes to another participant', { details: [{ field: 'to', message: 'must not be yourself' }] });
      const channelId = seatedChannel(socket);
      if (channelId === null) throw notInChannel();
      const target = seatRoom(channelId, to);
      // A peer on this instance is known from the rooms; one elsewhere from its seat row.
      if (!deps.io.of('/').adapter.rooms.has(target) && !(await isSeatedIn(await deps.db(), to, channelId))) {
        throw new AppError('PERMISSION_DENIED', 'That user is not in your voice channel');
      }
      deps.io.to(target).emit('voice:signal', {
        channel_id: channelId,
        from: me,
        ...(description ? { description } : {}),
        ...(candidate ? { candidate } : {}),
      });
      return null;
    }),

    'voice:state': handler(stateEvent, async ({ muted, deafened, speaking }, socket) => {
      spend(socket, 'state');
      const me = socket.data.user.id;
      let channelId = seatedChannel(socket);
      if (channelId === null) throw notInChannel();
      const voice = (socket.data.voice ??= { buckets: {} });
      if (muted !== undefined || deafened !== undefined) {
        const stored = await setSeatState(await deps.db(), me, socket.id, { muted, deafened });
        channelId = stored.channelId;
        voice.seat = { muted: stored.muted, deafened: stored.deafened };
      }
      const seat = voice.seat ?? { muted: false, deafened: false };
      socket.to(voiceRoom(channelId)).emit('voice:state', {
        channel_id: channelId,
        user_id: me,
        ...seat,
        ...(speaking !== undefined ? { speaking } : {}),
      });
      return seat;
    }),

    'voice:stats': handler(statsEvent, async (report, socket) => {
      spend(socket, 'stats');
      const scored = await recordStats(await ctxOf(socket), socket.id, report);
      return { mos: scored.mos, quality: scored.quality, packet_loss_rate: scored.packet_loss_rate };
    }),

    'voice:watch': handler(watchEvent, async (_input, socket) => {
      spend(socket, 'seat');
      await socket.join(VOICE_LOBBY);
      return null;
    }),

    'voice:unwatch': handler(watchEvent, async (_input, socket) => {
      await socket.leave(VOICE_LOBBY);
      return null;
    }),
  };
}

/**
 * Registers the voice events on every connection and runs this instance's heartbeat and sweep. A socket
 * restored by connection state recovery lost its seat when it dropped: it leaves the channel rooms and
 * joins again.
 */
export function registerVoiceSockets(deps: VoiceSocketDeps): (socket: RealtimeSocket) => void {
  const register = onEvents(voiceHandlers(deps, startInstance(deps)));
  return (socket) => {
    register(socket);
    if (socket.recovered) for (const r of socket.rooms) if (isVoiceRoom(r)) void socket.leave(r);
  };
}
