import { z } from 'zod';
import { idSchema, isoDate, paginationQuery } from '../http/schemas';
import { queryBoolean } from '../http/values';
import { iceServersSchema } from './ice-servers';

export const MIN_USERS = 2;
export const MAX_USERS = 50;
export const DEFAULT_MAX_USERS = 10;

const name = z.string({ error: 'must be a string' }).trim().min(1, 'required').max(100, 'at most 100 characters');
const description = z
  .string({ error: 'must be a string' })
  .trim()
  .max(1000, 'at most 1000 characters')
  .nullable()
  .transform((v) => (v === '' ? null : v));
const capacity = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(MIN_USERS, `at least ${MIN_USERS}`)
  .max(MAX_USERS, `at most ${MAX_USERS}`);
const occupancy = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(MAX_USERS, `at most ${MAX_USERS}`);

// ---- REST input

export const createChannelSchema = z
  .object({
    name,
    description: description.optional().transform((v) => v ?? null),
    max_users: capacity.default(DEFAULT_MAX_USERS),
    is_private: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .strict();
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

export const updateChannelSchema = z
  .object({
    name: name.optional(),
    description: description.optional(),
    max_users: capacity.optional(),
    is_private: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one field to change' });
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const listChannelsQuery = paginationQuery(50, 100)
  .extend({
    name: z.string().trim().max(100, 'at most 100 characters').optional().meta({ description: 'Part of the name, ignoring case' }),
    min_users: occupancy.optional().meta({ description: 'Only channels with at least this many people in them now (`current_users`)' }),
    max_users: occupancy.optional().meta({ description: 'Only channels with at most this many people in them now (`current_users`; `0` for empty ones) — not the capacity' }),
    include_private: queryBoolean.default(true).meta({ description: '`true` (default): also the private channels you may see; `false`: public ones only' }),
  })
  .refine((q) => q.min_users === undefined || q.max_users === undefined || q.min_users <= q.max_users, {
    path: ['min_users'],
    message: 'must not exceed max_users',
  });
export type ListChannelsQuery = z.infer<typeof listChannelsQuery>;

export const addMemberSchema = z.object({ user_id: idSchema }).strict();
export const memberParams = z.object({ id: idSchema, user_id: idSchema });

// ---- REST output

export const channelSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    max_users: z.number().int(),
    is_private: z.boolean(),
    current_users: z.number().int().meta({ description: 'Seats taken now' }),
    created_by: z.number().int().nullable().meta({ description: 'The owner; null once their account is gone' }),
    chat_room: z.string().nullable().meta({ description: "The name of the channel's text chat room (`/chat/rooms/{room}`)" }),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'VoiceChannel' });
export type ChannelOut = z.infer<typeof channelSchema>;

export const channelMemberSchema = z
  .object({
    user_id: z.number().int(),
    username: z.string(),
    avatar: z.string().nullable(),
    is_owner: z.boolean(),
    added_at: isoDate,
  })
  .meta({ id: 'VoiceChannelMember' });
export type ChannelMemberOut = z.infer<typeof channelMemberSchema>;

export const qualityLevels = ['excellent', 'good', 'poor'] as const;
export type QualityLevel = (typeof qualityLevels)[number];

const nullableMs = z.number().nullable();

const peerStatsSchema = z.object({
  user_id: z.number().int(),
  rtt_ms: nullableMs,
  jitter_ms: nullableMs,
  packets_received: z.number().int().nullable(),
  packets_lost: z.number().int().nullable(),
});

export const participantQualitySchema = z
  .object({
    user_id: z.number().int(),
    username: z.string(),
    mos: z.number().nullable().meta({ description: 'E-model estimate, 1–4.5; null until a report carries rtt_ms' }),
    quality: z.enum(qualityLevels).nullable(),
    rtt_ms: nullableMs,
    jitter_ms: nullableMs,
    packet_loss_rate: z.number().meta({ description: '0–1, over the interval since the previous report' }),
    packets_sent: z.number().int(),
    packets_received: z.number().int(),
    packets_lost: z.number().int(),
    bytes_sent: z.number().int(),
    bytes_received: z.number().int(),
    peers: z.array(peerStatsSchema),
    reported_at: isoDate,
  })
  .meta({ id: 'VoiceParticipantQuality' });
export type ParticipantQualityOut = z.infer<typeof participantQualitySchema>;

export const audioStatsSchema = z
  .object({
    packets_sent: z.number().int(),
    packets_received: z.number().int(),
    bytes_transferred: z.number().int().meta({ description: 'Bytes sent plus bytes received, summed over participants' }),
    average_latency_ms: nullableMs.meta({ description: 'Mean one-way network latency (rtt_ms / 2); null without reports' }),
    packet_loss_rate: z.number().nullable().meta({ description: "Mean of the participants' current loss rates, 0–1" }),
    jitter_ms: nullableMs.meta({ description: 'Mean jitter' }),
    audio_quality_score: z.number().nullable().meta({ description: 'Mean MOS (1–4.5) of the participants that have one' }),
    quality: z.enum(qualityLevels).nullable().meta({ description: 'The level of audio_quality_score' }),
    reporting_participants: z.number().int().meta({ description: 'Participants whose latest report is fresh (under 15 s old)' }),
    participants: z.array(participantQualitySchema),
  })
  .meta({ id: 'VoiceAudioStats' });
export type AudioStatsOut = z.infer<typeof audioStatsSchema>;

export const statisticsSchema = z
  .object({
    channel_id: z.number().int(),
    current_users: z.number().int(),
    total_connections: z.number().int().meta({ description: 'Joins since the channel was created (a second tab taking over a seat in the same channel is not a new one)' }),
    uptime_seconds: z.number().int().meta({ description: 'Seconds since the channel last went from empty to occupied; 0 while empty' }),
    audio_stats: audioStatsSchema,
  })
  .meta({ id: 'VoiceChannelStatistics' });
export type StatisticsOut = z.infer<typeof statisticsSchema>;

// ---- Audio configuration

export const sampleRates = [16000, 24000, 32000, 44100, 48000] as const;
export const bitDepths = [16, 24, 32] as const;
export const bufferSizes = [128, 256, 512, 1024, 2048, 4096] as const;

const oneOf = <const T extends readonly number[]>(values: T) => z.literal(values, { error: `must be one of ${values.join(', ')}` });

const channelCount = z.literal([1, 2], { error: 'must be 1 or 2' });
const bitrate = z.number({ error: 'must be a number' }).int('must be a whole number').min(6, 'at least 6').max(510, 'at most 510');
const dtx = z.boolean({ error: 'must be true or false' });

const musicModeSchema = z
  .object({
    channels: channelCount.meta({ description: 'Default 2 (stereo)' }),
    bitrate_kbps: bitrate.meta({ description: 'Opus target bitrate; default 128' }),
    dtx: dtx.meta({ description: 'Discontinuous transmission; default false (it gates quiet notes)' }),
  })
  .strict();

/** What an admin may set: everything but the codec, which WebRTC fixes to Opus here. */
const audioSettingsShape = {
  sample_rate: oneOf(sampleRates).meta({ description: 'Capture rate in Hz; Opus itself runs at 48000' }),
  channels: channelCount.meta({ description: 'Voice mode: 1 (default)' }),
  bit_depth: oneOf(bitDepths).meta({ description: 'Bits per sample for local processing and recording' }),
  buffer_size: oneOf(bufferSizes).meta({ description: 'Frames per audio processing buffer' }),
  latency_target_ms: z.number({ error: 'must be a number' }).int('must be a whole number').min(10, 'at least 10').max(1000, 'at most 1000'),
  codec: z.literal('opus', { error: 'only opus is supported' }),
  bitrate_kbps: bitrate.meta({ description: 'Voice mode Opus target bitrate; default 32' }),
  dtx: dtx.meta({ description: 'Voice mode discontinuous transmission; default true' }),
  music_mode: musicModeSchema.meta({ description: 'Music mode: echo cancellation, noise suppression and auto gain off, plus these' }),
  ice_servers: iceServersSchema.meta({ description: 'STUN/TURN servers for RTCPeerConnection; default ICE_SERVERS' }),
};

export const audioSettingsSchema = z.object(audioSettingsShape).strict();
export type AudioSettings = z.infer<typeof audioSettingsSchema>;

export const updateAudioConfigSchema = z
  .object({ ...audioSettingsShape, music_mode: musicModeSchema.partial() })
  .partial()
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one field to change' });
export type UpdateAudioConfigInput = z.infer<typeof updateAudioConfigSchema>;

export const audioConfigSchema = audioSettingsSchema
  .extend({
    is_default: z.boolean().meta({ description: 'True when no admin change is in effect' }),
    updated_at: isoDate.nullable(),
  })
  .meta({ id: 'AudioConfig' });
export type AudioConfigOut = z.infer<typeof audioConfigSchema>;

// ---- Socket events (client → server)

const finiteMs = z.number({ error: 'must be a number' }).finite().min(0, 'must not be negative').max(600_000, 'at most 600000');
const counter = z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER);
/** RTCP can report a negative loss (duplicates); it counts as none. */
const lostCounter = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER)
  .transform((v) => Math.max(0, v));

