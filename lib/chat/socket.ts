import type { z } from 'zod';
import type { Database } from '@/db/client';
import type { AuthedCtx } from '../context';
import { AppError } from '../errors';
import { log } from '../log';
import { chatRoom, userRoom, type ServerToClientEvents } from '../realtime/events';
import { handler, onEvents, type Connection, type EventHandler } from '../realtime/on';
import type { RealtimeServer, RealtimeSocket } from '../realtime/server';
import {
  dmEvent,
  dmHistoryEvent,
  deleteEvent,
  editEvent,
  joinEvent,
  messageEvent,
  readEvent,
  roomHistoryEvent,
  typingEvent,
} from './schemas';
import * as chat from './service';

/** A connection the chat events act on: a Socket.IO socket, or a plain WebSocket bridge connection. */
export interface ChatConnection extends Connection {
  join(room: string): unknown;
  leave(room: string): unknown;
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): unknown;
}

/** Per-connection sending budget: a token bucket, `burst` messages at once, refilled over `windowMs`. */
export interface ChatLimits {
  burst: number;
  windowMs: number;
  /** A user's typing indicator goes out at most once per this interval per room or person. */
  typingIntervalMs: number;
}

export const defaultChatLimits: ChatLimits = { burst: 10, windowMs: 10_000, typingIntervalMs: 2_000 };

/** Kept in `socket.data`, created only when first needed (idle connections carry none). */
export interface ChatConnectionState {
  tokens: number;
  refilledAt: number;
  typing?: Map<string, number>;
}

/** Spends one token of the connection's bucket, or refuses with RATE_LIMITED (and an `error` event). */
function spend(conn: ChatConnection, limits: ChatLimits): void {
  const now = Date.now();
  const state = (conn.data.chat ??= { tokens: limits.burst, refilledAt: now });
  const refill = ((now - state.refilledAt) / limits.windowMs) * limits.burst;
  state.tokens = Math.min(limits.burst, state.tokens + refill);
  state.refilledAt = now;
  if (state.tokens < 1) {
    const retryMs = Math.ceil(((1 - state.tokens) * limits.windowMs) / limits.burst);
    const message = `Too many messages: wait ${Math.ceil(retryMs / 1000)} s`;
    conn.emit('error', { message, code: 'RATE_LIMITED' });
    throw new AppError('RATE_LIMITED', message);
  }
  state.tokens -= 1;
}

/** True when a typing indicator to `target` went out less than the interval ago (then it is dropped). */
function typingThrottled(conn: ChatConnection, target: string, limits: ChatLimits): boolean {
  const now = Date.now();
  const state = (conn.data.chat ??= { tokens: limits.burst, refilledAt: now });
  const typing = (state.typing ??= new Map());
  const last = typing.get(target);
  if (last !== undefined && now - last < limits.typingIntervalMs) return true;
  if (typing.size > 100) typing.clear(); // bounded: a client cannot grow it forever
  typing.set(target, now);
  return false;
}

const on = <S extends z.ZodType, R>(schema: S, handle: (input: z.infer<S>, conn: ChatConnection) => Promise<R> | R) =>
  handler<S, R, ChatConnection>(schema, handle);

export interface ChatSocketDeps {
  db: () => Promise<Database>;
  io: RealtimeServer;
  limits?: Partial<ChatLimits>;
}

/**
 * The chat events, over the chat services: one table for Socket.IO sockets and the plain WebSocket
 * bridge. Sends are stored (and committed) before they are acknowledged or delivered.
 */
export function chatHandlers(deps: ChatSocketDeps): Record<string, EventHandler<ChatConnection>> {
  const limits = { ...defaultChatLimits, ...deps.limits };
  const ctxOf = async (conn: ChatConnection): Promise<AuthedCtx> => ({ db: await deps.db(), user: conn.data.user });
  return {
    join: on(joinEvent, async ({ room }, conn) => {
      const out = await chat.joinRoom(await ctxOf(conn), room);
      await conn.join(chatRoom(room));
      conn.emit('joined', { room, status: 'ok' });
      return out;
    }),
    leave: on(joinEvent, async ({ room }, conn) => {
      await conn.leave(chatRoom(room));
      conn.emit('left', { room, status: 'ok' });
      return { room, status: 'ok' as const };
    }),
    message: on(messageEvent, async ({ room, content, client_id }, conn) => {
      spend(conn, limits);
      return (await chat.sendRoomMessage(await ctxOf(conn), room, { content, client_id })).message;
    }),
    dm: on(dmEvent, async ({ to, content, client_id }, conn) => {
      spend(conn, limits);
      return (await chat.sendDirectMessage(await ctxOf(conn), to, { content, client_id })).message;
    }),
    room_history: on(roomHistoryEvent, async ({ room, ...query }, conn) => ({
      room,
      messages: await chat.listRoomMessages(await ctxOf(conn), room, query),
    })),
    dm_history: on(dmHistoryEvent, async ({ with: other, ...query }, conn) => ({
      with: other,
      messages: await chat.listDirectMessages(await ctxOf(conn), other, query),
    })),
    typing: on(typingEvent, async (input, conn) => {
      const me = conn.data.user;
      if ('room' in input) {
        if (typingThrottled(conn, `room:${input.room}`, limits)) return null;
        await chat.assertCanReadRoom(await ctxOf(conn), input.room);
        deps.io.to(chatRoom(input.room)).except(userRoom(me.id)).emit('typing', { room: input.room, from: me.id, username: me.username });
      } else {
        if (typingThrottled(conn, `user:${input.to}`, limits)) return null;
        await chat.assertCanMessageUser(await ctxOf(conn), input.to);
        deps.io.to(userRoom(input.to)).emit('typing', { from: me.id, username: me.username });
      }
      return null;
    }),
    read: on(readEvent, async (input, conn) => {
      const ctx = await ctxOf(conn);
      return 'with' in input ? chat.markConversationRead(ctx, input.with, input.up_to) : chat.markRoomRead(ctx, input.room, input.up_to);
    }),
    edit: on(editEvent, async ({ id, content }, conn) => chat.editMessage(await ctxOf(conn), id, content)),
    delete: on(deleteEvent, async ({ id }, conn) => chat.deleteMessage(await ctxOf(conn), id)),
  };
}

/**
 * A socket restored by connection state recovery gets its rooms back as they were; drop the chat
 * rooms it may no longer follow (it left a private room, or was removed, while away).
 */
async function recheckRecoveredRooms(socket: RealtimeSocket, db: () => Promise<Database>): Promise<void> {
  const ctx = { db: await db(), user: socket.data.user };
  for (const room of socket.rooms) {
    if (!room.startsWith('chat:')) continue;
    await chat.assertCanReadRoom(ctx, room.slice('chat:'.length)).catch(() => socket.leave(room));
  }
}

/** Registers the chat events (the table of chatHandlers) on every Socket.IO connection. */
export function registerChatSockets(
  handlers: Record<string, EventHandler<ChatConnection>>,
  db: () => Promise<Database>,
): (socket: RealtimeSocket) => void {
  const register = onEvents(handlers);
  return (socket) => {
    register(socket);
    if (socket.recovered) {
      recheckRecoveredRooms(socket, db).catch((err: unknown) => log().warn({ err }, 'recovered rooms not checked'));
    }
  };
}
