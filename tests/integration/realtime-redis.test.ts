import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase } from '@/lib/database';
import { closeRedis } from '@/lib/redis';
import { publish, publishDisconnectUser, setRealtimeServer } from '@/lib/realtime/publish';
import { attachRealtime } from '@/lib/realtime/server';
import { userRoom } from '@/lib/realtime/events';
import { createTestDatabase } from '../helpers/database';
import { installTestEnv } from '../helpers/env';
import { signAccessToken } from '@/lib/auth/tokens';
import { startSession } from '@/lib/auth/sessions';
import { users } from '@/db/schema/users';

// Two Socket.IO servers (two "instances") sharing one Redis, and a process with no Socket.IO server
// publishing through the Redis emitter, as route handlers do under plain `next start`.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Instance = { http: Server; url: string; close: () => Promise<void> };
const instances: Instance[] = [];
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let token: string;
let userId: number;

async function instance(): Promise<Instance & { io: Awaited<ReturnType<typeof attachRealtime>>['io'] }> {
  const http = createServer((_req, res) => res.end());
  const realtime = await attachRealtime(http, { db: async () => handle.db });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  const inst = { http, io: realtime.io, url: `http://localhost:${port}`, close: realtime.close };
  instances.push(inst);
  return inst;
}

function client(url: string): Promise<Socket> {
  const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

beforeAll(async () => {
  // A unique channel prefix is not needed: rooms are per user id in a fresh database, but keep the
  // key space of other runs apart anyway by using a fresh user.
  installTestEnv({ REDIS_URL });
  handle = await createTestDatabase();
  installDatabase(handle);
  const [user] = await handle.db
    .insert(users)
    .values({ username: `redis_${randomUUID().slice(0, 8)}`, email: `${randomUUID()}@example.test`, passwordHash: 'x' })
    .returning();
  userId = user!.id;
  const session = await startSession(handle.db, { userId, kind: 'api', client: { ip: '127.0.0.1', userAgent: null } });
  token = (await signAccessToken({ userId, username: user!.username, role: 'user', sessionId: session.id, issuedAt: Math.floor(Date.now() / 1000) })).token;
});

afterAll(async () => {
  setRealtimeServer(undefined);
  for (const i of instances) await i.close();
  await closeRedis();
  installDatabase(undefined);
  await handle?.close();
});

describe('Socket.IO across instances through Redis', () => {
  it('an emit on instance A reaches a client connected to instance B', async () => {
    const a = await instance();
    const b = await instance();
    const socket = await client(b.url);
    const received = new Promise<unknown>((resolve) => socket.once('error', resolve));
    // Give the adapter's subscription a moment to be in place on both sides.
    await new Promise((r) => setTimeout(r, 200));
    a.io.to(userRoom(userId)).emit('error', { message: 'from A', code: 'CONFLICT' });
    expect(await received).toEqual({ message: 'from A', code: 'CONFLICT' });
    socket.disconnect();
  });

  it('a process without a Socket.IO server publishes through the Redis emitter', async () => {
    const b = await instance();
    const socket = await client(b.url);
    const received = new Promise<unknown>((resolve) => socket.once('error', resolve));
    await new Promise((r) => setTimeout(r, 200));
    setRealtimeServer(undefined);
    await publish(userRoom(userId), 'error', { message: 'from the emitter', code: 'CONFLICT' });
    expect(await received).toEqual({ message: 'from the emitter', code: 'CONFLICT' });

    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await publishDisconnectUser(userId);
    expect(await closed).toBe('io server disconnect');
  });
});
