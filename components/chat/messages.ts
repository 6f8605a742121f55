import type { ChatMessage } from './types';

/** Stored messages in id order, then this tab's unsent ones in the order they were written. */
function compare(a: ChatMessage, b: ChatMessage): number {
  if (a.id !== null && b.id !== null) return a.id - b.id;
  if (a.id !== null) return -1;
  if (b.id !== null) return 1;
  return a.timestamp.localeCompare(b.timestamp);
}

/** The newer of two copies of one stored message: a delete or a later edit wins, whatever arrived last. */
function newer(current: ChatMessage, incoming: ChatMessage): ChatMessage {
  const deleted = current.deleted || incoming.deleted;
  const base = (incoming.editedAt ?? '') >= (current.editedAt ?? '') ? incoming : current;
  return {
    ...base,
    key: current.key,
    clientId: current.clientId ?? incoming.clientId,
    readAt: incoming.readAt ?? current.readAt,
    deleted,
    content: deleted ? '' : base.content,
  };
}

/**
 * Adds stored messages to a thread without duplicates, whichever way each one arrived (history page,
 * catch-up after a reconnect, live event, ack): the same id updates in place, and a stored copy of
 * this tab's pending or failed message (same client id) replaces it under the same key, so the row
 * does not jump or flicker.
 */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return list as ChatMessage[];
  let next = [...list];
  for (const message of incoming) {
    const unsent = message.clientId ? next.findIndex((m) => m.id === null && m.clientId === message.clientId) : -1;
    const stored = message.id !== null ? next.findIndex((m) => m.id === message.id) : -1;
    if (stored >= 0) {
      next[stored] = newer(next[stored]!, message);
      // The stored copy arrived first without its client id (an echo), then the ack: drop the optimistic one.
      if (unsent >= 0) next = next.filter((_, i) => i !== unsent);
    } else if (unsent >= 0) {
      next[unsent] = { ...message, key: next[unsent]!.key, status: 'sent', error: null };
    } else {
      next.push(message);
    }
  }
  return next.sort(compare);
}

/** Applies `change` to the message with this id, if the thread has it. */
export function updateMessage(
  list: readonly ChatMessage[],
  id: number,
  change: (message: ChatMessage) => ChatMessage,
): ChatMessage[] | null {
  const at = list.findIndex((m) => m.id === id);
  if (at < 0) return null;
  const next = [...list];
  next[at] = change(next[at]!);
  return next;
}

/** The newest stored id: the `since` cursor for catching up after a reconnect. */
export function newestId(list: readonly ChatMessage[]): number | null {
  for (let i = list.length - 1; i >= 0; i--) {
    const id = list[i]!.id;
    if (id !== null) return id;
  }
  return null;
}

/** The oldest stored id: the `before` cursor for the previous history page. */
export function oldestId(list: readonly ChatMessage[]): number | null {
  for (const m of list) if (m.id !== null) return m.id;
  return null;
}

/** A fresh id for an optimistic message; the server keeps it to make a retried send idempotent. */
export function newClientId(): string {
  return crypto.randomUUID();
}
