'use client';

import { clsx } from 'clsx';
import { Compass, Hash, Lock, MessageSquarePlus, Plus, Search } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { BrowseRoomsDialog } from './browse-rooms-dialog';
import { useChat } from './chat-provider';
import { formatActivity } from './format';
import { NewRoomDialog } from './new-room-dialog';
import { PeopleDialog } from './people-dialog';
import { PresenceDot } from './presence-dot';
import { UnreadBadge } from './unread-badge';

const itemClasses =
  'group flex min-w-0 items-center gap-2.5 rounded-lg px-2.5 text-sm transition-colors ' +
  'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-400';

function SectionHeader({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-2 px-2.5 pt-4 pb-1">
      <h2 id={id} className="text-xs font-semibold tracking-wide text-zinc-400 uppercase">
        {title}
      </h2>
      <div className="flex items-center gap-0.5">{children}</div>
    </div>
  );
}

function IconButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="inline-flex size-7 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-violet-400"
    >
      {children}
    </button>
  );
}

/** Rooms and direct messages, with unread badges and presence, plus the ways to start something new. */
export function ChatSidebar() {
  const { state, reloadLists } = useChat();
  const pathname = usePathname();
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'room' | 'browse' | 'person' | null>(null);
  const needle = filter.trim().toLowerCase();

  const rooms = state.rooms.filter((r) => r.isMember && (!needle || r.name.includes(needle)));
  const conversations = state.conversations.filter(
    (c) => !needle || c.username.toLowerCase().includes(needle) || c.displayName.toLowerCase().includes(needle),
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 px-4 py-3">
        <h1 className="text-lg font-semibold tracking-tight text-zinc-50">Chat</h1>
        <Button size="sm" variant="secondary" onClick={() => setDialog('person')}>
          <MessageSquarePlus className="size-4" aria-hidden="true" />
          New message
        </Button>
      </div>
      <div className="px-3 pt-3">
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
          <Input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Filter conversations"
            placeholder="Filter rooms and people"
            className="h-9 pl-9"
          />
        </div>
      </div>

      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-4">
        {state.lists === 'loading' ? (
          <div className="flex justify-center py-10">
            <Spinner className="size-5 text-zinc-500" label="Loading conversations" />
          </div>
        ) : state.lists === 'error' ? (
          <div className="flex flex-col items-center gap-3 px-3 py-10 text-center text-sm text-zinc-400">
            <p>We could not load your conversations.</p>
            <Button size="sm" variant="secondary" onClick={reloadLists}>
              Try again
            </Button>
          </div>
        ) : (
          <>
            <SectionHeader id="chat-rooms-heading" title="Rooms">
              <IconButton label="Browse rooms" onClick={() => setDialog('browse')}>
                <Compass className="size-4" aria-hidden="true" />
              </IconButton>
              <IconButton label="Create a room" onClick={() => setDialog('room')}>
                <Plus className="size-4" aria-hidden="true" />
              </IconButton>
            </SectionHeader>
            {rooms.length === 0 ? (
              <p className="px-2.5 py-1.5 text-sm text-zinc-500">
                {needle ? 'No room matches.' : 'You have not joined a room yet.'}{' '}
                {!needle ? (
                  <button type="button" onClick={() => setDialog('browse')} className="text-violet-300 hover:underline">
                    Browse rooms
                  </button>
                ) : null}
              </p>
            ) : (
              <ul aria-labelledby="chat-rooms-heading" className="flex flex-col gap-0.5">
                {rooms.map((room) => {
                  const href = `/chat/rooms/${room.name}`;
                  const current = pathname === href;
                  const unread = current ? 0 : room.unread;
                  const Icon = room.isPrivate ? Lock : Hash;
                  return (
                    <li key={room.name}>
                      <Link
                        href={href}
                        aria-current={current ? 'page' : undefined}
                        className={clsx(
                          itemClasses,
                          'h-9',
                          current ? 'bg-violet-500/15 text-zinc-50' : unread ? 'text-zinc-50 hover:bg-zinc-800/70' : 'text-zinc-300 hover:bg-zinc-800/70',
                        )}
                      >
                        <Icon className={clsx('size-4 shrink-0', current ? 'text-violet-300' : 'text-zinc-500')} aria-hidden="true" />
                        <span className={clsx('truncate', unread > 0 && 'font-semibold')}>{room.name}</span>
                        {room.isPrivate ? <span className="sr-only">(private)</span> : null}
                        <UnreadBadge count={unread} />
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}

            <SectionHeader id="chat-dms-heading" title="Direct messages">
              <IconButton label="Start a conversation" onClick={() => setDialog('person')}>
                <Plus className="size-4" aria-hidden="true" />
              </IconButton>
            </SectionHeader>
            {conversations.length === 0 ? (
              <p className="px-2.5 py-1.5 text-sm text-zinc-500">
                {needle ? 'No one matches.' : 'No conversations yet.'}{' '}
                {!needle ? (
                  <button type="button" onClick={() => setDialog('person')} className="text-violet-300 hover:underline">
                    Start one
                  </button>
                ) : null}
              </p>
            ) : (
              <ul aria-labelledby="chat-dms-heading" className="flex flex-col gap-0.5">
                {conversations.map((c) => {
                  const href = `/chat/dm/${c.userId}`;
                  const current = pathname === href;
                  const unread = current ? 0 : c.unread;
                  const online = state.presence[c.userId]?.isOnline ?? false;
                  return (
                    <li key={c.userId}>
                      <Link
                        href={href}
                        aria-current={current ? 'page' : undefined}
                        className={clsx(
                          itemClasses,
                          'py-1.5',
                          current ? 'bg-violet-500/15 text-zinc-50' : 'text-zinc-300 hover:bg-zinc-800/70',
                        )}
                      >
                        <span className="relative shrink-0">
                          <Avatar name={c.displayName} src={c.avatar} size="sm" />
                          <PresenceDot online={online} />
                        </span>
                        <span className="flex min-w-0 flex-1 flex-col">
                          <span className="flex items-baseline gap-2">
                            <span className={clsx('truncate', unread > 0 ? 'font-semibold text-zinc-50' : 'font-medium')}>{c.displayName}</span>
                            {c.lastActivity ? (
                              <span className="ml-auto shrink-0 text-[0.6875rem] text-zinc-500" aria-hidden="true">
                                {formatActivity(c.lastActivity)}
                              </span>
                            ) : null}
                          </span>
                          <span className="flex items-center gap-2">
                            <span className={clsx('truncate text-xs', unread > 0 ? 'text-zinc-300' : 'text-zinc-500')}>
                              {c.lastFromMe ? 'You: ' : ''}
                              {c.lastMessage ?? <span className="italic">Message deleted</span>}
                            </span>
                            <UnreadBadge count={unread} />
                          </span>
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </nav>

      <NewRoomDialog open={dialog === 'room'} onClose={() => setDialog(null)} />
      <BrowseRoomsDialog open={dialog === 'browse'} onClose={() => setDialog(null)} onCreate={() => setDialog('room')} />
      <PeopleDialog mode={{ kind: 'conversation' }} open={dialog === 'person'} onClose={() => setDialog(null)} />
    </div>
  );
}
