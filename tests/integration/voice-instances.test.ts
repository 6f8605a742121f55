import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { voiceParticipants } from '@/db/schema/voice';
import { installDatabase } from '@/lib/database';
import { setRealtimeServer } from '@/lib/realtime/publish';
import { attachRealtime } from '@/lib/realtime/server';
import { closeRedis, connectRedis, type RedisClient } from '@/lib/redis';
import { createChannel } from '@/lib/voice/service';
import { createTestDatabase } from '../helpers/database';
import { installTestEnv } from '../helpers/env';
import { nextEvent, recorder, signedUser, socketClient, type SignedUser } from '../helpers/realtime';

// Two instances on different ports sharing one database and one Redis, as behind a load balancer; seats
// are rows, events cross through the Redis adapter. Seats time out after 3 s here (heartbeat every second).
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_KEY = `talas-test-${randomUUID()}`;

type Instance = { http: Server; url: string; io: Awaited<ReturnType<typeof attachRealtime>>['io']; close: () => Promise<void> };
const instances: Instance[] = [];
const sockets: Socket[] = [];
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let a: Instance;
let b: Instance;
let redis: RedisClient;

type User = SignedUser;
const user = () => signedUser(handle.db, 'v');

async function instance(port = 0): Promise<Instance> {
  const http = createServer((_req, res) => res.end());
  const realtime = await attachRealtime(http, { db: async () => handle.db, redisKey: REDIS_KEY });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const inst = { http, io: realtime.io, url: `http://localhost:${(http.address() as { port: number }).port}`, close: realtime.close };
  instances.push(inst);
  return inst;
}

async function open(inst: Instance, u: User): Promise<Socket> {
  const s = await socketClient(inst.url, u.token);
  sockets.push(s);
  return s;
}

async function seated(inst: Instance, u: User, channelId: number): Promise<Socket> {
  const s = await open(inst, u);
  const ack = await s.emitWithAck('voice:join', { channel_id: channelId });
  if (!ack.success) throw new Error(JSON.stringify(ack));
  return s;
}

const channel = async (owner: User, maxUsers = 10) => (await createChannel(owner.ctx, { name: 'Across', description: null, max_users: maxUsers, is_private: false })).id;
const seatOf = async (userId: number) => (await handle.db.select().from(voiceParticipants).where(eq(voiceParticipants.userId, userId)))[0];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  installTestEnv({ REDIS_URL, VOICE_SEAT_TIMEOUT: '3s' });
  handle = await createTestDatabase();
  installDatabase(handle);
  redis = await connectRedis(REDIS_URL);
  a = await instance();
  b = await instance();
  // Services publish through their process's server, whose adapter carries it to the other instance.
  setRealtimeServer(a.io);
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  setRealtimeServer(undefined);
  for (const i of instances) await i.close();
  const keys = await redis.keys(`${REDIS_KEY}*`);
  if (keys.length) await redis.del(keys);
  await redis.close();
  await closeRedis();
  installDatabase(undefined);
  await handle?.close();
});

