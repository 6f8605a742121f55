'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ArrowLeft, Ellipsis, Hash, LogOut, MessageSquareOff, Lock, UserPlus, UserRound } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '@/components/gear/confirm-dialog';
import { plural } from '@/components/gear/format';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import * as api from './api';
import { useChat } from './chat-provider';
import { formatPresence } from './format';
import { PeopleDialog, type Invitation } from './people-dialog';
import { PresenceDot } from './presence-dot';

const itemClasses =
  'flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-zinc-200 outline-none select-none ' +
  'data-[highlighted]:bg-zinc-800 data-[highlighted]:text-zinc-50';

function HeaderFrame({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <header className="flex min-h-15 items-center gap-3 border-b border-zinc-800 px-3 py-2.5 sm:px-5">
      <Link
        href="/chat"
        aria-label="All conversations"
        className="-ml-1 inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 focus-visible:outline-2 focus-visible:outline-violet-400 md:hidden"
      >
        <ArrowLeft className="size-5" aria-hidden="true" />
      </Link>
      <div className="flex min-w-0 flex-1 items-center gap-3">{children}</div>
      {actions ? <div className="flex shrink-0 items-center gap-1.5">{actions}</div> : null}
    </header>
  );
}

/**
 * A room's name, privacy, member count and description, with invitations and leaving. A room whose
 * members are someone else's (a private voice channel's) gets that owner's `invitation`, and no leaving.
 */
export function RoomHeader({ name, invitation }: { name: string; invitation?: Invitation }) {
  const router = useRouter();
  const { state, rememberRoom, leaveRoom, inviteToRoom } = useChat();
  const room = state.rooms.find((r) => r.name === name);
  const [dialog, setDialog] = useState<'invite' | 'leave' | null>(null);
  const [leaving, setLeaving] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });

  // A room opened by its address that the sidebar does not list yet (not joined, or not loaded).
  // Once listed, a room that leaves the list was left (or we were removed): it is not fetched again.
  const listed = useRef(false);
  useEffect(() => {
    if (room) listed.current = true;
    if (room || listed.current || state.lists === 'loading') return;
    void api.fetchRoom(name).then((result) => {
      if (result.ok) rememberRoom(api.toRoom(result.data));
    });
  }, [room, name, state.lists, rememberRoom]);

  async function leave() {
    setLeaving({ pending: true, error: null });
    const result = await leaveRoom(name);
    if (!result.ok) {
      setLeaving({ pending: false, error: result.message });
      return;
    }
    setLeaving({ pending: false, error: null });
    setDialog(null);
    router.push('/chat');
  }

  const Icon = room?.isPrivate ? Lock : Hash;
  return (
    <HeaderFrame
      actions={
        room?.isMember ? (
          <>
            <Button size="sm" variant="secondary" onClick={() => setDialog('invite')}>
              <UserPlus className="size-4" aria-hidden="true" />
              <span className="hidden sm:inline">Add people</span>
              <span className="sr-only sm:hidden">Add people</span>
            </Button>
            {invitation ? null : (
              <DropdownMenu.Root>
                <DropdownMenu.Trigger
                  aria-label="Room actions"
                  className="inline-flex size-8 items-center justify-center rounded-lg text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-violet-400 data-[state=open]:bg-zinc-800"
                >
                  <Ellipsis className="size-4" aria-hidden="true" />
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content
                    align="end"
                    sideOffset={6}
                    collisionPadding={12}
                    className="z-50 w-48 rounded-xl border border-zinc-800 bg-zinc-900 p-1.5 shadow-2xl shadow-black/50"
                  >
                    <DropdownMenu.Item className={`${itemClasses} text-red-300 data-[highlighted]:text-red-200`} onSelect={() => setDialog('leave')}>
                      <LogOut className="size-4" aria-hidden="true" />
                      Leave room
                    </DropdownMenu.Item>
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            )}
          </>
        ) : null
      }
    >
      <Icon className="size-5 shrink-0 text-zinc-400" aria-hidden="true" />
      <div className="flex min-w-0 flex-col">
        <h2 className="flex items-center gap-2 truncate text-base font-semibold text-zinc-50">
          {name}
          {room?.isPrivate ? <span className="sr-only">(private room)</span> : null}
        </h2>
        {room ? (
          <p className="truncate text-xs text-zinc-400">
            {plural(room.memberCount, 'member')}
            {room.description ? <span className="hidden sm:inline"> · {room.description}</span> : null}
          </p>
        ) : null}
      </div>
      {room ? (
        <PeopleDialog
          mode={{
            kind: 'invite',
            invitation: invitation ?? {
              target: `#${name}`,
              description: 'Members can read the room and post in it.',
              add: (userId) => inviteToRoom(name, userId),
            },
          }}
          open={dialog === 'invite'}
          onClose={() => setDialog(null)}
        />
      ) : null}
      <ConfirmDialog
        open={dialog === 'leave'}
        title={`Leave #${name}?`}
        description={
          room?.isPrivate
            ? 'It is a private room: you will need a member to add you again.'
            : 'You can join it again from Browse rooms at any time.'
        }
        confirmLabel="Leave room"
        onConfirm={() => void leave()}
        onCancel={() => {
          setDialog(null);
          setLeaving({ pending: false, error: null });
        }}
        pending={leaving.pending}
        error={leaving.error}
      />
    </HeaderFrame>
  );
}

