import type { CurrentUser } from '../context';
import type { ErrorCode } from '../errors';

/** Every acknowledgement: the same envelope as HTTP, without the timestamp. */
export type Ack<T = unknown> =
  | { success: true; data: T }
  | { success: false; error: string; error_code: ErrorCode; details?: { field: string; message: string }[] };

export type AckFn<T = unknown> = (response: Ack<T>) => void;

/** Events the server sends. Domains add theirs here, so client and server share one map. */
export interface ServerToClientEvents {
  error: (payload: { message: string; code: ErrorCode }) => void;
}

/** Events clients send; each takes a payload and an acknowledgement callback. */
export interface ClientToServerEvents {
  [event: string]: (payload: unknown, ack?: AckFn) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  user: CurrentUser;
}

export const userRoom = (userId: number) => `user:${userId}`;