describe('voice across two instances', () => {
  it('relays signals and state between peers connected to different instances', async () => {
    const [x, y] = [await user(), await user()];
    const id = await channel(x);
    const sx = await seated(a, x, id);
    const joined = nextEvent(sx, 'voice:user-joined');
    const sy = await seated(b, y, id);
    expect(await joined).toMatchObject({ channel_id: id, user_id: y.id });
    const offer = nextEvent(sy, 'voice:signal');
    expect(await sx.emitWithAck('voice:signal', { to: y.id, description: { type: 'offer', sdp: 'v=0\r\n' } })).toMatchObject({ success: true });
    expect(await offer).toEqual({ channel_id: id, from: x.id, description: { type: 'offer', sdp: 'v=0\r\n' } });
    const answer = nextEvent(sx, 'voice:signal');
    await sy.emitWithAck('voice:signal', { to: x.id, description: { type: 'answer', sdp: 'v=0\r\n' } });
    expect(await answer).toMatchObject({ from: y.id, description: { type: 'answer' } });
    const state = nextEvent(sx, 'voice:state');
    await sy.emitWithAck('voice:state', { muted: true });
    expect(await state).toMatchObject({ user_id: y.id, muted: true });
  });

  it('a second tab on the other instance takes the seat; the first stops hearing the channel', async () => {
    const [x, y] = [await user(), await user()];
    const id = await channel(x);
    const sx = await seated(a, x, id);
    const tab1 = await seated(a, y, id);
    const moved = nextEvent(tab1, 'voice:user-left');
    const tab2 = await seated(b, y, id);
    expect(await moved).toEqual({ channel_id: id, user_id: y.id, reason: 'moved' });
    expect(await seatOf(y.id)).toMatchObject({ socketId: tab2.id });
    // tab1 left the channel's room: state and signals reach tab2 (through Redis) and never tab1
    // (which, on the sender's instance, would have had them first).
    const heard = recorder(tab1, ['voice:signal', 'voice:state']);
    const state = nextEvent(tab2, 'voice:state');
    const signal = nextEvent(tab2, 'voice:signal');
    await sx.emitWithAck('voice:state', { muted: true });
    await sx.emitWithAck('voice:signal', { to: y.id, candidate: { candidate: '' } });
    await state;
    await signal;
    await tab1.emitWithAck('voice:unwatch', {});
    expect(heard.of('voice:signal')).toEqual([]);
    expect(heard.of('voice:state')).toEqual([]);
  });

  it('gives the last seat to exactly one of two users joining through different instances', async () => {
    for (let round = 0; round < 3; round++) {
      const [x, y, z] = [await user(), await user(), await user()];
      const id = await channel(x, 2);
      await seated(a, x, id);
      const [sy, sz] = await Promise.all([open(a, y), open(b, z)]);
      const acks = await Promise.all([sy.emitWithAck('voice:join', { channel_id: id }), sz.emitWithAck('voice:join', { channel_id: id })]);
      expect(acks.map((ack) => (ack.success ? 'seated' : ack.error_code)).sort()).toEqual(['CHANNEL_FULL', 'seated']);
      expect(await handle.db.select().from(voiceParticipants).where(eq(voiceParticipants.channelId, id))).toHaveLength(2);
      for (const s of sockets.splice(0)) s.disconnect();
    }
  });
});

describe('seats of instances that die', () => {
  it('frees the seats of an instance that stopped vouching for them, and keeps live ones', async () => {
    const [x, ghost] = [await user(), await user()];
    const id = await channel(x);
    const sx = await seated(a, x, id);
    const gone = nextEvent(sx, 'voice:user-left');
    // A seat held on an instance that died a minute ago.
    await handle.db.insert(voiceParticipants).values({ userId: ghost.id, channelId: id, socketId: 'dead-socket', instanceId: 'dead-host:1', heartbeatAt: new Date(Date.now() - 60_000) });
    expect(await gone).toEqual({ channel_id: id, user_id: ghost.id, reason: 'timeout' });
    expect(await seatOf(ghost.id)).toBeUndefined();
    // Two timeouts later, the live seat is still there: its instance keeps vouching for it.
    await sleep(7000);
    expect(await seatOf(x.id)).toMatchObject({ channelId: id, socketId: sx.id });
  });

  it('an instance starting again under its old host and port frees the seats its previous run left', async () => {
    const [x, ghost] = [await user(), await user()];
    const id = await channel(x);
    const sx = await seated(a, x, id);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    await handle.db.insert(voiceParticipants).values({ userId: ghost.id, channelId: id, socketId: 'previous-run', instanceId: `${os.hostname()}:${port}` });
    const gone = nextEvent(sx, 'voice:user-left');
    await instance(port);
    expect(await gone).toEqual({ channel_id: id, user_id: ghost.id, reason: 'disconnected' });
    expect(await seatOf(ghost.id)).toBeUndefined();
  });
});
