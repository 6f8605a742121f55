import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Database } from '@/db/client';
import type { CurrentUser } from '../context';
import { AppError, errorStatus, toErrorBody } from '../errors';
import { corsOriginAllowed } from '../http/cors';
import { log } from '../log';
import { resolveUser } from '../auth/resolve-user';
import { chatRoom, userRoom, type Ack, type ServerToClientEvents, type SocketData } from './events';
import { runHandler, type EventHandler } from './on';
import type { RealtimeServer } from './server';
import type { ChatConnection } from '../chat/socket';
import type { PresenceTracker } from '../chat/presence';

export const BRIDGE_PATH = '/ws/chat';

export interface BridgeOptions {
  /** Ping every connection this often; one that has not answered the previous ping is dropped. */
  heartbeatMs: number;
}

export const defaultBridgeOptions: BridgeOptions = { heartbeatMs: 30_000 };

interface BridgeDeps {
  io: RealtimeServer;
  db: () => Promise<Database>;
  handlers: Record<string, EventHandler<ChatConnection>>;
  presence: PresenceTracker;
  maxFrameBytes: number;
  options: BridgeOptions;
}

type Frame = { type: string; data: unknown };

/**
 * One plain WebSocket client, registered in the Socket.IO namespace like a socket: it joins rooms
 * through the namespace's adapter, so every broadcast (local, from another instance through Redis, or
 * from a route handler) reaches it, and `disconnectSockets` (a ban) and `fetchSockets` see it. The
 * adapter hands it each packet through `notifyOutgoingListeners`; it sends the event as a JSON frame.
 */
class BridgeConnection implements ChatConnection {
  readonly id = `ws-${randomUUID()}`;
  readonly data: SocketData;
  readonly rooms = new Set<string>();
  readonly handshake: { headers: IncomingMessage['headers']; time: string; address: string; url: string; query: Record<string, string>; auth: object };
  /** Unused by the bridge: the adapter writes pre-encoded Socket.IO packets here for real sockets. */
  readonly client = { writeToEngine: () => {} };
  readonly acks = new Map();
  connected = true;
  alive = true;

  constructor(
    readonly ws: WebSocket,
    private readonly io: RealtimeServer,
    user: CurrentUser,
    req: IncomingMessage,
  ) {
    this.data = { user };
    this.handshake = {
      headers: {},
      time: new Date().toString(),
      address: req.socket.remoteAddress ?? '',
      url: BRIDGE_PATH,
      query: {},
      auth: {},
    };
  }

  send(frame: Frame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): boolean {
    this.send({ type: event, data: args[0] });
    return true;
  }

  /** Called by the adapter for every packet broadcast to a room this connection is in. */
  notifyOutgoingListeners(packet: { data?: unknown[] }): void {
    const [event, payload] = packet.data ?? [];
    if (typeof event === 'string') this.send({ type: event, data: payload });
  }

  join(rooms: string | string[]): void {
    const list = Array.isArray(rooms) ? rooms : [rooms];
    if (!this.connected) return;
    void this.io.of('/').adapter.addAll(this.id, new Set(list));
    for (const r of list) this.rooms.add(r);
  }

  leave(room: string): void {
    void this.io.of('/').adapter.del(this.id, room);
    this.rooms.delete(room);
  }

  /** `disconnectSockets()` (a ban, a deletion) ends the connection. */
  disconnect(): this {
    this.ws.close(1008, 'disconnected by the server');
    return this;
  }

  /** The Socket.IO server closing. */
  _onclose(): void {
    this.ws.close(1001, 'server shutting down');
  }

  cleanup(): void {
    this.connected = false;
    void this.io.of('/').adapter.delAll(this.id);
    this.rooms.clear();
    (this.io.of('/').sockets as Map<string, unknown>).delete(this.id);
  }

  register(): void {
    (this.io.of('/').sockets as Map<string, unknown>).set(this.id, this);
    this.join(userRoom(this.data.user.id));
  }
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ success: false, error: message, error_code: code, timestamp: Math.floor(Date.now() / 1000) });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** A cookie rides along on cross-site WebSocket handshakes too: refuse an Origin that is neither this site nor allowed. */
function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host || corsOriginAllowed(origin);
  } catch {
    return false;
  }
}

