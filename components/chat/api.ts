/**
 * The chat API as the UI uses it: REST for lists, history and changes, turned into the UI's own
 * shapes. Types come from the API's output schemas (type-only imports: nothing reaches the browser).
 */
import { apiRequest, type ApiResult } from '@/components/forms/api-request';
import { apiPage, queryString } from '@/components/gear/api';
import type { ConversationOut, DirectMessageOut, MessageOut, ReadResult, RoomOut } from '@/lib/chat/schemas';
import type { UserListItem } from '@/lib/users/schemas';
import type { ConversationInfo, Person, Presence, RoomInfo } from './store';
import { HISTORY_PAGE, parseThreadKey, type ChatMessage, type ThreadKey } from './types';

/** A message as REST history, acks and live events all carry it (`from` is the realtime name of `from_user`). */
type WireMessage = Pick<MessageOut, 'id' | 'username' | 'avatar' | 'content' | 'timestamp'> &
  Partial<Pick<MessageOut, 'edited_at' | 'deleted' | 'client_id'>> &
  Partial<Pick<DirectMessageOut, 'read_at'>> & { from: number };

export function toMessage(m: WireMessage): ChatMessage {
  return {
    key: m.client_id ?? `m-${m.id}`,
    id: m.id,
    clientId: m.client_id ?? null,
    authorId: m.from,
    username: m.username,
    avatar: m.avatar,
    content: m.deleted ? '' : m.content,
    timestamp: m.timestamp,
    editedAt: m.edited_at ?? null,
    deleted: m.deleted ?? false,
    readAt: m.read_at ?? null,
    status: 'sent',
    error: null,
  };
}

export function displayNameOf(p: { first_name: string | null; last_name: string | null; username: string }): string {
  return [p.first_name, p.last_name].filter(Boolean).join(' ') || p.username;
}

export function toRoom(r: RoomOut): RoomInfo {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    isPrivate: r.is_private,
    memberCount: r.member_count,
    isMember: r.is_member,
    unread: r.unread_count,
  };
}

export function toPerson(u: Pick<UserListItem, 'id' | 'username' | 'first_name' | 'last_name' | 'avatar'>): Person {
  return { userId: u.id, username: u.username, displayName: displayNameOf(u), avatar: u.avatar };
}

function toConversation(c: ConversationOut, me: number): ConversationInfo {
  return {
    userId: c.user_id,
    username: c.username,
    displayName: displayNameOf(c),
    avatar: c.avatar,
    lastMessage: c.last_message && !c.last_message.deleted ? c.last_message.content : null,
    lastFromMe: c.last_message?.from_user === me,
    lastActivity: c.last_activity,
    unread: c.unread_count,
  };
}

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/** The sidebar: the rooms the viewer belongs to and their conversations, with presence. */
export async function fetchLists(me: number): Promise<
  { ok: true; rooms: RoomInfo[]; conversations: ConversationInfo[]; presence: Record<number, Presence> } | Failure
> {
  const [rooms, conversations] = await Promise.all([
    apiPage<RoomOut>(`/chat/rooms${queryString({ member: true, limit: 100 })}`),
    apiPage<ConversationOut>(`/chat/conversations${queryString({ limit: 100 })}`),
  ]);
  if (!rooms.ok) return rooms;
  if (!conversations.ok) return conversations;
  const presence: Record<number, Presence> = {};
  for (const c of conversations.data.items) presence[c.user_id] = { isOnline: c.is_online, lastSeen: c.last_seen };
  return {
    ok: true,
    rooms: rooms.data.items.map(toRoom),
    conversations: conversations.data.items.map((c) => toConversation(c, me)),
    presence,
  };
}

/** Rooms to browse: public rooms matching `q`, the viewer's included (they show as joined). */
export async function searchRooms(q: string, signal?: AbortSignal) {
  const result = await apiPage<RoomOut>(`/chat/rooms${queryString({ q, limit: 50 })}`, signal);
  return result.ok ? { ok: true as const, rooms: result.data.items.map(toRoom), total: result.data.pagination.total } : result;
}

export function fetchRoom(name: string) {
  return apiRequest<RoomOut>('GET', `/chat/rooms/${encodeURIComponent(name)}`);
}

function threadPath(key: ThreadKey): string {
  const target = parseThreadKey(key);
  return target.kind === 'room' ? `/chat/rooms/${encodeURIComponent(target.room)}` : `/chat/dm/${target.userId}`;
}

/**
 * A page of history, oldest first: the latest messages (no cursor), those before an id (scrolling
 * up), or those after one (catching up after a reconnect).
 */
export async function fetchHistory(
  key: ThreadKey,
  cursor: { before?: number; since?: number } = {},
): Promise<{ ok: true; messages: ChatMessage[]; full: boolean } | Failure> {
  const path = key.startsWith('room:') ? `${threadPath(key)}/messages` : threadPath(key);
  const result = await apiRequest<(MessageOut | DirectMessageOut)[]>('GET', `${path}${queryString({ limit: HISTORY_PAGE, ...cursor })}`);
  if (!result.ok) return result;
  // A full page means there may be more beyond it.
  return { ok: true, messages: result.data.map(toMessage), full: result.data.length >= HISTORY_PAGE };
}

/** Marks everything up to `upTo` read; the other side of a DM hears it as a `read` receipt. */
export function markRead(key: ThreadKey, upTo: number) {
  return apiRequest<ReadResult>('POST', `${threadPath(key)}/read`, { up_to: upTo });
}

export function createRoom(input: { name: string; description?: string; is_private: boolean }) {
  return apiRequest<RoomOut>('POST', '/chat/rooms', input);
}

/** Joins a public room (the viewer's own id) or invites someone (a member adding another user). */
export function addMember(name: string, userId: number) {
  return apiRequest<RoomOut>('POST', `/chat/rooms/${encodeURIComponent(name)}/members`, { user_id: userId });
}

export function leaveRoom(name: string) {
  return apiRequest<unknown>('DELETE', `/chat/rooms/${encodeURIComponent(name)}/members/me`);
}

export function editMessage(id: number, content: string) {
  return apiRequest<MessageOut | DirectMessageOut>('PATCH', `/chat/messages/${id}`, { content });
}

export function deleteMessage(id: number) {
  return apiRequest<unknown>('DELETE', `/chat/messages/${id}`);
}

export function fetchPerson(userId: number) {
  return apiRequest<UserListItem>('GET', `/users/${userId}`);
}

export function searchPeople(search: string, signal?: AbortSignal) {
  return apiPage<UserListItem>(`/users/except-me${queryString({ search, limit: 20 })}`, signal);
}
