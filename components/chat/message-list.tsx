'use client';

import { ArrowDown } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { formatDay } from './format';
import type { Thread } from './store';
import { buildTimeline } from './timeline';
import type { ChatMessage } from './types';

/** Within this distance of the bottom, the list follows new messages. */
const STICK_PX = 96;
/** Within this distance of the top, the previous page loads. */
const LOAD_OLDER_PX = 240;

interface MessageListProps {
  label: string;
  thread: Thread;
  viewerId: number;
  /** Shown above the first message once the whole history is here. */
  intro: ReactNode;
  onLoadOlder: () => void;
  renderMessage: (message: ChatMessage, header: boolean) => ReactNode;
}

/**
 * The scrolling history: newest at the bottom, following new messages while the reader is there
 * (and always after their own), keeping its place when older pages load above, and offering a jump
 * back down when something new arrives while they read further up.
 */
export function MessageList({ label, thread, viewerId, intro, onLoadOlder, renderMessage }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const previous = useRef<{ first: string | undefined; last: string | undefined; height: number } | null>(null);
  const [unseen, setUnseen] = useState(false);
  const { messages, hasOlder, olderStatus, firstUnreadId } = thread;
  const items = useMemo(() => buildTimeline(messages, { firstUnreadId }), [messages, firstUnreadId]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const first = messages[0]?.key;
    const last = messages.at(-1);
    const before = previous.current;
    if (before && before.first !== first && before.last === last?.key) {
      // Older messages came in above: keep what the reader was looking at in place.
      el.scrollTop += el.scrollHeight - before.height;
    } else if (!before && firstUnreadId !== null) {
      // Opening a thread with unread messages: start where the reader left off, as close to the
      // bottom as that allows.
      const line = el.querySelector<HTMLElement>('[data-unread-line]');
      el.scrollTop = el.scrollHeight;
      if (line && line.offsetTop < el.scrollTop) {
        el.scrollTop = Math.max(0, line.offsetTop - 16);
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }
    } else if (!before || stick.current || (last && last.key !== before.last && last.authorId === viewerId)) {
      el.scrollTop = el.scrollHeight;
      stick.current = true;
    } else if (last && last.key !== before.last) {
      setUnseen(true);
    }
    previous.current = { first, last: last?.key, height: el.scrollHeight };
  }, [messages, viewerId, firstUnreadId]);

  // Rows can change height after layout (an edit, a wrapped link, the window): stay at the bottom.
  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
      if (previous.current) previous.current.height = el.scrollHeight;
    });
    observer.observe(content);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A first page shorter than the window cannot be scrolled, so it asks for the previous one itself.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && hasOlder && olderStatus === 'idle' && el.scrollHeight <= el.clientHeight + LOAD_OLDER_PX) onLoadOlder();
  }, [messages, hasOlder, olderStatus, onLoadOlder]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (stick.current) setUnseen(false);
    if (el.scrollTop < LOAD_OLDER_PX && hasOlder && olderStatus === 'idle') onLoadOlder();
  }

  function jumpToLatest() {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    stick.current = true;
    setUnseen(false);
  }

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="region"
        aria-label={label}
        // Keyboard users scroll the history with the arrow and page keys.
        tabIndex={0}
        className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain pb-2 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-400/60"
      >
        <div className="px-4 pt-4 sm:px-5">
          {hasOlder ? (
            <div className="flex justify-center py-2">
              {olderStatus === 'loading' ? (
                <Spinner className="size-5 text-zinc-500" label="Loading earlier messages" />
              ) : (
                <Button variant="ghost" size="sm" onClick={onLoadOlder}>
                  {olderStatus === 'error' ? 'Could not load earlier messages. Try again' : 'Load earlier messages'}
                </Button>
              )}
            </div>
          ) : (
            intro
          )}
        </div>
        <ol ref={contentRef} aria-label="Messages">
          {items.map((item) =>
            item.kind === 'day' ? (
              <li key={item.key} className="relative my-4 flex items-center px-4 sm:px-5">
                <span className="h-px flex-1 bg-zinc-800" aria-hidden="true" />
                <span className="mx-3 rounded-full border border-zinc-800 bg-zinc-900 px-3 py-0.5 text-xs font-medium text-zinc-300">
                  {formatDay(item.date)}
                </span>
                <span className="h-px flex-1 bg-zinc-800" aria-hidden="true" />
              </li>
            ) : item.kind === 'unread' ? (
              <li key={item.key} data-unread-line className="my-2 flex items-center gap-3 px-4 sm:px-5">
                <span className="h-px flex-1 bg-red-400/50" aria-hidden="true" />
                <span className="text-xs font-semibold tracking-wide text-red-300 uppercase">New messages</span>
              </li>
            ) : (
              renderMessage(item.message, item.header)
            ),
          )}
        </ol>
      </div>
      {unseen ? (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full bg-violet-600 px-3.5 py-1.5 text-xs font-medium text-white shadow-lg shadow-black/40 hover:bg-violet-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400"
        >
          <ArrowDown className="size-3.5" aria-hidden="true" />
          New messages
        </button>
      ) : null}
    </div>
  );
}
