import { Emitter } from '@socket.io/redis-emitter';
import type { Server } from 'socket.io';
import { redis } from '../redis';
import { log } from '../log';
import { userRoom, type ServerToClientEvents } from './events';

type RealtimeServer = Server<never, ServerToClientEvents>;

const globalForRealtime = globalThis as unknown as {
  __talasIo?: RealtimeServer;
  __talasEmitter?: Promise<Emitter<ServerToClientEvents>>;
};

/** server.ts installs the Socket.IO server here; route handlers bundled by Next find it the same way. */
export function setRealtimeServer(io: RealtimeServer | undefined): void {
  globalForRealtime.__talasIo = io;
}

export function realtimeServer(): RealtimeServer | undefined {
  return globalForRealtime.__talasIo;
}

/**
 * Where broadcasts go: the local server (which the Redis adapter fans out to other instances), or,
 * in a process without one (`next start` on a serverless host), the Redis emitter.
 */
async function target(): Promise<Pick<RealtimeServer, 'to' | 'in'> | undefined> {
  const io = realtimeServer();
  if (io) return io;
  const client = redis();
  if (!client) return undefined;
  globalForRealtime.__talasEmitter ??= client.then((c) => new Emitter<ServerToClientEvents>(c));
  return (await globalForRealtime.__talasEmitter) as unknown as Pick<RealtimeServer, 'to' | 'in'>;
}

/**
 * Sends an event to a room (or several at once: a socket in more than one gets it once) after the
 * change is committed. Never fails the caller's request.
 */
export async function publish<E extends keyof ServerToClientEvents>(
  room: string | string[],
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
): Promise<void> {
  try {
    const t = await target();
    (t?.to(room).emit as ((e: E, ...a: Parameters<ServerToClientEvents[E]>) => void) | undefined)?.(event, ...args);
  } catch (err) {
    log().warn({ err, room, event }, 'realtime publish failed');
  }
}

/** Makes every socket in `from`, on every instance, follow `room` too (or stop following it). */
export async function publishFollow(from: string, room: string, follow: boolean): Promise<void> {
  try {
    const sockets = (await target())?.in(from);
    if (follow) sockets?.socketsJoin(room);
    else sockets?.socketsLeave(room);
  } catch (err) {
    log().warn({ err, from, room }, 'realtime room change failed');
  }
}

/** Ends every live socket of a user, on every instance (a ban, a deletion). */
export async function publishDisconnectUser(userId: number): Promise<void> {
  try {
    (await target())?.in(userRoom(userId)).disconnectSockets(true);
  } catch (err) {
    log().warn({ err, userId }, 'realtime disconnect failed');
  }
}

/** Whether events published here reach clients: a local server, or Redis answering for the emitter. */
export async function realtimeStatus(): Promise<'ok' | 'down'> {
  if (realtimeServer()) return 'ok';
  const client = redis();
  if (!client) return 'down';
  try {
    await (await client).ping();
    return 'ok';
  } catch {
    return 'down';
  }
}
