'use client';

import { Hash, Lock, Plus, Search, Users } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { plural } from '@/components/gear/format';
import { Modal } from '@/components/gear/modal';
import { useDebouncedValue } from '@/components/gear/use-debounced-value';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import * as api from './api';
import { useChat } from './chat-provider';
import type { RoomInfo } from './store';

type Results = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rooms: RoomInfo[]; total: number };
type Answer = Exclude<Results, { status: 'loading' }>;

/** Every room the viewer may see (public ones, and private ones they are in), to open or join. */
export function BrowseRoomsDialog({ open, onClose, onCreate }: { open: boolean; onClose: () => void; onCreate: () => void }) {
  const router = useRouter();
  const { rememberRoom } = useChat();
  const [query, setQuery] = useState('');
  const q = useDebouncedValue(query.trim().toLowerCase(), 250);
  // Answers are kept with their query: a newer query shows the spinner until its own answer arrives.
  const [answer, setAnswer] = useState<{ q: string; results: Answer } | null>(null);
  const results: Results = answer && answer.q === q ? answer.results : { status: 'loading' };

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    void api.searchRooms(q, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setAnswer({ q, results: result.ok ? { status: 'ready', rooms: result.rooms, total: result.total } : { status: 'error', message: result.message } });
    });
    return () => controller.abort();
  }, [open, q]);

  function close() {
    setQuery('');
    onClose();
  }

  function openRoom(room: RoomInfo) {
    rememberRoom(room);
    close();
    router.push(`/chat/rooms/${room.name}`);
  }

  return (
    <Modal
      open={open}
      onClose={close}
      size="lg"
      title="Browse rooms"
      description="Open a room to read along; join it to post and get unread counts."
      footer={
        <Button
          variant="secondary"
          onClick={() => {
            close();
            onCreate();
          }}
        >
          <Plus className="size-4" aria-hidden="true" />
          Create a room
        </Button>
      }
    >
      <div className="flex flex-col gap-3">
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
          <Input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="Search rooms"
            placeholder="Search rooms by name"
            autoComplete="off"
            className="pl-9"
            autoFocus
          />
        </div>
        <div className="min-h-56" aria-live="polite" aria-busy={results.status === 'loading'}>
          {results.status === 'loading' ? (
            <div className="flex justify-center py-10">
              <Spinner className="size-5 text-zinc-500" label="Loading rooms" />
            </div>
          ) : results.status === 'error' ? (
            <Alert tone="error">{results.message}</Alert>
          ) : results.rooms.length === 0 ? (
            <p className="py-10 text-center text-sm text-zinc-400">{q ? `No room matches “${q}”.` : 'There are no rooms yet. Create the first one.'}</p>
          ) : (
            <ul aria-label="Rooms" className="flex flex-col gap-1">
              {results.rooms.map((room) => {
                const Icon = room.isPrivate ? Lock : Hash;
                return (
                  <li key={room.name}>
                    <button
                      type="button"
                      onClick={() => openRoom(room)}
                      className="flex w-full items-start gap-3 rounded-xl border border-transparent px-3 py-2.5 text-left hover:border-zinc-800 hover:bg-zinc-800/60 focus-visible:outline-2 focus-visible:outline-violet-400"
                    >
                      <Icon className="mt-0.5 size-4 shrink-0 text-zinc-500" aria-hidden="true" />
                      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                        <span className="flex items-center gap-2">
                          <span className="truncate text-sm font-medium text-zinc-100">{room.name}</span>
                          {room.isPrivate ? <span className="sr-only">(private)</span> : null}
                          {room.isMember ? <Badge tone="success">Joined</Badge> : null}
                        </span>
                        {room.description ? <span className="line-clamp-2 text-xs text-zinc-400">{room.description}</span> : null}
                      </span>
                      <span className="flex shrink-0 items-center gap-1 text-xs text-zinc-500">
                        <Users className="size-3.5" aria-hidden="true" />
                        {plural(room.memberCount, 'member')}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {results.status === 'ready' && results.total > results.rooms.length ? (
            <p className="px-3 pt-2 text-xs text-zinc-500">
              Showing {results.rooms.length} of {results.total}. Search to find the others.
            </p>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}