async function authenticate(req: IncomingMessage, url: URL, db: Database): Promise<CurrentUser | null> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) headers.set(k, v.join(', '));
  }
  const token = url.searchParams.get('token');
  if (token) headers.set('authorization', `Bearer ${token.replace(/^Bearer\s+/i, '')}`);
  else if (!originAllowed(req)) throw new AppError('PERMISSION_DENIED', 'Cross-site WebSocket refused');
  return resolveUser(db, headers);
}

const frameTypes = new Set(['join', 'leave', 'message', 'dm', 'room_history', 'dm_history', 'typing', 'read', 'edit', 'delete']);

/**
 * `GET /ws/chat?token=<jwt>` (or the session cookie): the chat over plain WebSocket JSON frames
 * `{type, ...payload}`, answered with `{type, data}` frames, over the same handlers as Socket.IO.
 * Listens to the http server's `upgrade` event for its own path only.
 */
export function attachWsBridge(httpServer: HttpServer, deps: BridgeDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxFrameBytes });
  const connections = new Set<BridgeConnection>();

  async function onFrame(conn: BridgeConnection, raw: RawData, isBinary: boolean): Promise<void> {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(raw.toString());
    } catch {
      frame = undefined;
    }
    if (!frame || typeof frame !== 'object' || Array.isArray(frame)) {
      conn.send({ type: 'error', data: { message: 'Frames are JSON objects {"type": …}', code: 'INVALID_INPUT' } });
      return;
    }
    const { type, ...payload } = frame as { type?: unknown };
    const entry = typeof type === 'string' && frameTypes.has(type) ? deps.handlers[type] : undefined;
    if (!entry || typeof type !== 'string') {
      conn.send({ type: 'error', data: { message: `Unknown frame type: ${String(type)}`, code: 'INVALID_INPUT' } });
      return;
    }
    const ack: Ack = await runHandler(entry, type, payload, conn);
    if (!ack.success) {
      // A rate-limited send has already been told by its `error` event.
      if (ack.error_code === 'RATE_LIMITED') return;
      const clientId = (payload as { client_id?: unknown }).client_id;
      conn.send({
        type: 'error',
        data: {
          message: ack.error,
          code: ack.error_code,
          event: type,
          ...(typeof clientId === 'string' ? { client_id: clientId } : {}),
          ...(ack.details ? { details: ack.details } : {}),
        },
      });
      return;
    }
    if (type === 'room_history' || type === 'dm_history') conn.send({ type: 'history', data: ack.data });
    // A sender that does not follow the room still learns its message was stored.
    if (type === 'message') {
      const message = ack.data as { room: string };
      if (!conn.rooms.has(chatRoom(message.room))) conn.send({ type: 'message', data: message });
    }
  }

  function accept(ws: WebSocket, user: CurrentUser, req: IncomingMessage): void {
    const conn = new BridgeConnection(ws, deps.io, user, req);
    connections.add(conn);
    conn.register();
    void deps.presence.connected(user.id, conn.id);
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (raw, isBinary) => {
      onFrame(conn, raw, isBinary).catch((err: unknown) => log().error({ err }, 'ws bridge frame failed'));
    });
    ws.on('error', (err) => log().debug({ err: err.message }, 'ws bridge connection error'));
    ws.on('close', () => {
      connections.delete(conn);
      conn.cleanup();
      void deps.presence.disconnected(user.id, conn.id);
    });
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== BRIDGE_PATH) return; // Socket.IO and Next handle their own upgrades
    socket.on('error', () => socket.destroy());
    deps
      .db()
      .then((db) => authenticate(req, url, db))
      .then(
        (user) => {
          if (!user) return refuse(socket, 401, 'UNAUTHORIZED', 'Sign in to continue');
          wss.handleUpgrade(req, socket, head, (ws) => accept(ws, user, req));
        },
        (err: unknown) => {
          const { body, internal } = toErrorBody(err);
          if (internal) log().error({ err }, 'ws bridge handshake failed');
          const status = errorStatus[body.error_code] === 403 ? 403 : 401;
          refuse(socket, status, status === 403 ? body.error_code : 'UNAUTHORIZED', body.error);
        },
      );
  };
  httpServer.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, deps.options.heartbeatMs);
  heartbeat.unref();

  return {
    async close() {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
