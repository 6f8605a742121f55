import type { CurrentUser } from '../context';
import type { ErrorCode } from '../errors';
import type { DirectMessageOut, MessageOut, RoomOut } from '../chat/schemas';
import type { ChatConnectionState } from '../chat/socket';
import type { VoiceServerToClientEvents } from '../voice/events';
import type { VoiceConnectionState } from '../voice/socket';

/** Every acknowledgement: the same envelope as HTTP, without the timestamp. */
export type Ack<T = unknown> =
  | { success: true; data: T }
  | { success: false; error: string; error_code: ErrorCode; details?: { field: string; message: string }[] };

export type AckFn<T = unknown> = (response: Ack<T>) => void;

/** `read`: to the other user of a DM (`with` is the conversation, `by` the reader), or to the reader's own tabs. */
export type ReadReceipt = { by: number; up_to: number } & ({ with: number } | { room: string });

/** Events the server sends. Domains add theirs here, so client and server share one map. */
export interface ServerToClientEvents extends VoiceServerToClientEvents {
  error: (payload: { message: string; code: ErrorCode }) => void;
  // ---- chat
  message: (message: MessageOut) => void;
  dm: (message: DirectMessageOut) => void;
  message_updated: (message: MessageOut | DirectMessageOut) => void;
  message_deleted: (message: MessageOut | DirectMessageOut) => void;
  joined: (payload: { room: string; status: 'ok' }) => void;
  left: (payload: { room: string; status: 'ok' }) => void;
  typing: (payload: { room?: string; from: number; username: string }) => void;
  read: (payload: ReadReceipt) => void;
  presence: (payload: { user_id: number; is_online: boolean; last_seen: string | null }) => void;
  member_joined: (payload: { room: string; user_id: number; username: string; invited_by: number | null }) => void;
  member_left: (payload: { room: string; user_id: number; username: string }) => void;
}

/** Events clients send; each takes a payload and an acknowledgement callback. */
export interface ClientToServerEvents {
  [event: string]: (payload: unknown, ack?: AckFn) => void;
}

type History<K extends string, V> = { [key in K]: V } & { limit?: number; before?: number | string; since?: number };

/** The chat events a client sends, typed for clients (`Socket<ServerToClientEvents, ChatClientEvents>`). */
export interface ChatClientEvents {
  join: (payload: { room: string }, ack: AckFn<RoomOut>) => void;
  leave: (payload: { room: string }, ack: AckFn<{ room: string; status: 'ok' }>) => void;
  message: (payload: { room: string; content: string; client_id?: string }, ack: AckFn<MessageOut>) => void;
  dm: (payload: { to: number; content: string; client_id?: string }, ack: AckFn<DirectMessageOut>) => void;
  room_history: (payload: History<'room', string>, ack: AckFn<{ room: string; messages: MessageOut[] }>) => void;
  dm_history: (payload: History<'with', number>, ack: AckFn<{ with: number; messages: DirectMessageOut[] }>) => void;
  typing: (payload: { room: string } | { to: number }, ack?: AckFn<null>) => void;
  read: (
    payload: { with: number; up_to?: number } | { room: string; up_to?: number },
    ack?: AckFn<{ up_to: number; unread_count: number }>,
  ) => void;
  edit: (payload: { id: number; content: string }, ack: AckFn<MessageOut | DirectMessageOut>) => void;
  delete: (payload: { id: number }, ack: AckFn<MessageOut | DirectMessageOut>) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  user: CurrentUser;
  /** Chat sending budget and typing throttle, created on first use. */
  chat?: ChatConnectionState;
  /** Voice event budgets, created on first use. */
  voice?: VoiceConnectionState;
}

export const userRoom = (userId: number) => `user:${userId}`;
/** The Socket.IO room of a chat room (names are unique and safe: `^[a-z0-9][a-z0-9_-]*$`). */
export const chatRoom = (name: string) => `chat:${name}`;
