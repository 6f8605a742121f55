'use client';

import { WifiOff } from 'lucide-react';
import { Spinner } from '@/components/ui/spinner';
import { useChat } from './chat-provider';

/**
 * Says so while the live connection is down: reconnecting on its own (messages sent meanwhile wait and
 * go out on reconnect), or refused for good (the session ended), when only a reload helps.
 */
export function ConnectionBanner() {
  const { connection } = useChat();
  if (connection !== 'reconnecting' && connection !== 'offline') return null;
  return (
    <div role="status" className="flex items-center gap-2.5 border-b border-amber-400/30 bg-amber-500/10 px-4 py-2 text-sm text-amber-100">
      {connection === 'reconnecting' ? <Spinner className="size-4 shrink-0" /> : <WifiOff className="size-4 shrink-0" aria-hidden="true" />}
      {connection === 'reconnecting' ? (
        <span>
          <span className="font-medium">Reconnecting…</span>{' '}
          <span className="text-amber-100/80">New messages will appear when the connection is back.</span>
        </span>
      ) : (
        <>
          <span>
            <span className="font-medium">Chat is disconnected.</span>{' '}
            <span className="text-amber-100/80">Your session may have ended.</span>
          </span>
          <button type="button" onClick={() => window.location.reload()} className="ml-auto font-medium underline underline-offset-2 hover:text-white">
            Reload
          </button>
        </>
      )}
    </div>
  );
}
