import { mergeMessages, newestId, updateMessage } from './messages';
import { dmKey, roomKey, type ChatMessage, type ThreadKey } from './types';

export interface RoomInfo {
  id: number;
  name: string;
  description: string | null;
  isPrivate: boolean;
  memberCount: number;
  isMember: boolean;
  unread: number;
}

export interface ConversationInfo {
  userId: number;
  username: string;
  displayName: string;
  avatar: string | null;
  lastMessage: string | null;
  /** The preview reads "You: …" for the viewer's own last message. */
  lastFromMe: boolean;
  lastActivity: string | null;
  unread: number;
}

/** Someone the viewer can message: enough to title a DM and list it in the sidebar. */
export interface Person {
  userId: number;
  username: string;
  displayName: string;
  avatar: string | null;
}

export interface Presence {
  isOnline: boolean;
  lastSeen: string | null;
}

export interface Thread {
  status: 'loading' | 'ready' | 'error' | 'missing';
  error: string | null;
  messages: ChatMessage[];
  hasOlder: boolean;
  olderStatus: 'idle' | 'loading' | 'error';
  /** Where the "New messages" line goes: the first message the viewer had not read when opening. */
  firstUnreadId: number | null;
}

export interface Typist {
  userId: number;
  username: string;
  expiresAt: number;
}

export interface ChatState {
  me: number;
  lists: 'loading' | 'ready' | 'error';
  rooms: RoomInfo[];
  conversations: ConversationInfo[];
  threads: Partial<Record<ThreadKey, Thread>>;
  typing: Partial<Record<ThreadKey, Typist[]>>;
  presence: Record<number, Presence>;
  people: Record<number, Person>;
  /** The newest message id seen per thread, loaded or not: a live message at or below it was counted already. */
  latest: Partial<Record<ThreadKey, number>>;
}

export type ChatAction =
  | { type: 'lists/loaded'; rooms: RoomInfo[]; conversations: ConversationInfo[]; presence: Record<number, Presence> }
  | { type: 'lists/failed' }
  | { type: 'room/upserted'; room: RoomInfo }
  | { type: 'room/left'; name: string }
  | { type: 'room/members'; name: string; change: 1 | -1 }
  | { type: 'person/loaded'; person: Person }
  | { type: 'thread/loading'; key: ThreadKey }
  | { type: 'thread/loaded'; key: ThreadKey; messages: ChatMessage[]; hasOlder: boolean; unread: number }
  | { type: 'thread/opened'; key: ThreadKey; unread: number }
  | { type: 'thread/failed'; key: ThreadKey; error: string; missing: boolean }
  | { type: 'thread/caught-up'; key: ThreadKey; messages: ChatMessage[] }
  | { type: 'older/loading'; key: ThreadKey }
  | { type: 'older/loaded'; key: ThreadKey; messages: ChatMessage[]; hasOlder: boolean }
  | { type: 'older/failed'; key: ThreadKey }
  | { type: 'message/received'; key: ThreadKey; message: ChatMessage }
  | { type: 'message/pending'; key: ThreadKey; message: ChatMessage }
  | { type: 'message/failed'; key: ThreadKey; clientId: string; error: string }
  | { type: 'message/discarded'; key: ThreadKey; clientId: string }
  | { type: 'message/edited'; id: number; content: string; editedAt: string }
  | { type: 'message/deleted'; id: number }
  | { type: 'typing'; key: ThreadKey; typist: Typist }
  | { type: 'typing/expire'; now: number }
  | { type: 'presence'; userId: number; presence: Presence }
  | { type: 'read/by-other'; userId: number; upTo: number; at: string }
  | { type: 'read/mine'; key: ThreadKey };

export function initialChatState(me: number): ChatState {
  return { me, lists: 'loading', rooms: [], conversations: [], threads: {}, typing: {}, presence: {}, people: {}, latest: {} };
}

const emptyThread: Thread = { status: 'loading', error: null, messages: [], hasOlder: false, olderStatus: 'idle', firstUnreadId: null };

function withThread(state: ChatState, key: ThreadKey, change: (thread: Thread) => Thread): ChatState {
  const thread = state.threads[key];
  if (!thread) return state;
  return { ...state, threads: { ...state.threads, [key]: change(thread) } };
}

/** The first of the last `unread` messages from others: where the reader left off. */
function firstUnread(messages: readonly ChatMessage[], unread: number, me: number): number | null {
  if (unread <= 0) return null;
  const fromOthers = messages.filter((m) => m.authorId !== me && m.id !== null);
  return fromOthers[Math.max(0, fromOthers.length - unread)]?.id ?? null;
}

function raiseLatest(latest: ChatState['latest'], key: ThreadKey, messages: readonly ChatMessage[]): ChatState['latest'] {
  const newest = newestId(messages);
  return newest !== null && newest > (latest[key] ?? 0) ? { ...latest, [key]: newest } : latest;
}

