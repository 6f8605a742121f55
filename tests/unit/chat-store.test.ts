import { describe, expect, it } from 'vitest';
import { chatReducer, initialChatState, type ChatAction, type ChatState, type ConversationInfo, type RoomInfo } from '@/components/chat/store';
import { dmKey, roomKey, type ChatMessage } from '@/components/chat/types';

const ME = 1;
const AVA = 2;

function message(fields: Partial<ChatMessage>): ChatMessage {
  const id = fields.id ?? null;
  return {
    key: id === null ? `c-${fields.clientId}` : `m-${id}`,
    id,
    clientId: null,
    authorId: AVA,
    username: 'ava',
    avatar: null,
    content: 'hi',
    timestamp: '2025-03-03T10:00:00.000Z',
    editedAt: null,
    deleted: false,
    readAt: null,
    status: 'sent',
    error: null,
    ...fields,
  };
}

const room = (name: string, fields: Partial<RoomInfo> = {}): RoomInfo => ({
  id: 1,
  name,
  description: null,
  isPrivate: false,
  memberCount: 2,
  isMember: true,
  unread: 0,
  ...fields,
});

const conversation = (fields: Partial<ConversationInfo> = {}): ConversationInfo => ({
  userId: AVA,
  username: 'ava',
  displayName: 'Ava Stone',
  avatar: null,
  lastMessage: 'old',
  lastFromMe: false,
  lastActivity: '2025-03-03T09:00:00.000Z',
  unread: 0,
  ...fields,
});

function run(...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, initialChatState(ME));
}

const loaded: ChatAction = { type: 'lists/loaded', rooms: [room('synths')], conversations: [conversation()], presence: {} };

