import { z } from 'zod';
import { defineEndpoint } from '../http/endpoint';
import { idParams } from '../http/schemas';
import {
  addMemberSchema,
  audioConfigSchema,
  audioStatsSchema,
  channelMemberSchema,
  channelSchema,
  createChannelSchema,
  listChannelsQuery,
  memberParams,
  statisticsSchema,
  updateAudioConfigSchema,
  updateChannelSchema,
} from './schemas';

const visibility =
  'Public channels are visible to every signed-in user; a private channel to its members and to admins. Anyone else gets 404 CHANNEL_NOT_FOUND, exactly as for a missing id.';

const signalling = `Joining and talking happen over the realtime connection (Socket.IO), every event acknowledged \`{success, data}\` or \`{success: false, error, error_code}\`:
- \`voice:join {channel_id}\` → \`{channel_id, participants: [{user_id, username, muted, deafened}] (everyone seated, you included, in order of arrival), ice_servers}\`; errors CHANNEL_NOT_FOUND, PERMISSION_DENIED (a private channel you are not a member of: only admins see those), CHANNEL_FULL. Capacity is exact under races. One seat per account: joining from another tab or device moves the seat there, and the old socket gets \`voice:user-left\` with its own user_id and reason \`moved\`. Joining another channel leaves the current one. After a reconnect, join again: a dropped connection frees its seat.
- \`voice:leave {channel_id?}\`; disconnecting leaves too.
- \`voice:signal {to, description?: {type, sdp}, candidate?: {candidate, sdpMid, sdpMLineIndex, usernameFragment}}\` (exactly one of the two) is relayed as \`voice:signal {channel_id, from, description | candidate}\` to the one socket holding \`to\`'s seat, only when you (from this socket) and \`to\` are seated in the same channel; otherwise PERMISSION_DENIED. SDP ≤ 60,000 characters.
- \`voice:state {muted?, deafened?, speaking?}\` → the others get \`voice:state {channel_id, user_id, muted, deafened, speaking?}\` (muted and deafened are stored and listed in participants; speaking is passed on only).
- \`voice:stats {rtt_ms?, jitter_ms?, packets_sent, packets_received, packets_lost, bytes_sent, bytes_received, peers?: [{user_id, rtt_ms?, jitter_ms?, packets_received?, packets_lost?}]}\`: your getStats summary, counters cumulative as getStats gives them, about every 2–5 s (at most about one a second). Everyone in the channel, you included, gets \`voice:quality {channel_id, user_id, mos, quality, rtt_ms, jitter_ms, packet_loss_rate}\`.
- \`voice:watch\` / \`voice:unwatch\`: follow \`voice:occupancy {channel_id, current_users}\` of public channels (members of a private channel get its occupancy anyway). Watch first, then list, to miss nothing.
Server events: \`voice:user-joined {channel_id, user_id, username, muted, deafened}\` (may repeat for someone already listed: treat as an update), \`voice:user-left {channel_id, user_id, reason}\` with reason \`left\`, \`disconnected\`, \`moved\`, \`removed\`, \`channel_deleted\` or \`timeout\` — when user_id is yours, you are out. Limits per connection (RATE_LIMITED when exceeded): 10 joins/leaves per 10 s, 500 signals per 10 s, 20 state changes per 5 s, 2 stats reports per 2 s.`;

const quality =
  "Each participant's quality comes from their latest report (reports older than 15 s count for nothing): MOS by a simplified ITU-T G.107 E-model — effective latency d = rtt/2 + 2·jitter + 26.5 ms (Opus frame and look-ahead); Id = 0.024·d + 0.11·(d − 177.3) when d > 177.3; Ie,eff = 95·Ppl / (Ppl + 20) (Opus taken as Ie = 0, Bpl = 20; Ppl is the loss in percent since the previous report); R = 93.2 − Id − Ie,eff; MOS = 1 + 0.035·R + 7·10⁻⁶·R·(R − 60)·(100 − R). `quality`: excellent at MOS ≥ 4.0, good ≥ 3.6, else poor. Without rtt_ms there is no MOS yet (null).";

export const list = defineEndpoint({
  method: 'GET',
  path: '/channels',
  tag: 'Voice',
  summary: 'Voice channels: public ones and the private ones you may see',
  description: `Sorted by name. \`name\` matches part of the name ignoring case and accents; \`min_users\` / \`max_users\` filter on the people in a channel now (\`current_users\`), not on its capacity; \`include_private=false\` lists public channels only. ${visibility}\n\n${signalling}`,
  auth: 'user',
  query: listChannelsQuery,
  response: channelSchema,
  paginated: true,
});

export const create = defineEndpoint({
  method: 'POST',
  path: '/channels',
  tag: 'Voice',
  summary: 'Create a voice channel; you own it',
  description:
    '`max_users` 2–50 (default 10). The channel gets a chat room for its text chat (`chat_room`, of the same privacy); a private channel\'s room has the channel\'s members. You are the first member.',
  auth: 'user',
  body: createChannelSchema,
  response: channelSchema,
  status: 201,
});

export const get = defineEndpoint({
  method: 'GET',
  path: '/channels/{id}',
  tag: 'Voice',
  summary: 'One voice channel, with `current_users`',
  description: visibility,
  auth: 'user',
  params: idParams,
  response: channelSchema,
  errors: ['CHANNEL_NOT_FOUND'],
});