export const joinEvent = z.object({ channel_id: idSchema }).strict();
export const leaveEvent = z.object({ channel_id: idSchema.optional() }).strict();
export const watchEvent = z.object({}).strict();

/** SDP of a mesh of ≤ 50 audio peers stays far below the 64 KB frame limit. */
export const MAX_SDP_CHARS = 60_000;

const descriptionSchema = z
  .object({
    type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
    sdp: z.string().max(MAX_SDP_CHARS, `at most ${MAX_SDP_CHARS} characters`).default(''),
  })
  .strict()
  .refine((d) => d.type === 'rollback' || d.sdp.length > 0, { path: ['sdp'], message: 'required' });

const candidateSchema = z
  .object({
    // '' is the end-of-candidates marker.
    candidate: z.string().max(1024, 'at most 1024 characters').refine((c) => c === '' || /^(a=)?candidate:/.test(c), 'must be an ICE candidate line'),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(1023).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();

export const signalEvent = z
  .object({
    to: idSchema,
    description: descriptionSchema.optional(),
    candidate: candidateSchema.optional(),
  })
  .strict()
  .refine((s) => (s.description === undefined) !== (s.candidate === undefined), {
    path: ['description'],
    message: 'give exactly one of description or candidate',
  });
export type SignalInput = z.infer<typeof signalEvent>;

export const stateEvent = z
  .object({
    muted: z.boolean().optional(),
    deafened: z.boolean().optional(),
    speaking: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.muted !== undefined || v.deafened !== undefined || v.speaking !== undefined, {
    message: 'give at least one of muted, deafened, speaking',
  });
export type StateInput = z.infer<typeof stateEvent>;

const peerReportSchema = z
  .object({
    user_id: idSchema,
    rtt_ms: finiteMs.optional(),
    jitter_ms: finiteMs.optional(),
    packets_received: counter.optional(),
    packets_lost: lostCounter.optional(),
  })
  .strict();

/**
 * A client's getStats summary over all its peer connections: counters are cumulative (as getStats gives
 * them), so a dropped report loses nothing; rtt and jitter are current values (averaged over peers).
 */
export const statsEvent = z
  .object({
    rtt_ms: finiteMs.optional(),
    jitter_ms: finiteMs.optional(),
    packets_sent: counter,
    packets_received: counter,
    packets_lost: lostCounter,
    bytes_sent: counter,
    bytes_received: counter,
    peers: z.array(peerReportSchema).max(MAX_USERS - 1).optional(),
  })
  .strict();
export type StatsReport = z.infer<typeof statsEvent>;
