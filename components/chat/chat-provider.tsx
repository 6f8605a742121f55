'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import type { ApiResult } from '@/components/forms/api-request';
import { useRealtime, type ConnectionState } from '@/components/realtime/socket-provider';
import type { DirectMessageOut, MessageOut } from '@/lib/chat/schemas';
import type { Ack, ChatClientEvents, ServerToClientEvents } from '@/lib/realtime/events';
import * as api from './api';
import { newClientId, newestId, oldestId } from './messages';
import { chatReducer, initialChatState, unreadOf, type ChatAction, type ChatState, type Person, type RoomInfo } from './store';
import { dmKey, parseThreadKey, roomKey, type ChatMessage, type ChatViewer, type ThreadKey } from './types';

type ChatSocket = Socket<ServerToClientEvents, ChatClientEvents>;

/** How long a send waits for the server's ack before it shows as failed (and offers Retry). */
const SEND_TIMEOUT_MS = 10_000;
/** A typing event is sent at most this often while someone types… */
const TYPING_EVERY_MS = 3_000;
/** …and shown this long after the last one arrived. */
const TYPING_SHOWN_MS = 6_000;
/** Catching up after a long disconnect reads at most this many pages per open thread. */
const CATCH_UP_PAGES = 10;

interface ChatApi {
  viewer: ChatViewer;
  state: ChatState;
  connection: ConnectionState;
  /** The thread now on screen (null when none is); it loads on first open and is marked read while visible. */
  showThread: (key: ThreadKey | null) => void;
  reloadThread: (key: ThreadKey) => void;
  loadOlder: (key: ThreadKey) => Promise<void>;
  send: (key: ThreadKey, content: string) => void;
  retry: (key: ThreadKey, clientId: string) => void;
  discard: (key: ThreadKey, clientId: string) => void;
  edit: (id: number, content: string) => Promise<ApiResult<unknown>>;
  remove: (id: number) => Promise<ApiResult<unknown>>;
  typing: (key: ThreadKey) => void;
  joinRoom: (name: string) => Promise<ApiResult<unknown>>;
  inviteToRoom: (name: string, userId: number) => Promise<ApiResult<unknown>>;
  leaveRoom: (name: string) => Promise<ApiResult<unknown>>;
  /** A room the viewer created or opened: into the sidebar (if a member) and ready for its header. */
  rememberRoom: (room: RoomInfo) => void;
  rememberPerson: (person: Person) => void;
  reloadLists: () => void;
}

const ChatContext = createContext<ChatApi | null>(null);

export function useChat(): ChatApi {
  const chat = useContext(ChatContext);
  if (!chat) throw new Error('useChat needs a <ChatProvider> above it');
  return chat;
}

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * The chat's client state and its one realtime subscription: lists and history over REST, live
 * events over the shared Socket.IO connection, optimistic sends reconciled by client id, read marks
 * while a thread is on screen, and a catch-up (`since`) after a reconnect the server could not replay.
 */
