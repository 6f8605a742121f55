import type { z } from 'zod';
import { toErrorBody } from '../errors';
import { log } from '../log';
import type { Ack, AckFn } from './events';
import type { RealtimeSocket } from './server';

/**
 * Registers a validated, acknowledged handler. The payload is parsed with `schema`; the result is
 * acked as `{success: true, data}`, any error as the error envelope. A listener never throws.
 */
export function on<S extends z.ZodType, R>(
  socket: RealtimeSocket,
  event: string,
  schema: S,
  handler: (input: z.infer<S>, socket: RealtimeSocket) => Promise<R> | R,
): void {
  socket.on(event, async (payload: unknown, maybeAck?: unknown) => {
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
  });
}
