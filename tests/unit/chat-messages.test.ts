import { describe, expect, it } from 'vitest';
import { toMessage } from '@/components/chat/api';
import { mergeMessages, newestId, oldestId } from '@/components/chat/messages';
import type { ChatMessage } from '@/components/chat/types';

function message(fields: Partial<ChatMessage>): ChatMessage {
  const id = fields.id ?? null;
  return {
    key: fields.key ?? (id === null ? `c-${fields.clientId}` : `m-${id}`),
    id,
    clientId: null,
    authorId: 1,
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

describe('mergeMessages', () => {
  it('orders stored messages by id and keeps unsent ones last', () => {
    const pending = message({ id: null, clientId: 'a', status: 'pending', timestamp: '2025-03-03T09:00:00.000Z' });
    const merged = mergeMessages([pending], [message({ id: 3 }), message({ id: 1 })]);
    expect(merged.map((m) => m.id)).toEqual([1, 3, null]);
  });

  it('never duplicates a message that arrives twice (history page, catch-up and live event)', () => {
    const once = mergeMessages([], [message({ id: 1 }), message({ id: 2 })]);
    const twice = mergeMessages(once, [message({ id: 2 }), message({ id: 3 }), message({ id: 1 })]);
    expect(twice.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('replaces the optimistic copy with the stored one under the same key', () => {
    const pending = message({ id: null, clientId: 'c1', key: 'c1', status: 'pending', content: 'hello' });
    const merged = mergeMessages([message({ id: 1 }), pending], [message({ id: 2, clientId: 'c1', key: 'm-2', content: 'hello' })]);
    expect(merged).toHaveLength(2);
    expect(merged[1]).toMatchObject({ id: 2, key: 'c1', status: 'sent' });
  });

  it('turns a failed copy into the stored one when the server had it after all', () => {
    const failed = message({ id: null, clientId: 'c1', key: 'c1', status: 'failed', error: 'timed out' });
    const [only] = mergeMessages([failed], [message({ id: 9, clientId: 'c1' })]);
    expect(only).toMatchObject({ id: 9, key: 'c1', status: 'sent', error: null });
  });

  it('drops the optimistic copy when the echo without client id came before the ack', () => {
    const pending = message({ id: null, clientId: 'c1', key: 'c1', status: 'pending' });
    const echoed = mergeMessages([pending], [message({ id: 5 })]);
    expect(echoed).toHaveLength(2);
    const acked = mergeMessages(echoed, [message({ id: 5, clientId: 'c1' })]);
    expect(acked.map((m) => [m.id, m.status])).toEqual([[5, 'sent']]);
  });

  it('keeps the later edit and a deletion whatever order they arrive in', () => {
    const edited = message({ id: 1, content: 'new', editedAt: '2025-03-03T10:05:00.000Z' });
    const stale = message({ id: 1, content: 'old' });
    expect(mergeMessages([edited], [stale])[0]).toMatchObject({ content: 'new' });
    const deleted = message({ id: 1, content: '', deleted: true });
    expect(mergeMessages([deleted], [stale])[0]).toMatchObject({ content: '', deleted: true });
  });

  it('returns the same list when nothing comes in', () => {
    const list = [message({ id: 1 })];
    expect(mergeMessages(list, [])).toBe(list);
  });
});

describe('cursors', () => {
  it('finds the oldest and newest stored ids, ignoring unsent messages', () => {
    const list = [message({ id: 4 }), message({ id: 7 }), message({ id: null, clientId: 'x', status: 'pending' })];
    expect(oldestId(list)).toBe(4);
    expect(newestId(list)).toBe(7);
    expect(newestId([])).toBeNull();
  });
});

describe('toMessage', () => {
  const wire = { id: 7, from: 3, username: 'leo', avatar: null, content: 'hey', timestamp: '2025-03-03T10:00:00.000Z' };

  it('keys a message sent from this tab by its client id, so its row survives the ack', () => {
    expect(toMessage({ ...wire, client_id: 'c-9' })).toMatchObject({ key: 'c-9', id: 7, clientId: 'c-9', authorId: 3, status: 'sent' });
    expect(toMessage(wire)).toMatchObject({ key: 'm-7', clientId: null, editedAt: null, deleted: false, readAt: null });
  });

  it('never shows the content of a deleted message', () => {
    expect(toMessage({ ...wire, deleted: true })).toMatchObject({ deleted: true, content: '' });
  });
});
