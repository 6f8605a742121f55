import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { toErrorBody } from '../errors';
import { log } from '../log';
import type { Ack, AckFn, SocketData } from './events';

type AnySocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/**
 * Registers a validated, acknowledged handler. The payload is parsed with `schema`; the result is
 * acked as `{success: true, data}`, any error as the error envelope. A listener never throws.
 */
export function on<S extends z.ZodType, R>(
  socket: Socket<never, never, never, SocketData>,
  event: string,
  schema: S,
  handler: (input: z.infer<S>, socket: Socket<never, never, never, SocketData>) => Promise<R> | R,
): void {
  (socket as unknown as AnySocket).on(event as never, (async (payload: unknown, maybeAck?: unknown) => {
    const ack: AckFn<R> = typeof maybeAck === 'function' ? (maybeAck as AckFn<R>) : () => {};
    let response: Ack<R>;
    try {
      const input = schema.parse(payload ?? {});
      response = { success: true, data: await handler(input, socket) };
    } catch (err) {
      const mapped = toErrorBody(err);
      if (mapped.internal) log().error({ err, event, userId: socket.data.user?.id }, 'socket handler failed');
      const { error, error_code, details } = mapped.body;
      response = { success: false, error, error_code, ...(details ? { details } : {}) };
    }
    ack(response);
  }) as never);
}
