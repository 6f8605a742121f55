// Broadcasts written straight to the WebSocket (lib/realtime/direct-frames.ts): the same frames, in the
// same order, as engine.io's own path, which still serves everything else.
import type { Server, Socket } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directFramesOf } from '@/lib/realtime/direct-frames';
import { createUser } from '../helpers/api';
import { recorder, settle, socketClient } from '../helpers/realtime';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
const clients: ClientSocket[] = [];
/** Untyped events: these tests send their own. */
const io = () => app.io as unknown as Server;

async function connected(): Promise<{ client: ClientSocket; server: Socket }> {
  const user = await createUser(app);
  const client = await socketClient(app.url, user.token);
  clients.push(client);
  const server = io().of('/').sockets.get(client.id!)!;
  return { client, server };
}

/** What engine.io's connection looks like to the direct path: a send in flight holds the transport. */
const transportOf = (socket: Socket) =>
  (socket.conn as unknown as { transport: { writable: boolean }; flush(): void; writeBuffer: unknown[] }).transport;

beforeAll(async () => {
  app = await startTestApp();
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await app?.close();
});

describe('direct broadcast frames', () => {
  it('delivers room broadcasts straight to each WebSocket, in order with what engine.io sends', async () => {
    const members = await Promise.all([connected(), connected(), connected()]);
    for (const m of members) await m.server.join('direct-room');
    const seen = members.map((m) => recorder(m.client, ['tick']));
    const before = members.map((m) => directFramesOf(m.server));
    for (let i = 0; i < 40; i++) {
      io().to('direct-room').emit('tick', { n: i, via: 'room' });
      // One socket's own emit must land between the broadcasts around it.
      members[0]!.server.emit('tick', { n: i, via: 'own' });
    }
    for (const m of members) await settle(m.client);
    expect(seen[0]!.of('tick')).toEqual(Array.from({ length: 40 }, (_, n) => [{ n, via: 'room' }, { n, via: 'own' }]).flat());
    for (const i of members.keys()) {
      expect(seen[i]!.of('tick').filter((t: { via: string }) => t.via === 'room').map((t: { n: number }) => t.n)).toEqual(
        Array.from({ length: 40 }, (_, n) => n),
      );
    }
    // All written directly: with connection state recovery on, Socket.IO sends a socket's own emits as
    // broadcasts to its own room, so they are pre-framed too. (Acks are not: see the next test for the
    // order against engine.io's path.)
    expect(members.map((m, i) => directFramesOf(m.server) - before[i]!)).toEqual([80, 40, 40]);
  });

  it('leaves a broadcast to engine.io while a send is in flight, and the order holds', async () => {
    const { client, server } = await connected();
    await server.join('busy-room');
    const seen = recorder(client, ['tick']);
    const before = directFramesOf(server);
    const transport = transportOf(server);
    // As while engine.io waits for a write to complete: its next packets queue in the write buffer.
    transport.writable = false;
    server.emit('tick', { n: 0 });
    io().to('busy-room').emit('tick', { n: 1 });
    io().to('busy-room').emit('tick', { n: 2 });
    transport.writable = true;
    (server.conn as unknown as { flush(): void }).flush();
    await settle(client);
    // Nothing in flight any more: straight to the WebSocket again.
    io().to('busy-room').emit('tick', { n: 3 });
    await settle(client);
    expect(seen.of('tick')).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(directFramesOf(server) - before).toBe(1);
  });

  it('keeps the adapter for several rooms (one copy each), exceptions and volatile broadcasts', async () => {
    const [a, b] = await Promise.all([connected(), connected()]);
    for (const m of [a, b]) await m.server.join(['multi-1', 'multi-2']);
    const seenA = recorder(a.client, ['tick']);
    const seenB = recorder(b.client, ['tick']);
    io().to(['multi-1', 'multi-2']).emit('tick', { n: 'both rooms' });
    io().to('multi-1').except(a.server.id).emit('tick', { n: 'not a' });
    io().to('multi-1').volatile.emit('tick', { n: 'volatile' });
    await Promise.all([settle(a.client), settle(b.client)]);
    expect(seenA.of('tick')).toEqual([{ n: 'both rooms' }, { n: 'volatile' }]);
    expect(seenB.of('tick')).toEqual([{ n: 'both rooms' }, { n: 'not a' }, { n: 'volatile' }]);
  });
});
