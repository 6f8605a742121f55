'use client';

import { Check, Search, UserPlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Modal } from '@/components/gear/modal';
import { useDebouncedValue } from '@/components/gear/use-debounced-value';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import type { ApiResult } from '@/components/forms/api-request';
import * as api from './api';
import { useChat } from './chat-provider';
import { PresenceDot } from './presence-dot';
import type { Person } from './store';

/** Adding people somewhere: a chat room, or a private voice channel (whose room follows its members). */
export interface Invitation {
  /** Where they are added, as the dialog's title names it (`#jam-room`, `Late night jam`). */
  target: string;
  description: string;
  add: (userId: number) => Promise<ApiResult<unknown>>;
}

type Mode = { kind: 'conversation' } | { kind: 'invite'; invitation: Invitation };

type Results = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; people: Person[]; total: number };
type Answer = Exclude<Results, { status: 'loading' }>;

/** Moves focus between the results with the arrow keys, and from the search box into them. */
function arrowNavigation(event: KeyboardEvent<HTMLElement>, list: HTMLElement | null) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const items = Array.from(list?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
  if (!items.length) return;
  event.preventDefault();
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = event.key === 'ArrowDown' ? Math.min(at + 1, items.length - 1) : at - 1;
  if (next < 0) (event.currentTarget.ownerDocument.getElementById('people-search') as HTMLInputElement | null)?.focus();
  else items[next]!.focus();
}

/**
 * Finds people through `GET /users/except-me`: to start a conversation with one, or to invite them
 * to a room or a private voice channel.
 */
export function PeopleDialog({ mode, open, onClose }: { mode: Mode; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const { state, rememberPerson } = useChat();
  const [query, setQuery] = useState('');
  const search = useDebouncedValue(query.trim(), 250);
  // Answers are kept with their query: a newer query shows the spinner until its own answer arrives.
  const [answer, setAnswer] = useState<{ search: string; results: Answer } | null>(null);
  const results: Results = answer && answer.search === search ? answer.results : { status: 'loading' };
  const [invited, setInvited] = useState<Set<number>>(new Set());
  const [inviting, setInviting] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    void api.searchPeople(search, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setAnswer({
        search,
        results: result.ok
          ? { status: 'ready', people: result.data.items.map(api.toPerson), total: result.data.pagination.total }
          : { status: 'error', message: result.message },
      });
    });
    return () => controller.abort();
  }, [open, search]);

  function close() {
    setQuery('');
    setInvited(new Set());
    setError(null);
    onClose();
  }

  async function choose(person: Person) {
    if (mode.kind === 'conversation') {
      rememberPerson(person);
      close();
      router.push(`/chat/dm/${person.userId}`);
      return;
    }
    setInviting(person.userId);
    setError(null);
    const result = await mode.invitation.add(person.userId);
    setInviting(null);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setInvited((all) => new Set(all).add(person.userId));
    toast({ title: `${person.displayName} was added to ${mode.invitation.target}` });
  }

  const title = mode.kind === 'conversation' ? 'Start a conversation' : `Invite people to ${mode.invitation.target}`;
  return (
    <Modal
      open={open}
      onClose={close}
      size="md"
      title={title}
      description={mode.kind === 'conversation' ? 'Pick someone to message.' : mode.invitation.description}
    >
      <div className="flex flex-col gap-3">
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
          <Input
            id="people-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => arrowNavigation(e, listRef.current)}
            aria-label="Search people"
            aria-controls="people-results"
            placeholder="Search by name or username"
            autoComplete="off"
            className="pl-9"
            autoFocus
          />
        </div>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="min-h-48" aria-live="polite" aria-busy={results.status === 'loading'}>
          {results.status === 'loading' ? (
            <div className="flex justify-center py-10">
              <Spinner className="size-5 text-zinc-500" label="Searching people" />
            </div>
          ) : results.status === 'error' ? (
            <Alert tone="error">{results.message}</Alert>
          ) : results.people.length === 0 ? (
            <p className="py-10 text-center text-sm text-zinc-400">{search ? `No one matches “${search}”.` : 'No one else is here yet.'}</p>
          ) : (
            <>
              <ul id="people-results" ref={listRef} aria-label="People" className="flex flex-col gap-0.5" onKeyDown={(e) => arrowNavigation(e, listRef.current)}>
                {results.people.map((person) => {
                  const done = invited.has(person.userId);
                  const online = state.presence[person.userId]?.isOnline;
                  return (
                    <li key={person.userId}>
                      <button
                        type="button"
                        onClick={() => void choose(person)}
                        disabled={done || inviting !== null}
                        aria-label={
                          mode.kind === 'conversation'
                            ? `Message ${person.displayName} (@${person.username})`
                            : `${done ? 'Added' : 'Invite'} ${person.displayName} (@${person.username})`
                        }
                        className="flex w-full items-center gap-3 rounded-lg px-2.5 py-2 text-left hover:bg-zinc-800 focus-visible:bg-zinc-800 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-400 disabled:opacity-70"
                      >
                        <span className="relative shrink-0">
                          <Avatar name={person.displayName} src={person.avatar} size="sm" />
                          {online !== undefined ? <PresenceDot online={online} /> : null}
                        </span>
                        <span className="flex min-w-0 flex-1 flex-col">
                          <span className="truncate text-sm font-medium text-zinc-100">{person.displayName}</span>
                          <span className="truncate text-xs text-zinc-400">@{person.username}</span>
                        </span>
                        {mode.kind === 'invite' ? (
                          inviting === person.userId ? (
                            <Spinner className="text-zinc-400" />
                          ) : done ? (
                            <Check className="size-4 text-emerald-300" aria-hidden="true" />
                          ) : (
                            <UserPlus className="size-4 text-zinc-400" aria-hidden="true" />
                          )
                        ) : null}
                      </button>
                    </li>
                  );
                })}
              </ul>
              {results.total > results.people.length ? (
                <p className="px-2.5 pt-2 text-xs text-zinc-500">
                  Showing {results.people.length} of {results.total}. Type a name to narrow it down.
                </p>
              ) : null}
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
