import { describe, expect, it } from 'vitest';
import { formatDay, formatPresence, formatUnread, typingLine } from '@/components/chat/format';
import { buildTimeline } from '@/components/chat/timeline';
import type { ChatMessage } from '@/components/chat/types';

// Local times, so the day boundaries hold in any time zone the tests run in.
const at = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute).toISOString();

function message(id: number, authorId: number, timestamp: string): ChatMessage {
  return {
    key: `m-${id}`,
    id,
    clientId: null,
    authorId,
    username: `user${authorId}`,
    avatar: null,
    content: `message ${id}`,
    timestamp,
    editedAt: null,
    deleted: false,
    readAt: null,
    status: 'sent',
    error: null,
  };
}

describe('buildTimeline', () => {
  it('groups consecutive messages by one author within five minutes', () => {
    const items = buildTimeline([
      message(1, 1, at(3, 10, 0)),
      message(2, 1, at(3, 10, 4)),
      message(3, 2, at(3, 10, 5)),
      message(4, 2, at(3, 10, 11)),
    ]);
    expect(items.map((i) => (i.kind === 'message' ? `${i.message.id}${i.header ? '+' : ''}` : i.kind))).toEqual([
      'day',
      '1+',
      '2',
      '3+',
      '4+',
    ]);
  });

  it('starts a new day with a separator and a new group', () => {
    const items = buildTimeline([message(1, 1, at(3, 23, 58)), message(2, 1, at(4, 0, 1))]);
    expect(items.map((i) => i.kind)).toEqual(['day', 'message', 'day', 'message']);
    expect(items[3]).toMatchObject({ kind: 'message', header: true });
  });

  it('puts the "new messages" line before the first unread message and restarts the group there', () => {
    const items = buildTimeline([message(1, 2, at(3, 10, 0)), message(2, 2, at(3, 10, 1))], { firstUnreadId: 2 });
    expect(items.map((i) => i.kind)).toEqual(['day', 'message', 'unread', 'message']);
    expect(items[3]).toMatchObject({ header: true });
  });
});

describe('formatDay', () => {
  const now = new Date(2025, 2, 10, 12);
  it('names today and yesterday, then the date', () => {
    expect(formatDay(new Date(2025, 2, 10, 0, 5), now)).toBe('Today');
    expect(formatDay(new Date(2025, 2, 9, 23, 59), now)).toBe('Yesterday');
    expect(formatDay(new Date(2025, 2, 3, 9), now)).toBe('Monday, March 3');
    expect(formatDay(new Date(2024, 11, 31, 9), now)).toBe('Tuesday, December 31, 2024');
  });
});

describe('formatPresence', () => {
  const now = new Date(2025, 2, 10, 12, 0);
  it('says online, or how long ago the person was seen', () => {
    expect(formatPresence({ isOnline: true, lastSeen: null }, now)).toBe('Online');
    expect(formatPresence({ isOnline: false, lastSeen: null }, now)).toBe('Offline');
    expect(formatPresence({ isOnline: false, lastSeen: new Date(2025, 2, 10, 11, 59, 40).toISOString() }, now)).toBe('Last seen just now');
    expect(formatPresence({ isOnline: false, lastSeen: new Date(2025, 2, 10, 11, 48).toISOString() }, now)).toBe('Last seen 12 min ago');
    expect(formatPresence({ isOnline: false, lastSeen: new Date(2025, 2, 9, 21, 10).toISOString() }, now)).toBe(
      'Last seen yesterday at 9:10 PM',
    );
    expect(formatPresence({ isOnline: false, lastSeen: new Date(2025, 2, 3, 8).toISOString() }, now)).toBe('Last seen Mar 3');
  });
});

describe('typingLine', () => {
  it('names up to three people, then says several', () => {
    expect(typingLine([])).toBe('');
    expect(typingLine(['Ava'])).toBe('Ava is typing…');
    expect(typingLine(['Ava', 'Leo'])).toBe('Ava and Leo are typing…');
    expect(typingLine(['Ava', 'Leo', 'Mia'])).toBe('Ava, Leo and Mia are typing…');
    expect(typingLine(['Ava', 'Leo', 'Mia', 'Sam'])).toBe('Several people are typing…');
  });
});

describe('formatUnread', () => {
  it('caps the badge at 99+', () => {
    expect(formatUnread(7)).toBe('7');
    expect(formatUnread(120)).toBe('99+');
  });
});
