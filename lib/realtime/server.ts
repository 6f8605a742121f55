import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import type { Database } from '@/db/client';
import { resolveUser } from '../auth/resolve-user';
import {
  DEFAULT_REDIS_KEY,
  defaultPresenceOptions,
  MemoryPresenceStore,
  PresenceTracker,
  RedisPresenceStore,
  clearPresenceTracker,
  setPresenceTracker,
  type PresenceOptions,
} from '../chat/presence';
import { chatHandlers, registerChatSockets, type ChatLimits } from '../chat/socket';
import { registerVoiceSockets } from '../voice/socket';
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
import { writeFramesDirectly, fanOutRoomsDirectly } from './direct-frames';
import { attachWsBridge, defaultBridgeOptions, type BridgeOptions } from './ws-bridge';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  db: () => Promise<Database>;
  /** More socket handlers, registered once per connection after the built-in domains' (chat). */
  handlers?: ((socket: RealtimeSocket, io: RealtimeServer) => void)[];
  /** Prefix of every Redis channel and key (Socket.IO's default, which the Redis emitter uses too). */
  redisKey?: string;
  presence?: Partial<PresenceOptions>;
  chatLimits?: Partial<ChatLimits>;
  bridge?: Partial<BridgeOptions>;
}

/** How long a dropped client's rooms and missed events are kept for it to resume (connection state recovery). */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

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
    // A client back within two minutes resumes its rooms and gets the events it missed. The Redis
    // adapter cannot replay them: with several instances, clients fill the gap with the `since` cursor.
    // Middlewares run again on resume, so a revoked session or a ban is not resumed.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    // The plain WebSocket bridge authenticates before it answers its upgrade; give it time before
    // engine.io closes upgrades that are not its own.
    destroyUpgradeTimeout: 10_000,
  });

  const redisClients: RedisClient[] = [];
  const url = env().REDIS_URL;
  const redisKey = deps.redisKey ?? DEFAULT_REDIS_KEY;
  const presenceOptions = { ...defaultPresenceOptions, ...deps.presence };
  let store: MemoryPresenceStore | RedisPresenceStore = new MemoryPresenceStore();
  if (url) {
    const pub = await connectRedis(url);
    const sub = pub.duplicate();
    await sub.connect();
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: redisKey }));
    store = new RedisPresenceStore(pub, redisKey, randomUUID(), presenceOptions.instanceTtlMs);
  }
  fanOutRoomsDirectly(io.of('/'));
  const presence = new PresenceTracker(
    store,
    deps.db,
    (userIds, payload) => io.to(userIds.map(userRoom)).emit('presence', payload),
    presenceOptions,
  );
  presence.start();
  setPresenceTracker(presence, redisKey);

  io.use(async (socket, next) => {
    try {
      const user = await resolveUser(await deps.db(), handshakeHeaders(socket));
      if (!user) return next(Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED' } }));
      socket.data.user = user;
      // The token has done its job: a long-lived socket need not hold it (fetchSockets() would even copy
      // it to other instances). Recovery and reconnects send their auth afresh.
      socket.handshake.auth = {};
      next();
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'UNAUTHORIZED';
      if (!(err instanceof AppError)) log().error({ err }, 'socket handshake failed');
      const message = code === 'ACCOUNT_DISABLED' ? code : 'UNAUTHORIZED';
      next(Object.assign(new Error(message), { data: { code } }));
    }
  });

  const chat = chatHandlers({ db: deps.db, io, limits: deps.chatLimits });
  const registerChat = registerChatSockets(chat, deps.db);
  const registerVoice = registerVoiceSockets({ db: deps.db, io });
  // One listener shared by every socket (`this` is the socket).
  function onDisconnect(this: RealtimeSocket) {
    void presence.disconnected(this.data.user.id, this.id);
  }

  io.on('connection', (socket) => {
    writeFramesDirectly(socket);
    void socket.join(userRoom(socket.data.user.id));
    registerChat(socket);
    registerVoice(socket);
    for (const register of deps.handlers ?? []) register(socket, io);
    void presence.connected(socket.data.user.id, socket.id);
    socket.on('disconnect', onDisconnect);
  });

  const bridge = attachWsBridge(httpServer, {
    io,
    db: deps.db,
    handlers: chat,
    presence,
    maxFrameBytes: MAX_FRAME_BYTES,
    options: { ...defaultBridgeOptions, ...deps.bridge },
  });

  return {
    io,
    presence,
    async close() {
      await bridge.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        // io.close also closes the http server; tolerate it being closed already.
      });
      await presence.close();
      clearPresenceTracker(presence);
      await Promise.all(redisClients.map((c) => c.close().catch(() => {})));
    },
  };
}