export function ChatProvider({ viewer, children }: { viewer: ChatViewer; children: ReactNode }) {
  const [state, dispatch] = useReducer(chatReducer, viewer.id, initialChatState);
  const { socket: rawSocket, state: connection } = useRealtime();
  const socket = rawSocket as ChatSocket | null;
  const visible = useDocumentVisible();
  const [shown, setShown] = useState<ThreadKey | null>(null);

  /** The rooms this connection follows live (a fresh connection follows none). */
  const joinedRooms = useRef(new Set<string>());
  // Socket handlers and async callbacks read the latest state without re-subscribing.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  const reloadLists = useCallback(() => {
    void api.fetchLists(viewer.id).then((result) => {
      if (result.ok) dispatch({ type: 'lists/loaded', rooms: result.rooms, conversations: result.conversations, presence: result.presence });
      else dispatch({ type: 'lists/failed' });
    });
  }, [viewer.id]);

  useEffect(reloadLists, [reloadLists]);

  const loadThread = useCallback((key: ThreadKey) => {
    dispatch({ type: 'thread/loading', key });
    void api.fetchHistory(key).then((result) => {
      if (result.ok) {
        dispatch({ type: 'thread/loaded', key, messages: result.messages, hasOlder: result.full, unread: unreadOf(stateRef.current, key) });
      } else {
        dispatch({ type: 'thread/failed', key, error: result.message, missing: result.status === 404 || result.status === 400 });
      }
    });
  }, []);

  const showThread = useCallback(
    (key: ThreadKey | null) => {
      setShown(key);
      if (!key) return;
      const current = stateRef.current;
      const thread = current.threads[key];
      // A room read without being a member gets no live events: its history is read again each time.
      const following = !key.startsWith('room:') || current.rooms.some((r) => roomKey(r.name) === key && r.isMember);
      if (!thread || thread.status === 'error' || !following) loadThread(key);
      else if (thread.status === 'ready') dispatch({ type: 'thread/opened', key, unread: unreadOf(current, key) });
    },
    [loadThread],
  );

  // Read while on screen: whenever the visible thread has unread messages and its latest page is here.
  const active = visible ? shown : null;
  const activeThread = active ? state.threads[active] : undefined;
  const activeUnread = active ? unreadOf(state, active) : 0;
  const activeNewest = activeThread?.status === 'ready' ? newestId(activeThread.messages) : null;
  useEffect(() => {
    if (!active || activeUnread === 0 || activeNewest === null) return;
    dispatch({ type: 'read/mine', key: active });
    void api.markRead(active, activeNewest);
  }, [active, activeUnread, activeNewest]);

  const loadOlder = useCallback(async (key: ThreadKey) => {
    const thread = stateRef.current.threads[key];
    const before = thread ? oldestId(thread.messages) : null;
    if (!thread || before === null || !thread.hasOlder || thread.olderStatus === 'loading') return;
    dispatch({ type: 'older/loading', key });
    const result = await api.fetchHistory(key, { before });
    if (result.ok) dispatch({ type: 'older/loaded', key, messages: result.messages, hasOlder: result.full });
    else dispatch({ type: 'older/failed', key });
  }, []);

  /**
   * A direct message, live or acked. The first one of a conversation adds it to the sidebar with what
   * the message carries; the lists are then fetched again for the person's full name and presence.
   */
  const receiveDm = useCallback(
    (userId: number, message: ChatMessage) => {
      // Presence is known for every conversation the server listed.
      const listed = userId in stateRef.current.presence;
      dispatch({ type: 'message/received', key: dmKey(userId), message });
      if (!listed) reloadLists();
    },
    [reloadLists],
  );

  const emitSend = useCallback(
    (key: ThreadKey, content: string, clientId: string) => {
      const fail = (error: string) => dispatch({ type: 'message/failed', key, clientId, error });
      if (!socket) return fail('Not connected to chat.');
      const target = parseThreadKey(key);
      const onAck = (err: Error | null, response?: Ack<MessageOut | DirectMessageOut>) => {
        if (err || !response) fail('No answer from the server.');
        else if (!response.success) fail(response.error);
        else if (target.kind === 'dm') receiveDm(target.userId, api.toMessage(response.data));
        else dispatch({ type: 'message/received', key, message: api.toMessage(response.data) });
      };
      // Socket.IO buffers an emit while disconnected and sends it on reconnect; if that comes after
      // the timeout, the echo (same client_id) turns the failed copy into the stored one.
      if (target.kind === 'room') {
        socket.timeout(SEND_TIMEOUT_MS).emit('message', { room: target.room, content, client_id: clientId }, onAck);
      } else {
        socket.timeout(SEND_TIMEOUT_MS).emit('dm', { to: target.userId, content, client_id: clientId }, onAck);
      }
    },
    [socket, receiveDm],
  );

  const send = useCallback(
    (key: ThreadKey, content: string) => {
      const clientId = newClientId();
      const message: ChatMessage = {
        key: clientId,
        id: null,
        clientId,
        authorId: viewer.id,
        username: viewer.username,
        avatar: viewer.avatar,
        content,
        timestamp: new Date().toISOString(),
        editedAt: null,
        deleted: false,
        readAt: null,
        status: 'pending',
        error: null,
      };
      dispatch({ type: 'message/pending', key, message });
      emitSend(key, content, clientId);
    },
    [viewer, emitSend],
  );

  const retry = useCallback(
    (key: ThreadKey, clientId: string) => {
      const message = stateRef.current.threads[key]?.messages.find((m) => m.id === null && m.clientId === clientId);
      if (!message) return;
      dispatch({ type: 'message/pending', key, message: { ...message, status: 'pending', error: null } });
      // The same client id: if the first attempt was stored after all, the server answers with it.
      emitSend(key, message.content, clientId);
    },
    [emitSend],
  );

  const discard = useCallback((key: ThreadKey, clientId: string) => dispatch({ type: 'message/discarded', key, clientId }), []);

  const edit = useCallback(async (id: number, content: string) => {
    const result = await api.editMessage(id, content);
    if (result.ok && result.data.edited_at) {
      dispatch({ type: 'message/edited', id, content: result.data.content, editedAt: result.data.edited_at });
    }
    return result;
  }, []);

  const remove = useCallback(async (id: number) => {
    const result = await api.deleteMessage(id);
    if (result.ok) dispatch({ type: 'message/deleted', id });
    return result;
  }, []);

  const lastTyping = useRef<{ key: ThreadKey; at: number } | null>(null);
  const typing = useCallback(
    (key: ThreadKey) => {
      if (!socket?.connected) return;
      const now = Date.now();
      if (lastTyping.current?.key === key && now - lastTyping.current.at < TYPING_EVERY_MS) return;
      lastTyping.current = { key, at: now };
      const target = parseThreadKey(key);
      socket.emit('typing', target.kind === 'room' ? { room: target.room } : { to: target.userId });
    },
    [socket],
  );

  const rememberRoom = useCallback((room: RoomInfo) => dispatch({ type: 'room/upserted', room }), []);
  const rememberPerson = useCallback((person: Person) => dispatch({ type: 'person/loaded', person }), []);

  const refreshRoom = useCallback((name: string) => {
    void api.fetchRoom(name).then((result) => {
      if (result.ok) dispatch({ type: 'room/upserted', room: api.toRoom(result.data) });
    });
  }, []);

  /** Joins a public room (the viewer's own id) or adds someone to a room the viewer is in. */
  const addMember = useCallback(async (name: string, userId: number) => {
    const result = await api.addMember(name, userId);
    if (result.ok) dispatch({ type: 'room/upserted', room: api.toRoom(result.data) });
    return result;
  }, []);
  const joinRoom = useCallback((name: string) => addMember(name, viewer.id), [addMember, viewer.id]);

  const leaveRoom = useCallback(async (name: string) => {
    const result = await api.leaveRoom(name);
    if (result.ok) dispatch({ type: 'room/left', name });
    return result;
  }, []);

  /** Whatever failed to load while the connection was down loads now that it is up. */
  const retryFailed = useCallback(() => {
    if (stateRef.current.lists === 'error') reloadLists();
    for (const [key, thread] of Object.entries(stateRef.current.threads) as [ThreadKey, NonNullable<ChatState['threads'][ThreadKey]>][]) {
      if (thread.status === 'error') loadThread(key);
    }
  }, [reloadLists, loadThread]);

  /** After a reconnect the server could not replay: fresh lists, and each open thread's missed messages. */
  const catchUp = useCallback(async () => {
    reloadLists();
    for (const [key, thread] of Object.entries(stateRef.current.threads) as [ThreadKey, NonNullable<ChatState['threads'][ThreadKey]>][]) {
      if (thread.status === 'error') loadThread(key);
      if (thread.status !== 'ready') continue;
      let since = newestId(thread.messages);
      if (since === null) {
        loadThread(key);
        continue;
      }
      for (let page = 0; page < CATCH_UP_PAGES && since !== null; page++) {
        const result = await api.fetchHistory(key, { since });
        if (!result.ok) break;
        dispatch({ type: 'thread/caught-up', key, messages: result.messages });
        since = result.full ? newestId(result.messages) : null;
      }
    }
  }, [reloadLists, loadThread]);

  useEffect(() => {
    if (!socket) return;
    const me = viewer.id;
    const on = <E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) => {
      socket.on(event, handler as never);
      return () => void socket.off(event, handler as never);
    };
    const receive = (action: ChatAction) => dispatch(action);
    let connectedBefore = socket.connected;
    const offs = [
      on('message', (m) => receive({ type: 'message/received', key: roomKey(m.room), message: api.toMessage(m) })),
      on('dm', (m) => receiveDm(m.from === me ? m.to : m.from, api.toMessage(m))),
      on('message_updated', (m) => {
        if (m.deleted) receive({ type: 'message/deleted', id: m.id });
        else if (m.edited_at) receive({ type: 'message/edited', id: m.id, content: m.content, editedAt: m.edited_at });
      }),
      on('message_deleted', (m) => receive({ type: 'message/deleted', id: m.id })),
      on('typing', (t) => {
        if (t.from === me) return;
        const key = t.room ? roomKey(t.room) : dmKey(t.from);
        receive({ type: 'typing', key, typist: { userId: t.from, username: t.username, expiresAt: Date.now() + TYPING_SHOWN_MS } });
      }),
      on('presence', (p) => receive({ type: 'presence', userId: p.user_id, presence: { isOnline: p.is_online, lastSeen: p.last_seen } })),
      on('read', (r) => {
        if (r.by !== me) {
          if ('with' in r) receive({ type: 'read/by-other', userId: r.by, upTo: r.up_to, at: new Date().toISOString() });
        } else {
          // Another tab of the viewer read it.
          receive({ type: 'read/mine', key: 'room' in r ? roomKey(r.room) : dmKey(r.with) });
        }
      }),
      on('member_joined', (m) => {
        if (m.user_id === me) refreshRoom(m.room);
        else receive({ type: 'room/members', name: m.room, change: 1 });
      }),
      on('member_left', (m) => {
        if (m.user_id === me) receive({ type: 'room/left', name: m.room });
        else receive({ type: 'room/members', name: m.room, change: -1 });
      }),
    ];
    const onConnect = () => {
      // A recovered session had its rooms kept and missed events replayed by the server; otherwise
      // join again and fetch what was missed.
      if (!socket.recovered) joinedRooms.current.clear();
      if (connectedBefore && !socket.recovered) void catchUp();
      else retryFailed();
      connectedBefore = true;
    };
    socket.on('connect', onConnect);
    return () => {
      for (const off of offs) off();
      socket.off('connect', onConnect);
    };
  }, [socket, viewer.id, catchUp, retryFailed, refreshRoom, receiveDm]);

  // Live events of a room reach the sockets that joined it: join every member room on each fresh
  // connection (a recovered one kept its rooms). Joining a room one is a member of changes nothing else.
  useEffect(() => {
    if (!socket || connection !== 'connected') return;
    for (const room of state.rooms) {
      if (!room.isMember) joinedRooms.current.delete(room.name);
      else if (!joinedRooms.current.has(room.name)) {
        joinedRooms.current.add(room.name);
        socket.emit('join', { room: room.name }, (ack) => {
          // The answer counts what arrived before this connection followed the room.
          if (ack.success) dispatch({ type: 'room/upserted', room: api.toRoom(ack.data) });
          else joinedRooms.current.delete(room.name);
        });
      }
    }
  }, [socket, connection, state.rooms]);

  // Typing lines fade out on their own when no new typing event refreshes them.
  const typingCount = Object.keys(state.typing).length;
  useEffect(() => {
    if (typingCount === 0) return;
    const timer = window.setInterval(() => dispatch({ type: 'typing/expire', now: Date.now() }), 1_000);
    return () => window.clearInterval(timer);
  }, [typingCount]);

  const value = useMemo<ChatApi>(
    () => ({
      viewer,
      state,
      connection,
      showThread,
      reloadThread: loadThread,
      loadOlder,
      send,
      retry,
      discard,
      edit,
      remove,
      typing,
      joinRoom,
      inviteToRoom: addMember,
      leaveRoom,
      rememberRoom,
      rememberPerson,
      reloadLists,
    }),
    [viewer, state, connection, showThread, loadThread, loadOlder, send, retry, discard, edit, remove, typing, joinRoom, addMember, leaveRoom, rememberRoom, rememberPerson, reloadLists],
  );

  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}
