import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { voiceChannels, voiceParticipants } from '@/db/schema/voice';
import { estimateMos, qualityLevel, STATS_TTL_MS } from '@/lib/voice/quality';
import { apiClient, createUser, type TestUser } from '../helpers/api';
import { expectError } from '../helpers/assertions';
import { nextEvent, socketClient } from '../helpers/realtime';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
let ava: TestUser;
let leo: TestUser;
let mia: TestUser;
const sockets: Socket[] = [];
const api = () => apiClient(app);

async function open(user: TestUser): Promise<Socket> {
  const socket = await socketClient(app.url, user.token);
  sockets.push(socket);
  return socket;
}

async function channel(owner: TestUser, body: Record<string, unknown> = {}): Promise<number> {
  const res = await api().post('/api/v1/channels', { name: 'Quality test', ...body }, { token: owner.token });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data.id;
}

async function seated(user: TestUser, channelId: number): Promise<Socket> {
  const socket = await open(user);
  const ack = await socket.emitWithAck('voice:join', { channel_id: channelId });
  if (!ack.success) throw new Error(JSON.stringify(ack));
  return socket;
}

const report = (over: Record<string, unknown> = {}) => ({
  rtt_ms: 40,
  jitter_ms: 5,
  packets_sent: 1000,
  packets_received: 1000,
  packets_lost: 0,
  bytes_sent: 100_000,
  bytes_received: 120_000,
  ...over,
});

