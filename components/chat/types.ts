/** What the chat UI keeps per message, whichever transport (REST history, socket event, ack) it came from. */
export interface ChatMessage {
  /** Stable React key across pending → stored: the client id for messages sent from this tab. */
  key: string;
  /** Null until the server stored it. */
  id: number | null;
  clientId: string | null;
  authorId: number;
  username: string;
  avatar: string | null;
  content: string;
  timestamp: string;
  editedAt: string | null;
  deleted: boolean;
  /** Direct messages: when the recipient read it. */
  readAt: string | null;
  status: 'sent' | 'pending' | 'failed';
  /** Why the last send failed, shown next to Retry. */
  error: string | null;
}

/** A conversation the sidebar lists and the message view opens: a room by name, a DM by the other user's id. */
export type ThreadKey = `room:${string}` | `dm:${number}`;

export const roomKey = (room: string): ThreadKey => `room:${room}`;
export const dmKey = (userId: number): ThreadKey => `dm:${userId}`;

export function parseThreadKey(key: ThreadKey): { kind: 'room'; room: string } | { kind: 'dm'; userId: number } {
  return key.startsWith('room:') ? { kind: 'room', room: key.slice(5) } : { kind: 'dm', userId: Number(key.slice(3)) };
}

export interface ChatViewer {
  id: number;
  username: string;
  displayName: string;
  avatar: string | null;
  role: 'user' | 'moderator' | 'admin' | 'super_admin';
}

export const MAX_MESSAGE_LENGTH = 4000;
export const ROOM_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{1,99}$/;
export const HISTORY_PAGE = 50;

export function isModerator(role: ChatViewer['role']): boolean {
  return role !== 'user';
}
