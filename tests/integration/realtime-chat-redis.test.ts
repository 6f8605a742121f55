import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { onlineAmong, RedisPresenceStore } from '@/lib/chat/presence';
import { sendDirectMessage, createRoom } from '@/lib/chat/service';
import { installDatabase } from '@/lib/database';
import { setRealtimeServer } from '@/lib/realtime/publish';
import { attachRealtime } from '@/lib/realtime/server';
import { closeRedis, connectRedis, type RedisClient } from '@/lib/redis';
import { createTestDatabase } from '../helpers/database';
import { installTestEnv } from '../helpers/env';
import { bridgeClient, nextEvent, recorder, signedUser, socketClient, type BridgeClient, type SignedUser } from '../helpers/realtime';

// Two instances on different ports sharing one Redis (and one database), as behind a load balancer.
// A unique key prefix keeps parallel runs (and other test files) apart on the shared Redis.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_KEY = `talas-test-${randomUUID()}`;
const INSTANCE_TTL_MS = 600;

type Instance = { http: Server; url: string; io: Awaited<ReturnType<typeof attachRealtime>>['io']; close: () => Promise<void> };
const instances: Instance[] = [];
const clients: { close(): void }[] = [];
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let a: Instance;
let b: Instance;
let redis: RedisClient;

type User = SignedUser;
const user = () => signedUser(handle.db, 'r');
const ctxOf = (u: User) => u.ctx;

async function instance(): Promise<Instance> {
  const http = createServer((_req, res) => res.end());
  const realtime = await attachRealtime(http, {
    db: async () => handle.db,
    redisKey: REDIS_KEY,
    presence: { graceMs: 0, heartbeatMs: 100, instanceTtlMs: INSTANCE_TTL_MS },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const inst = { http, io: realtime.io, url: `http://localhost:${(http.address() as { port: number }).port}`, close: realtime.close };
  instances.push(inst);
  return inst;
}

async function socket(inst: Instance, u: User): Promise<Socket> {
  const s = await socketClient(inst.url, u.token);
  clients.push({ close: () => s.disconnect() });
  return s;
}

async function bridge(inst: Instance, u: User): Promise<BridgeClient> {
  const w = await bridgeClient(inst.url, u.token);
  clients.push(w);
  return w;
}

beforeAll(async () => {
  installTestEnv({ REDIS_URL });
  handle = await createTestDatabase();
  installDatabase(handle);
  redis = await connectRedis(REDIS_URL);
  a = await instance();
  b = await instance();
  // Services publish through their process's server, whose adapter carries it to the other instance.
  setRealtimeServer(a.io);
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.close();
  setRealtimeServer(undefined);
  for (const i of instances) await i.close();
  const keys = await redis.keys(`${REDIS_KEY}*`);
  if (keys.length) await redis.del(keys);
  await redis.close();
  await closeRedis();
  installDatabase(undefined);
  await handle?.close();
});

describe('chat across two instances sharing Redis', () => {
  it('room messages reach Socket.IO and plain WebSocket clients on the other instance', async () => {
    const [x, y, z] = [await user(), await user(), await user()];
    const room = `redis-${randomUUID().slice(0, 8)}`;
    await createRoom(ctxOf(x), { name: room, is_private: false });
    const sx = await socket(a, x);
    const sy = await socket(b, y);
    const wz = await bridge(b, z);
    await sx.emitWithAck('join', { room });
    await sy.emitWithAck('join', { room });
    wz.send({ type: 'join', room });
    await wz.next('joined');

    const ry = recorder(sy, ['message']);
    const ack = await sx.emitWithAck('message', { room, content: 'from A' });
    expect(await ry.waitFor('message', (m) => m.id === ack.data.id)).toMatchObject({ content: 'from A', from: x.id });
    expect(await wz.next('message', (m) => m.id === ack.data.id)).toMatchObject({ content: 'from A' });

    const rx = recorder(sx, ['message']);
    wz.send({ type: 'message', room, content: 'from the bridge on B' });
    expect(await rx.waitFor('message', (m) => m.content === 'from the bridge on B')).toMatchObject({ from: z.id });
  });

  it('DMs reach every tab of both users on both instances; typing crosses too', async () => {
    const [x, y] = [await user(), await user()];
    const [xa, xb, ya, yb] = [await socket(a, x), await socket(b, x), await socket(a, y), await socket(b, y)];
    const recs = [xa, xb, ya, yb].map((s) => recorder(s, ['dm']));
    const ack = await xa.emitWithAck('dm', { to: y.id, content: 'everywhere' });
    for (const r of recs) expect(await r.waitFor('dm', (m) => m.id === ack.data.id)).toMatchObject({ content: 'everywhere' });
    const typing = nextEvent(yb, 'typing');
    await xa.emitWithAck('typing', { to: y.id });
    expect(await typing).toEqual({ from: x.id, username: x.username });
    // A DM stored through the service (a route handler) reaches both instances too.
    const viaService = await sendDirectMessage(ctxOf(y), x.id, { content: 'via http' });
    await recs[1]!.waitFor('dm', (m) => m.id === viaService.message.id);
  });

  it('presence crosses instances', async () => {
    const [x, friend] = [await user(), await user()];
    await sendDirectMessage(ctxOf(friend), x.id, { content: 'hi' });
    const sf = await socket(a, friend);
    const rf = recorder(sf, ['presence']);
    const sx = await socket(b, x);
    await rf.waitFor('presence', (p) => p.user_id === x.id && p.is_online);
    expect(await onlineAmong([x.id, friend.id])).toEqual(new Set([x.id, friend.id]));
    sx.disconnect();
    const offline = await rf.waitFor('presence', (p) => p.user_id === x.id && !p.is_online);
    const [row] = await handle.db.select({ lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, x.id));
    expect(row!.lastSeenAt!.toISOString()).toBe(offline.last_seen);
  });

  it('users of an instance that dies go offline once its heartbeat expires', async () => {
    const [x, friend] = [await user(), await user()];
    await sendDirectMessage(ctxOf(friend), x.id, { content: 'are you there?' });
    const sf = await socket(a, friend);
    const rf = recorder(sf, ['presence']);

    // A third instance, reduced to its presence store: x connects there, then its process "dies" —
    // its Redis connection drops without any cleanup, and its heartbeat is never refreshed.
    const doomedClient = await connectRedis(REDIS_URL);
    const doomed = new RedisPresenceStore(doomedClient, REDIS_KEY, `doomed-${randomUUID()}`, INSTANCE_TTL_MS);
    await doomed.heartbeat();
    await doomed.add(x.id, 'socket-1');
    expect(await onlineAmong([x.id])).toEqual(new Set([x.id]));
    doomedClient.destroy();

    const offline = await rf.waitFor('presence', (p) => p.user_id === x.id && !p.is_online);
    expect(offline.last_seen).toEqual(expect.any(String));
    expect(await onlineAmong([x.id])).toEqual(new Set());
    const [row] = await handle.db.select({ lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, x.id));
    expect(row!.lastSeenAt!.toISOString()).toBe(offline.last_seen);
    // Exactly one instance claimed the dead one: over several more heartbeats, the friend heard it once.
    await new Promise((r) => setTimeout(r, 4 * 100));
    expect(rf.of('presence').filter((p) => p.user_id === x.id && !p.is_online)).toHaveLength(1);
  });
});
