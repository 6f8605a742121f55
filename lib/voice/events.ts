// The voice events of the realtime connection, shared by server and clients (lib/realtime/events.ts
// extends its maps with these). README.md, "Voice channels", describes the flow.
import type { z } from 'zod';
import type { AckFn } from '../realtime/events';
import type { IceServer } from './ice-servers';
import type { QualityLevel, signalEvent, StatsReport } from './schemas';

/** The Socket.IO room of a channel: its seated sockets. */
export const voiceRoom = (channelId: number) => `voice:${channelId}`;
/** The room of one seat: the socket holding a user's seat in a channel, where signals to them go. */
export const seatRoom = (channelId: number, userId: number) => `voice:${channelId}:${userId}`;
/** Sockets following occupancy of public channels (`voice:watch`). */
export const VOICE_LOBBY = 'voice:lobby';

/**
 * Why someone is no longer in a channel. When `user_id` is the receiver's own, the receiver is out:
 * `moved` (another tab or device of the same account took the seat), `removed` (taken off a private
 * channel's members), `channel_deleted`, or `timeout` (its instance stopped answering).
 */
export type LeaveReason = 'left' | 'disconnected' | 'moved' | 'removed' | 'channel_deleted' | 'timeout';

export interface VoiceParticipant {
  user_id: number;
  username: string;
  muted: boolean;
  deafened: boolean;
}

export interface VoiceJoinResult {
  channel_id: number;
  /** Everyone seated, the joiner included, in order of arrival. */
  participants: VoiceParticipant[];
  ice_servers: IceServer[];
}

type SignalPayload = Omit<z.input<typeof signalEvent>, 'to'>;

export interface VoiceServerToClientEvents {
  'voice:user-joined': (payload: VoiceParticipant & { channel_id: number }) => void;
  'voice:user-left': (payload: { channel_id: number; user_id: number; reason: LeaveReason }) => void;
  'voice:signal': (payload: SignalPayload & { channel_id: number; from: number }) => void;
  'voice:state': (payload: { channel_id: number; user_id: number; muted: boolean; deafened: boolean; speaking?: boolean }) => void;
  'voice:quality': (payload: {
    channel_id: number;
    user_id: number;
    mos: number | null;
    quality: QualityLevel | null;
    rtt_ms: number | null;
    jitter_ms: number | null;
    packet_loss_rate: number;
  }) => void;
  'voice:occupancy': (payload: { channel_id: number; current_users: number }) => void;
}

/** The voice events a client sends, typed for clients (`Socket<ServerToClientEvents, VoiceClientEvents>`). */
export interface VoiceClientEvents {
  'voice:join': (payload: { channel_id: number }, ack: AckFn<VoiceJoinResult>) => void;
  'voice:leave': (payload: { channel_id?: number }, ack?: AckFn<{ channel_id: number | null }>) => void;
  'voice:signal': (payload: z.input<typeof signalEvent>, ack?: AckFn<null>) => void;
  'voice:state': (
    payload: { muted?: boolean; deafened?: boolean; speaking?: boolean },
    ack?: AckFn<{ muted: boolean; deafened: boolean }>,
  ) => void;
  'voice:stats': (
    payload: StatsReport,
    ack?: AckFn<{ mos: number | null; quality: QualityLevel | null; packet_loss_rate: number }>,
  ) => void;
  'voice:watch': (payload: Record<string, never>, ack?: AckFn<null>) => void;
  'voice:unwatch': (payload: Record<string, never>, ack?: AckFn<null>) => void;
}
