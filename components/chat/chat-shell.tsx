'use client';

import { clsx } from 'clsx';
import { usePathname } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { usePlayer } from '@/components/player/player-provider';
import { ChatSidebar } from './chat-sidebar';
import { ConnectionBanner } from './connection-banner';

/**
 * The chat fills the window under the top bar (and above the player when one plays): the sidebar and
 * the open conversation side by side, or, on narrow screens, one at a time with a way back.
 */
export function ChatShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const { track } = usePlayer();
  const inThread = pathname !== '/chat';

  // Like any chat app, the page itself stays put: only the lists and the history scroll.
  useEffect(() => {
    document.documentElement.classList.add('overflow-hidden');
    return () => document.documentElement.classList.remove('overflow-hidden');
  }, []);
  return (
    <div
      className={clsx(
        'mx-auto flex w-full max-w-7xl sm:px-6 sm:py-4 lg:px-8',
        // The top bar is 4rem, plus its 2.75rem section tabs from md; the player bar is 6rem (5rem from sm).
        track
          ? 'h-[calc(100dvh-4rem-1px-6rem)] sm:h-[calc(100dvh-4rem-1px-5rem)] md:h-[calc(100dvh-6.75rem-2px-5rem)]'
          : 'h-[calc(100dvh-4rem-1px)] md:h-[calc(100dvh-6.75rem-2px)]',
      )}
    >
      <div className="flex min-h-0 w-full flex-col overflow-hidden border-zinc-800 bg-zinc-900/40 sm:rounded-2xl sm:border sm:shadow-lg sm:shadow-black/20">
        <ConnectionBanner />
        <div className="flex min-h-0 flex-1">
        <div
          className={clsx('min-h-0 w-full flex-col border-zinc-800 md:flex md:w-72 md:shrink-0 md:border-r', inThread ? 'hidden' : 'flex')}
        >
          <ChatSidebar />
        </div>
        <div className={clsx('min-h-0 min-w-0 flex-1 flex-col md:flex', inThread ? 'flex' : 'hidden')}>{children}</div>
        </div>
      </div>
    </div>
  );
}