describe('chatReducer', () => {
  it('counts a live message unread in the rooms the viewer belongs to', () => {
    const incoming: ChatAction = { type: 'message/received', key: roomKey('synths'), message: message({ id: 10, content: 'new' }) };
    expect(run(loaded, incoming).rooms[0]!.unread).toBe(1);
    const browsing = run({ ...loaded, rooms: [room('synths', { isMember: false })] } as ChatAction, incoming);
    expect(browsing.rooms[0]!.unread).toBe(0);
  });

  it('counts an ack and its echo once, and never counts the viewer’s own messages', () => {
    const dm = message({ id: 11, content: 'yo' });
    const state = run(loaded, { type: 'message/received', key: dmKey(AVA), message: dm }, { type: 'message/received', key: dmKey(AVA), message: dm });
    expect(state.conversations[0]).toMatchObject({ unread: 1, lastMessage: 'yo' });
    const mine = run(loaded, { type: 'message/received', key: dmKey(AVA), message: message({ id: 12, authorId: ME }) });
    expect(mine.conversations[0]!.unread).toBe(0);
  });

  it('moves the conversation with the latest message to the top', () => {
    const leo = conversation({ userId: 3, username: 'leo', lastActivity: '2025-03-03T09:30:00.000Z' });
    const state = run(
      { type: 'lists/loaded', rooms: [], conversations: [conversation(), leo], presence: {} },
      { type: 'message/received', key: dmKey(AVA), message: message({ id: 13, timestamp: '2025-03-03T10:00:00.000Z' }) },
    );
    expect(state.conversations.map((c) => c.username)).toEqual(['ava', 'leo']);
  });

  it('adds a conversation when someone new writes, but not for a person the viewer only looked at', () => {
    const state = run(loaded, { type: 'message/received', key: dmKey(4), message: message({ id: 14, authorId: 4, username: 'mia' }) });
    expect(state.conversations.map((c) => c.username)).toContain('mia');
    const looked = run(loaded, { type: 'message/received', key: dmKey(5), message: message({ id: 15, authorId: ME, username: 'me' }) });
    expect(looked.conversations.map((c) => c.userId)).not.toContain(5);
  });

  it('shows a pending message, then the failure, then the stored copy in the same row', () => {
    const key = roomKey('synths');
    const pending = message({ id: null, clientId: 'c1', authorId: ME, status: 'pending' });
    let state = run(loaded, { type: 'thread/loaded', key, messages: [], hasOlder: false, unread: 0 }, { type: 'message/pending', key, message: pending });
    state = chatReducer(state, { type: 'message/failed', key, clientId: 'c1', error: 'No connection' });
    expect(state.threads[key]!.messages[0]).toMatchObject({ status: 'failed', error: 'No connection' });
    state = chatReducer(state, { type: 'message/pending', key, message: { ...pending, status: 'pending' } });
    state = chatReducer(state, { type: 'message/received', key, message: message({ id: 20, clientId: 'c1', authorId: ME }) });
    expect(state.threads[key]!.messages).toEqual([expect.objectContaining({ id: 20, key: 'c-c1', status: 'sent' })]);
  });

  it('keeps live messages that arrived while the history page was loading', () => {
    const key = roomKey('synths');
    const state = run(
      loaded,
      { type: 'thread/loading', key },
      { type: 'message/received', key, message: message({ id: 30 }) },
      { type: 'thread/loaded', key, messages: [message({ id: 29 }), message({ id: 30 })], hasOlder: true, unread: 0 },
    );
    expect(state.threads[key]!.messages.map((m) => m.id)).toEqual([29, 30]);
  });

  it('marks where the reader left off from the unread count', () => {
    const key = dmKey(AVA);
    const messages = [message({ id: 1 }), message({ id: 2, authorId: ME }), message({ id: 3 }), message({ id: 4 })];
    const state = run(loaded, { type: 'thread/loaded', key, messages, hasOlder: false, unread: 2 });
    expect(state.threads[key]!.firstUnreadId).toBe(3);
  });

  it('moves the "new messages" line to what is unread when the reader comes back to a loaded thread', () => {
    const key = dmKey(AVA);
    const messages = [message({ id: 1 }), message({ id: 2 }), message({ id: 3 })];
    let state = run(loaded, { type: 'thread/loaded', key, messages, hasOlder: false, unread: 0 });
    expect(state.threads[key]!.firstUnreadId).toBeNull();
    state = chatReducer(state, { type: 'thread/opened', key, unread: 1 });
    expect(state.threads[key]!.firstUnreadId).toBe(3);
  });

  it('applies edits and deletions to whichever thread holds the message', () => {
    const key = roomKey('synths');
    let state = run(loaded, { type: 'thread/loaded', key, messages: [message({ id: 1 })], hasOlder: false, unread: 0 });
    state = chatReducer(state, { type: 'message/edited', id: 1, content: 'fixed', editedAt: '2025-03-03T10:01:00.000Z' });
    expect(state.threads[key]!.messages[0]).toMatchObject({ content: 'fixed', editedAt: '2025-03-03T10:01:00.000Z' });
    state = chatReducer(state, { type: 'message/deleted', id: 1 });
    expect(state.threads[key]!.messages[0]).toMatchObject({ content: '', deleted: true });
    expect(chatReducer(state, { type: 'message/deleted', id: 99 })).toBe(state);
  });

  it('shows typing until the person sends or the indicator expires', () => {
    const key = roomKey('synths');
    let state = run(loaded, { type: 'typing', key, typist: { userId: AVA, username: 'ava', expiresAt: 5000 } });
    expect(state.typing[key]).toHaveLength(1);
    state = chatReducer(state, { type: 'message/received', key, message: message({ id: 40 }) });
    expect(state.typing[key]).toEqual([]);
    state = chatReducer(state, { type: 'typing', key, typist: { userId: AVA, username: 'ava', expiresAt: 5000 } });
    expect(chatReducer(state, { type: 'typing/expire', now: 4000 })).toBe(state);
    expect(chatReducer(state, { type: 'typing/expire', now: 5000 }).typing[key]).toBeUndefined();
  });

  it('marks the viewer’s DMs read up to the id the other person read', () => {
    const key = dmKey(AVA);
    const messages = [message({ id: 1, authorId: ME }), message({ id: 2, authorId: ME })];
    const state = run(loaded, { type: 'thread/loaded', key, messages, hasOlder: false, unread: 0 }, { type: 'read/by-other', userId: AVA, upTo: 1, at: 'now' });
    expect(state.threads[key]!.messages.map((m) => m.readAt)).toEqual(['now', null]);
  });

  it('clears the unread count when the viewer reads a thread', () => {
    const state = run(
      { type: 'lists/loaded', rooms: [room('synths', { unread: 4 })], conversations: [conversation({ unread: 2 })], presence: {} },
      { type: 'read/mine', key: roomKey('synths') },
      { type: 'read/mine', key: dmKey(AVA) },
    );
    expect(state.rooms[0]!.unread).toBe(0);
    expect(state.conversations[0]!.unread).toBe(0);
  });

  it('forgets a private room the viewer left and keeps a public one to browse', () => {
    const state = run(
      { type: 'lists/loaded', rooms: [room('open', { unread: 2 }), room('secret', { isPrivate: true })], conversations: [], presence: {} },
      { type: 'room/left', name: 'open' },
      { type: 'room/left', name: 'secret' },
    );
    expect(state.rooms).toEqual([expect.objectContaining({ name: 'open', isMember: false, unread: 0, memberCount: 1 })]);
    // A room the viewer no longer follows live is read again when opened.
    const opened = run(loaded, { type: 'thread/loaded', key: roomKey('synths'), messages: [], hasOlder: false, unread: 0 }, { type: 'room/left', name: 'synths' });
    expect(opened.threads[roomKey('synths')]).toBeUndefined();
  });
});