export const update = defineEndpoint({
  method: 'PUT',
  path: '/channels/{id}',
  tag: 'Voice',
  summary: 'Change a channel (owner or admin)',
  description: `Any of name, description (\`null\` or \`""\` clears it), max_users, is_private. \`max_users\` below the people in the channel now is 409 INVALID_STATE. Making a channel private makes everyone in it now a member, so nobody is dropped; its chat room follows its privacy. Others who can see the channel get 403 PERMISSION_DENIED. ${visibility}`,
  auth: 'user',
  params: idParams,
  body: updateChannelSchema,
  response: channelSchema,
  errors: ['CHANNEL_NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_STATE'],
});

export const remove = defineEndpoint({
  method: 'DELETE',
  path: '/channels/{id}',
  tag: 'Voice',
  summary: 'Delete a channel and its chat room (owner or admin)',
  description: `Everyone in it gets \`voice:user-left\` with reason \`channel_deleted\`. Others who can see the channel get 403 PERMISSION_DENIED. ${visibility}`,
  auth: 'user',
  params: idParams,
  errors: ['CHANNEL_NOT_FOUND', 'PERMISSION_DENIED'],
});

export const listMembers = defineEndpoint({
  method: 'GET',
  path: '/channels/{id}/members',
  tag: 'Voice',
  summary: "A channel's members: who may join a private channel",
  description: `Oldest first; the owner is always one. Public channels are open to everyone, so their list is just the owner (and members kept from a time it was private). ${visibility}`,
  auth: 'user',
  params: idParams,
  response: z.array(channelMemberSchema),
  errors: ['CHANNEL_NOT_FOUND'],
});

export const addMember = defineEndpoint({
  method: 'POST',
  path: '/channels/{id}/members',
  tag: 'Voice',
  summary: 'Add a member to a private channel',
  description: `Any member (or an admin) adds any user who is not banned (404 USER_NOT_FOUND otherwise); the new member also joins the channel's chat room. Idempotent. A public channel is 409 INVALID_STATE: it is open to everyone. ${visibility}`,
  auth: 'user',
  params: idParams,
  body: addMemberSchema,
  response: channelMemberSchema,
  status: 201,
  errors: ['CHANNEL_NOT_FOUND', 'USER_NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_STATE'],
});

export const removeMember = defineEndpoint({
  method: 'DELETE',
  path: '/channels/{id}/members/{user_id}',
  tag: 'Voice',
  summary: 'Remove a member (owner or admin), or leave a private channel yourself',
  description: `The owner cannot be removed (409 INVALID_STATE); someone not a member is 404 NOT_FOUND. A removed member of a private channel leaves its chat room, and if they are in the channel they are taken out (\`voice:user-left\`, reason \`removed\`). ${visibility}`,
  auth: 'user',
  params: memberParams,
  errors: ['CHANNEL_NOT_FOUND', 'NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_STATE'],
});

export const audioStats = defineEndpoint({
  method: 'GET',
  path: '/channels/{id}/audio/stats',
  tag: 'Voice',
  summary: "The channel's audio statistics, from its participants' WebRTC reports",
  description: `Sums (packets, bytes) and means (latency, loss, jitter, MOS) over the participants with a fresh report, plus each one's numbers in \`participants\`; means are null when nobody has reported. ${quality} ${visibility}`,
  auth: 'user',
  params: idParams,
  response: audioStatsSchema,
  errors: ['CHANNEL_NOT_FOUND'],
});

export const statistics = defineEndpoint({
  method: 'GET',
  path: '/channels/{id}/statistics',
  tag: 'Voice',
  summary: 'Occupancy, joins, session uptime and audio statistics of a channel',
  description: `\`uptime_seconds\` counts from when the channel last went from empty to occupied (0 while empty); \`total_connections\` counts joins since creation. \`audio_stats\` is \`GET /channels/{id}/audio/stats\`. ${visibility}`,
  auth: 'user',
  params: idParams,
  response: statisticsSchema,
  errors: ['CHANNEL_NOT_FOUND'],
});

export const audioConfig = defineEndpoint({
  method: 'GET',
  path: '/audio/config',
  tag: 'Voice',
  summary: 'The audio configuration clients use for calls',
  description:
    'Sample rate, channels, bit depth, buffer size, latency target, codec (Opus), voice-mode bitrate and DTX, music mode (stereo, high bitrate, DTX off; the client also turns echo cancellation, noise suppression and auto gain off), and the ICE servers (STUN/TURN, with TURN credentials) for RTCPeerConnection. Defaults: 48000 Hz, mono, 16 bit, 256 frames, 50 ms, opus, 32 kbps with DTX; music mode 2 channels, 128 kbps, no DTX; ICE servers from the ICE_SERVERS setting (none by default: host candidates only).',
  auth: 'user',
  response: audioConfigSchema,
});

export const updateAudioConfig = defineEndpoint({
  method: 'PUT',
  path: '/admin/audio/config',
  tag: 'Voice',
  summary: 'Change the audio configuration (admin)',
  description:
    'Only the fields given change (music_mode field by field); the rest keep their current values. sample_rate one of 16000, 24000, 32000, 44100, 48000; channels 1 or 2; bit_depth 16, 24 or 32; buffer_size a power of two 128–4096; latency_target_ms 10–1000; codec `opus` only; bitrate_kbps 6–510; ice_servers up to 20 `{urls, username?, credential?}` with stun:, stuns:, turn: or turns: URLs (TURN needs username and credential). Calls joined afterwards use it.',
  auth: 'admin',
  body: updateAudioConfigSchema,
  response: audioConfigSchema,
});

export const resetAudioConfig = defineEndpoint({
  method: 'POST',
  path: '/admin/audio/config/reset',
  tag: 'Voice',
  summary: 'Restore the default audio configuration (admin)',
  description: 'Every field back to its default; the ICE servers back to the ICE_SERVERS setting.',
  auth: 'admin',
  response: audioConfigSchema,
});
