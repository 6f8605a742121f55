import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import type { Database } from '@/db/client';
import { resolveUser } from '../auth/resolve-user';
import { corsOriginAllowed } from '../http/cors';
import { AppError } from '../errors';
import { env } from '../env';
import { log } from '../log';
import { connectRedis, type RedisClient } from '../redis';
import {
  userRoom,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './events';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  db: () => Promise<Database>;
  /** Domain modules register their socket handlers here, once per connection. */
  handlers?: ((socket: RealtimeSocket, io: RealtimeServer) => void)[];
}

/** Frames larger than this are refused by the transport. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Turns the handshake into the Headers resolveUser reads: `auth.token` counts as a Bearer token. */
function handshakeHeaders(socket: RealtimeSocket): Headers {
  const headers = new Headers();
  const { auth, headers: raw } = socket.handshake;
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) headers.set(k, v.join(', '));
  }
  const token = typeof auth?.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '') : undefined;
  if (token) headers.set('authorization', `Bearer ${token}`);
  return headers;
}

export async function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const io: RealtimeServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_FRAME_BYTES,
    cors: {
      origin: (origin, cb) => cb(null, !origin || corsOriginAllowed(origin)),
      credentials: true,
    },
    serveClient: false,
  });

  const redisClients: RedisClient[] = [];
  const url = env().REDIS_URL;
  if (url) {
    const pub = await connectRedis(url);
    const sub = pub.duplicate();
    await sub.connect();
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub));
  }

  io.use(async (socket, next) => {
    try {
      const user = await resolveUser(await deps.db(), handshakeHeaders(socket));
      if (!user) return next(Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED' } }));
      socket.data.user = user;
      next();
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'UNAUTHORIZED';
      if (!(err instanceof AppError)) log().error({ err }, 'socket handshake failed');
      const message = code === 'ACCOUNT_DISABLED' ? code : 'UNAUTHORIZED';
      next(Object.assign(new Error(message), { data: { code } }));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.user.id));
    for (const register of deps.handlers ?? []) register(socket, io);
  });

  return {
    io,
    async close() {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        // io.close also closes the http server; tolerate it being closed already.
      });
      await Promise.all(redisClients.map((c) => c.close().catch(() => {})));
    },
  };
}
