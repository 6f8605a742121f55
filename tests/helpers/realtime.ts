import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { users } from '@/db/schema/users';
import { startSession } from '@/lib/auth/sessions';
import { signAccessToken } from '@/lib/auth/tokens';
import type { AuthedCtx } from '@/lib/context';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import WebSocket from 'ws';

type Options = Partial<ManagerOptions & SocketOptions>;

/** A connected Socket.IO client (websocket transport, no automatic reconnection unless asked). */
export async function socketClient(url: string, token: string, options: Options = {}): Promise<Socket> {
  const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, ...options });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Records every payload of the given events, in order, from the moment it is called. */
export function recorder(socket: Socket, events: string[]) {
  const seen: Record<string, any[]> = Object.fromEntries(events.map((e) => [e, []]));
  for (const e of events) socket.on(e, (payload: unknown) => seen[e]!.push(payload));
  return {
    of: (event: string) => seen[event]!,
    /** Resolves once `event` has a payload matching `match` (already seen or to come). */
    async waitFor(event: string, match: (p: any) => boolean = () => true): Promise<any> {
      const found = seen[event]!.find(match);
      if (found) return found;
      return new Promise((resolve) => {
        const listener = (p: unknown) => {
          if (!match(p)) return;
          socket.off(event, listener);
          resolve(p);
        };
        socket.on(event, listener);
      });
    },
  };
}

/** Resolves with the next payload of `event` that matches. */
export function nextEvent<T = any>(socket: Socket, event: string, match: (p: any) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const listener = (p: T) => {
      if (!match(p)) return;
      socket.off(event, listener);
      resolve(p);
    };
    socket.on(event, listener);
  });
}

/** A round trip through the server: everything it emitted to this socket before is delivered by then. */
export async function settle(socket: Socket): Promise<void> {
  await socket.emitWithAck('room_history', { room: 'no-such-room-settle', limit: 1 });
}

export interface Frame {
  type: string;
  data: any;
}

/** A plain WebSocket client of /ws/chat that records every frame. */
export interface BridgeClient {
  ws: WebSocket;
  frames: Frame[];
  send(frame: Record<string, unknown>): void;
  next(type: string, match?: (data: any) => boolean): Promise<any>;
  close(): void;
}

export function bridgeUrl(appUrl: string, token?: string): string {
  const url = new URL('/ws/chat', appUrl.replace(/^http/, 'ws'));
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

export async function bridgeClient(appUrl: string, token: string, headers: Record<string, string> = {}): Promise<BridgeClient> {
  const ws = new WebSocket(bridgeUrl(appUrl, token), { headers });
  const frames: Frame[] = [];
  const waiters: { type: string; match: (d: any) => boolean; resolve: (d: any) => void }[] = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.type === frame.type && w.match(frame.data)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame.data);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next(type, match = () => true) {
      const found = frames.find((f) => f.type === type && match(f.data));
      if (found) return Promise.resolve(found.data);
      return new Promise((resolve) => waiters.push({ type, match, resolve }));
    },
    close: () => ws.close(),
  };
}

/** How a WebSocket handshake to /ws/chat ends: open, or refused with an HTTP status. */
export function bridgeHandshake(url: string, headers: Record<string, string> = {}): Promise<{ open: true } | { open: false; status: number; body: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve({ open: true });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ open: false, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => {});
  });
}

export interface SignedUser {
  id: number;
  username: string;
  token: string;
  /** The service context of this user, for calling services directly. */
  ctx: AuthedCtx;
}

/**
 * A user with a live session and its access token, written straight to `db`: for tests that run
 * realtime servers in-process, without the HTTP API.
 */
export async function signedUser(db: Database, prefix: string): Promise<SignedUser> {
  const username = `${prefix}_${randomUUID().slice(0, 8)}`;
  const [row] = await db.insert(users).values({ username, email: `${username}@example.test`, passwordHash: 'x' }).returning();
  const session = await startSession(db, { userId: row!.id, kind: 'api', client: { ip: '127.0.0.1', userAgent: null } });
  const { token } = await signAccessToken({ userId: row!.id, username, role: 'user', sessionId: session.id, issuedAt: Math.floor(Date.now() / 1000) });
  const ctx: AuthedCtx = { db, user: { id: row!.id, username, email: row!.email, role: 'user', status: 'active', sessionId: session.id, familyId: '', via: 'bearer' } };
  return { id: row!.id, username, token, ctx };
}