beforeAll(async () => {
  app = await startTestApp();
  [ava, leo, mia] = await Promise.all([createUser(app), createUser(app), createUser(app)]);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(() => app?.close());

describe('voice:stats', () => {
  it('scores a report and shows everyone in the channel, the reporter included, its quality live', async () => {
    const id = await channel(ava);
    const a = await seated(ava, id);
    const l = await seated(leo, id);
    const mine = nextEvent(a, 'voice:quality');
    const theirs = nextEvent(l, 'voice:quality');
    const ack = await a.emitWithAck('voice:stats', report({ packets_received: 990, packets_lost: 10 }));
    const mos = estimateMos(40, 5, 0.01);
    expect(ack).toEqual({ success: true, data: { mos, quality: qualityLevel(mos), packet_loss_rate: 0.01 } });
    const event = { channel_id: id, user_id: ava.id, mos, quality: 'excellent', rtt_ms: 40, jitter_ms: 5, packet_loss_rate: 0.01 };
    expect(await mine).toEqual(event);
    expect(await theirs).toEqual(event);
  });

  it('measures loss since the previous report, and a bad network as poor', async () => {
    const id = await channel(ava);
    const a = await seated(ava, id);
    await a.emitWithAck('voice:stats', report({ packets_received: 1000, packets_lost: 0 }));
    const ack = await a.emitWithAck('voice:stats', report({ rtt_ms: 400, jitter_ms: 40, packets_received: 1090, packets_lost: 10 }));
    expect(ack.data).toEqual({ mos: estimateMos(400, 40, 0.1), quality: 'poor', packet_loss_rate: 0.1 });
  });

  it('has no MOS until a report carries rtt_ms', async () => {
    const id = await channel(ava);
    const a = await seated(ava, id);
    const { rtt_ms: _rtt, ...withoutRtt } = report();
    expect(await a.emitWithAck('voice:stats', withoutRtt)).toEqual({ success: true, data: { mos: null, quality: null, packet_loss_rate: 0 } });
  });

  it('refuses a socket without a seat, bad reports, and more than about one report a second', async () => {
    const m = await open(mia);
    expect(await m.emitWithAck('voice:stats', report())).toMatchObject({ success: false, error_code: 'PERMISSION_DENIED' });
    const id = await channel(ava);
    const a = await seated(ava, id);
    for (const [payload, field] of [
      [report({ packets_sent: -1 }), 'packets_sent'],
      [report({ rtt_ms: 'fast' }), 'rtt_ms'],
      [report({ bytes_sent: 1.5 }), 'bytes_sent'],
      [report({ rtt_ms: 1e9 }), 'rtt_ms'],
      [report({ cpu: 3 }), '_'],
      [report({ peers: [{ user_id: 'x' }] }), 'peers.0.user_id'],
      [{ rtt_ms: 3 }, 'packets_sent'],
    ] as const) {
      const ack = await a.emitWithAck('voice:stats', payload);
      expect(ack).toMatchObject({ success: false, error_code: 'INVALID_INPUT' });
      expect(ack.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    // RTCP may count duplicates as negative loss: that is no loss.
    expect((await a.emitWithAck('voice:stats', report({ packets_lost: -3 }))).data.packet_loss_rate).toBe(0);
    const acks = await Promise.all([1, 2, 3].map(() => a.emitWithAck('voice:stats', report())));
    expect(acks.map((x) => x.success)).toContain(false);
    expect(acks.find((x) => !x.success)).toMatchObject({ error_code: 'RATE_LIMITED' });
  });
});

describe('GET /api/v1/channels/:id/audio/stats', () => {
  it('aggregates the fresh reports of the participants', async () => {
    const id = await channel(ava);
    const a = await seated(ava, id);
    const l = await seated(leo, id);
    await seated(mia, id);
    await a.emitWithAck('voice:stats', report({ rtt_ms: 40, jitter_ms: 4, packets_received: 900, packets_lost: 100, peers: [{ user_id: leo.id, rtt_ms: 40, packets_lost: 100 }] }));
    await l.emitWithAck('voice:stats', report({ rtt_ms: 80, jitter_ms: 8, packets_sent: 500, bytes_sent: 50_000, bytes_received: 60_000 }));
    const res = await api().get(`/api/v1/channels/${id}/audio/stats`, { token: mia.token });
    expect(res.status).toBe(200);
    const mosA = estimateMos(40, 4, 0.1);
    const mosL = estimateMos(80, 8, 0);
    const score = Math.round(((mosA + mosL) / 2) * 100) / 100;
    expect(res.body.data).toMatchObject({
      packets_sent: 1500,
      packets_received: 1900,
      bytes_transferred: 220_000 + 110_000,
      average_latency_ms: 30,
      packet_loss_rate: 0.05,
      jitter_ms: 6,
      audio_quality_score: score,
      quality: qualityLevel(score),
      reporting_participants: 2,
    });
    expect(res.body.data.participants).toEqual([
      expect.objectContaining({ user_id: ava.id, username: ava.username, mos: mosA, packet_loss_rate: 0.1, peers: [{ user_id: leo.id, rtt_ms: 40, jitter_ms: null, packets_received: null, packets_lost: 100 }] }),
      expect.objectContaining({ user_id: leo.id, mos: mosL, packet_loss_rate: 0, peers: [] }),
    ]);
  });

  it('ignores stale reports and the reports of people who left', async () => {
    const id = await channel(ava);
    const a = await seated(ava, id);
    const l = await seated(leo, id);
    await a.emitWithAck('voice:stats', report());
    await l.emitWithAck('voice:stats', report());
    const [seat] = await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.userId, ava.id));
    const old = new Date(Date.now() - STATS_TTL_MS - 1000).toISOString();
    await app.db.update(voiceParticipants).set({ stats: { ...(seat!.stats as object), reported_at: old } }).where(eq(voiceParticipants.userId, ava.id));
    let res = await api().get(`/api/v1/channels/${id}/audio/stats`, { token: ava.token });
    expect(res.body.data.participants.map((p: { user_id: number }) => p.user_id)).toEqual([leo.id]);
    await l.emitWithAck('voice:leave', {});
    res = await api().get(`/api/v1/channels/${id}/audio/stats`, { token: ava.token });
    expect(res.body.data).toMatchObject({ reporting_participants: 0, packets_sent: 0, audio_quality_score: null, average_latency_ms: null, participants: [] });
  });

  it('is 404 for a channel the caller cannot see', async () => {
    const hidden = await channel(leo, { is_private: true });
    expectError(await api().get(`/api/v1/channels/${hidden}/audio/stats`, { token: ava.token }), 404, 'CHANNEL_NOT_FOUND');
    expectError(await api().get(`/api/v1/channels/${hidden}/statistics`, { token: ava.token }), 404, 'CHANNEL_NOT_FOUND');
  });
});

describe('GET /api/v1/channels/:id/statistics', () => {
  it('answers occupancy, joins, session uptime and the audio statistics', async () => {
    const id = await channel(ava);
    let res = await api().get(`/api/v1/channels/${id}/statistics`, { token: leo.token });
    expect(res.body.data).toMatchObject({ channel_id: id, current_users: 0, total_connections: 0, uptime_seconds: 0 });
    const a = await seated(ava, id);
    await seated(leo, id);
    await a.emitWithAck('voice:stats', report());
    // The session began a minute ago.
    await app.db.update(voiceChannels).set({ occupiedSince: new Date(Date.now() - 60_000) }).where(eq(voiceChannels.id, id));
    res = await api().get(`/api/v1/channels/${id}/statistics`, { token: leo.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(['audio_stats', 'channel_id', 'current_users', 'total_connections', 'uptime_seconds']);
    expect(res.body.data).toMatchObject({ channel_id: id, current_users: 2, total_connections: 2 });
    expect(res.body.data.uptime_seconds).toBeGreaterThanOrEqual(60);
    expect(res.body.data.audio_stats).toMatchObject({ reporting_participants: 1, packets_sent: 1000 });

    // Empty again: no session, and the next join starts a new one.
    for (const s of sockets.splice(0)) s.disconnect();
    const left = async () => (await api().get(`/api/v1/channels/${id}/statistics`, { token: leo.token })).body.data;
    while ((await left()).current_users > 0) await new Promise((r) => setTimeout(r, 20));
    expect(await left()).toMatchObject({ current_users: 0, uptime_seconds: 0, total_connections: 2 });
    await seated(mia, id);
    const again = await left();
    expect(again).toMatchObject({ current_users: 1, total_connections: 3 });
    expect(again.uptime_seconds).toBeLessThan(60);
  });
});