function sortConversations(list: ConversationInfo[]): ConversationInfo[] {
  return [...list].sort((a, b) => (b.lastActivity ?? '').localeCompare(a.lastActivity ?? ''));
}

function sortRooms(list: RoomInfo[]): RoomInfo[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A live message moves its conversation up, updates its preview and counts unread when someone else
 * wrote it; on the thread on screen, the provider then marks it read at once, as the server counts it too.
 */
function noteActivity(state: ChatState, key: ThreadKey, message: ChatMessage): ChatState {
  const counts = message.authorId !== state.me;
  if (key.startsWith('room:')) {
    const name = key.slice(5);
    if (!counts) return state;
    return { ...state, rooms: state.rooms.map((r) => (r.name === name && r.isMember ? { ...r, unread: r.unread + 1 } : r)) };
  }
  const userId = Number(key.slice(3));
  const existing = state.conversations.find((c) => c.userId === userId);
  const person: Person = state.people[userId] ?? {
    userId,
    username: message.username,
    displayName: message.username,
    avatar: message.avatar,
  };
  // Until the first message, the conversation exists only as the person the viewer picked.
  if (!existing && message.authorId !== userId && !state.people[userId]) return state;
  const base: ConversationInfo = existing ?? { ...person, lastMessage: null, lastFromMe: false, lastActivity: null, unread: 0 };
  const updated: ConversationInfo = {
    ...base,
    lastMessage: message.content,
    lastFromMe: message.authorId === state.me,
    lastActivity: message.timestamp,
    unread: counts ? base.unread + 1 : base.unread,
  };
  return { ...state, conversations: sortConversations([updated, ...state.conversations.filter((c) => c.userId !== userId)]) };
}

function stopTyping(state: ChatState, key: ThreadKey, userId: number): ChatState {
  const typists = state.typing[key];
  if (!typists?.some((t) => t.userId === userId)) return state;
  return { ...state, typing: { ...state.typing, [key]: typists.filter((t) => t.userId !== userId) } };
}

function everyThread(state: ChatState, change: (messages: ChatMessage[]) => ChatMessage[] | null): ChatState {
  let threads = state.threads;
  for (const [key, thread] of Object.entries(state.threads) as [ThreadKey, Thread][]) {
    const messages = change(thread.messages);
    if (messages) threads = { ...threads, [key]: { ...thread, messages } };
  }
  return threads === state.threads ? state : { ...state, threads };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'lists/loaded': {
      const people = { ...state.people };
      for (const { userId, username, displayName, avatar } of action.conversations) people[userId] = { userId, username, displayName, avatar };
      return {
        ...state,
        lists: 'ready',
        people,
        rooms: sortRooms(action.rooms),
        conversations: sortConversations(action.conversations),
        presence: { ...state.presence, ...action.presence },
      };
    }
    case 'lists/failed':
      return { ...state, lists: state.lists === 'ready' ? 'ready' : 'error' };
    case 'room/upserted':
      return { ...state, rooms: sortRooms([...state.rooms.filter((r) => r.name !== action.room.name), action.room]) };
    case 'room/left': {
      const rooms = state.rooms
        .filter((r) => r.name !== action.name || !r.isPrivate)
        .map((r) => (r.name === action.name ? { ...r, isMember: false, unread: 0, memberCount: Math.max(0, r.memberCount - 1) } : r));
      // Its history stops following live events: read it again if the room is opened again.
      const { [roomKey(action.name)]: _left, ...threads } = state.threads;
      return { ...state, rooms, threads };
    }
    case 'room/members':
      return {
        ...state,
        rooms: state.rooms.map((r) => (r.name === action.name ? { ...r, memberCount: Math.max(0, r.memberCount + action.change) } : r)),
      };
    case 'person/loaded':
      return { ...state, people: { ...state.people, [action.person.userId]: action.person } };
    case 'thread/loading': {
      const current = state.threads[action.key];
      // A reload after an error shows the spinner again; a loaded thread keeps its messages.
      if (current?.status === 'ready') return state;
      return { ...state, threads: { ...state.threads, [action.key]: { ...emptyThread, messages: current?.messages ?? [] } } };
    }
    case 'thread/loaded': {
      const current = state.threads[action.key];
      // Live messages that arrived while the page was in flight are kept and deduplicated.
      const messages = mergeMessages(current?.messages ?? [], action.messages);
      const thread: Thread = {
        status: 'ready',
        error: null,
        messages,
        hasOlder: action.hasOlder,
        olderStatus: 'idle',
        firstUnreadId: firstUnread(messages, action.unread, state.me),
      };
      return { ...state, latest: raiseLatest(state.latest, action.key, messages), threads: { ...state.threads, [action.key]: thread } };
    }
    case 'thread/opened':
      // Back to a thread already here: the "New messages" line moves to what is unread now.
      return withThread(state, action.key, (t) => ({ ...t, firstUnreadId: firstUnread(t.messages, action.unread, state.me) }));
    case 'thread/failed':
      return withThread(state, action.key, (t) => ({ ...t, status: action.missing ? 'missing' : 'error', error: action.error }));
    case 'thread/caught-up': {
      const next = withThread(state, action.key, (t) => ({ ...t, messages: mergeMessages(t.messages, action.messages) }));
      return { ...next, latest: raiseLatest(state.latest, action.key, action.messages) };
    }
    case 'older/loading':
      return withThread(state, action.key, (t) => ({ ...t, olderStatus: 'loading' }));
    case 'older/loaded':
      return withThread(state, action.key, (t) => ({
        ...t,
        messages: mergeMessages(t.messages, action.messages),
        hasOlder: action.hasOlder,
        olderStatus: 'idle',
      }));
    case 'older/failed':
      return withThread(state, action.key, (t) => ({ ...t, olderStatus: 'error' }));
    case 'message/received': {
      const { key, message } = action;
      const thread = state.threads[key];
      // An ack and its echo, or a replay after a reconnect, are one message: count it once.
      const known = message.id !== null && message.id <= (state.latest[key] ?? 0);
      let next: ChatState = {
        ...state,
        latest: known || message.id === null ? state.latest : { ...state.latest, [key]: message.id },
        threads: thread ? { ...state.threads, [key]: { ...thread, messages: mergeMessages(thread.messages, [message]) } } : state.threads,
      };
      next = stopTyping(next, key, message.authorId);
      return known ? next : noteActivity(next, key, message);
    }
    case 'message/pending': {
      const thread = state.threads[action.key] ?? { ...emptyThread, status: 'ready' as const };
      const others = thread.messages.filter((m) => m.clientId !== action.message.clientId);
      const next = { ...state, threads: { ...state.threads, [action.key]: { ...thread, messages: mergeMessages(others, [action.message]) } } };
      return action.key.startsWith('dm:') ? noteActivity(next, action.key, action.message) : next;
    }
    case 'message/failed':
      return withThread(state, action.key, (t) => ({
        ...t,
        messages: t.messages.map((m) =>
          m.id === null && m.clientId === action.clientId ? { ...m, status: 'failed', error: action.error } : m,
        ),
      }));
    case 'message/discarded':
      return withThread(state, action.key, (t) => ({
        ...t,
        messages: t.messages.filter((m) => !(m.id === null && m.clientId === action.clientId)),
      }));
    case 'message/edited':
      return everyThread(state, (messages) =>
        updateMessage(messages, action.id, (m) =>
          m.deleted || (m.editedAt ?? '') > action.editedAt ? m : { ...m, content: action.content, editedAt: action.editedAt },
        ),
      );
    case 'message/deleted':
      return everyThread(state, (messages) => updateMessage(messages, action.id, (m) => ({ ...m, deleted: true, content: '' })));
    case 'typing': {
      const others = (state.typing[action.key] ?? []).filter((t) => t.userId !== action.typist.userId);
      return { ...state, typing: { ...state.typing, [action.key]: [...others, action.typist] } };
    }
    case 'typing/expire': {
      let changed = false;
      const typing: ChatState['typing'] = {};
      for (const [key, typists] of Object.entries(state.typing) as [ThreadKey, Typist[]][]) {
        const live = typists.filter((t) => t.expiresAt > action.now);
        if (live.length !== typists.length) changed = true;
        if (live.length) typing[key] = live;
      }
      return changed ? { ...state, typing } : state;
    }
    case 'presence':
      return { ...state, presence: { ...state.presence, [action.userId]: action.presence } };
    case 'read/by-other':
      return withThread(state, dmKey(action.userId), (t) => ({
        ...t,
        messages: t.messages.map((m) =>
          m.authorId === state.me && m.id !== null && m.id <= action.upTo && !m.readAt ? { ...m, readAt: action.at } : m,
        ),
      }));
    case 'read/mine': {
      if (action.key.startsWith('room:')) {
        const name = action.key.slice(5);
        if (!state.rooms.some((r) => r.name === name && r.unread > 0)) return state;
        return { ...state, rooms: state.rooms.map((r) => (r.name === name ? { ...r, unread: 0 } : r)) };
      }
      const userId = Number(action.key.slice(3));
      if (!state.conversations.some((c) => c.userId === userId && c.unread > 0)) return state;
      return { ...state, conversations: state.conversations.map((c) => (c.userId === userId ? { ...c, unread: 0 } : c)) };
    }
  }
}

/** How many unread messages a thread has, from the sidebar's counts. */
export function unreadOf(state: ChatState, key: ThreadKey): number {
  if (key.startsWith('room:')) return state.rooms.find((r) => roomKey(r.name) === key)?.unread ?? 0;
  return state.conversations.find((c) => dmKey(c.userId) === key)?.unread ?? 0;
}
