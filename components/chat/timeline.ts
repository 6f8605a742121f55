import type { ChatMessage } from './types';

/** Consecutive messages by one author within this window share one header (name, avatar, time). */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

export type TimelineItem =
  | { kind: 'day'; key: string; date: Date }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: ChatMessage; header: boolean };

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * The rows of a message list: a separator at each new local day, an optional "new messages" line
 * before the first unread one, and each message marked as starting a group or continuing one.
 */
export function buildTimeline(messages: readonly ChatMessage[], options: { firstUnreadId?: number | null } = {}): TimelineItem[] {
  const items: TimelineItem[] = [];
  let previous: { message: ChatMessage; date: Date } | null = null;
  for (const message of messages) {
    const date = new Date(message.timestamp);
    const newDay = !previous || !sameLocalDay(previous.date, date);
    if (newDay) items.push({ kind: 'day', key: `day-${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`, date });
    const unreadLine = options.firstUnreadId != null && message.id === options.firstUnreadId;
    if (unreadLine) items.push({ kind: 'unread', key: 'unread' });
    const header =
      newDay ||
      unreadLine ||
      !previous ||
      previous.message.authorId !== message.authorId ||
      date.getTime() - previous.date.getTime() > GROUP_WINDOW_MS;
    items.push({ kind: 'message', key: message.key, message, header });
    previous = { message, date };
  }
  return items;
}