/** The other person of a direct conversation, with their presence and a link to their profile. */
export function DmHeader({ userId }: { userId: number }) {
  const { state, rememberPerson } = useChat();
  const person = state.people[userId];
  const presence = state.presence[userId];

  useEffect(() => {
    if (person) return;
    void api.fetchPerson(userId).then((result) => {
      if (result.ok) rememberPerson(api.toPerson(result.data));
    });
  }, [person, userId, rememberPerson]);

  return (
    <HeaderFrame
      actions={
        <ButtonLink href={`/users/${userId}`} variant="ghost" size="sm" aria-label={person ? `${person.displayName}'s profile` : 'Profile'}>
          <UserRound className="size-4" aria-hidden="true" />
          <span className="hidden sm:inline">Profile</span>
        </ButtonLink>
      }
    >
      {person ? (
        <>
          <span className="relative shrink-0">
            <Avatar name={person.displayName} src={person.avatar} size="sm" />
            {presence ? <PresenceDot online={presence.isOnline} /> : null}
          </span>
          <div className="flex min-w-0 flex-col">
            <h2 className="truncate text-base font-semibold text-zinc-50">{person.displayName}</h2>
            <p className="truncate text-xs text-zinc-400">
              @{person.username}
              {presence ? <span> · {formatPresence(presence)}</span> : null}
            </p>
          </div>
        </>
      ) : (
        <span className="h-9" aria-hidden="true" />
      )}
    </HeaderFrame>
  );
}

/** A room that does not exist or is private, or a person who cannot be messaged: the same answer. */
export function ThreadMissing({ kind }: { kind: 'room' | 'dm' }) {
  return (
    <div className="flex flex-1 flex-col">
      <HeaderFrame>
        <span className="text-sm text-zinc-400">Not found</span>
      </HeaderFrame>
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
        <span className="inline-flex size-12 items-center justify-center rounded-2xl bg-violet-500/10 text-violet-300 ring-1 ring-violet-400/20">
          <MessageSquareOff className="size-6" aria-hidden="true" />
        </span>
        <h2 className="text-base font-semibold text-zinc-50">{kind === 'room' ? 'This room is not available' : 'You cannot message this person'}</h2>
        <p className="max-w-sm text-sm text-zinc-400">
          {kind === 'room'
            ? 'It does not exist, or it is private and you are not a member.'
            : 'The account does not exist or is no longer active.'}
        </p>
        <ButtonLink href="/chat" variant="secondary">
          Back to chat
        </ButtonLink>
      </div>
    </div>
  );
}
