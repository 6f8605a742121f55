import type { z } from 'zod';
import { toErrorBody } from '../errors';
import { log } from '../log';
import type { Ack, AckFn, SocketData } from './events';
import type { RealtimeSocket } from './server';

/** Something that can answer events: a Socket.IO socket, or a plain WebSocket bridge connection. */
export interface Connection {
  readonly id: string;
  readonly data: SocketData;
}

export interface EventHandler<C extends Connection = RealtimeSocket> {
  schema: z.ZodType;
  handle: (input: never, conn: C) => Promise<unknown> | unknown;
}

/** Builds a table entry with its input typed by its schema. */
export function handler<S extends z.ZodType, R, C extends Connection = RealtimeSocket>(
  schema: S,
  handle: (input: z.infer<S>, conn: C) => Promise<R> | R,
): EventHandler<C> {
  return { schema, handle };
}

/**
 * Validates a payload with the handler's schema and runs it, answering `{success: true, data}` or
 * the error envelope. Never throws; internal errors are logged and answered without internals.
 */
export async function runHandler<C extends Connection>(entry: EventHandler<C>, event: string, payload: unknown, conn: C): Promise<Ack> {
  try {
    const input = entry.schema.parse(payload ?? {});
    const data = await (entry.handle as (input: unknown, conn: C) => unknown)(input, conn);
    return { success: true, data: data ?? null };
  } catch (err) {
    const mapped = toErrorBody(err);
    if (mapped.internal) log().error({ err, event, userId: conn.data.user?.id }, 'socket handler failed');
    const { error, error_code, details } = mapped.body;
    return { success: false, error, error_code, ...(details ? { details } : {}) };
  }
}

const ackOf = (maybeAck: unknown): AckFn => (typeof maybeAck === 'function' ? (maybeAck as AckFn) : () => {});

/**
 * Registers a validated, acknowledged handler. The payload is parsed with `schema`; the result is
 * acked as `{success: true, data}`, any error as the error envelope. A listener never throws.
 */
export function on<S extends z.ZodType, R>(
  socket: RealtimeSocket,
  event: string,
  schema: S,
  handle: (input: z.infer<S>, socket: RealtimeSocket) => Promise<R> | R,
): void {
  const entry = handler(schema, handle);
  socket.on(event, async (payload: unknown, maybeAck?: unknown) => ackOf(maybeAck)(await runHandler(entry, event, payload, socket)));
}

/**
 * The same for a table of events, through one listener shared by every socket: a socket holds a
 * single reference instead of a closure per event, which counts at ten thousand connections.
 * Events outside the table are left to other listeners.
 */
export function onEvents(table: Record<string, EventHandler>): (socket: RealtimeSocket) => void {
  async function listener(this: RealtimeSocket, event: string, payload?: unknown, maybeAck?: unknown) {
    const entry = Object.hasOwn(table, event) ? table[event] : undefined;
    if (!entry) return;
    const ack = ackOf(typeof payload === 'function' ? payload : maybeAck);
    ack(await runHandler(entry, event, typeof payload === 'function' ? undefined : payload, this));
  }
  return (socket) => socket.onAny(listener);
}
