'use client';

import { Hash, Lock } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/gear/confirm-dialog';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useChat } from './chat-provider';
import { Composer } from './composer';
import { typingLine } from './format';
import { MessageList } from './message-list';
import { MessageRow } from './message-row';
import type { Invitation } from './people-dialog';
import { DmHeader, RoomHeader, ThreadMissing } from './thread-header';
import { isModerator, parseThreadKey, type ChatMessage, type ThreadKey } from './types';

/** Unsent text per conversation, kept while the reader moves between them (as long as the tab lives). */
const drafts = new Map<ThreadKey, string>();

function Intro({ threadKey }: { threadKey: ThreadKey }) {
  const { state } = useChat();
  const target = parseThreadKey(threadKey);
  if (target.kind === 'room') {
    const room = state.rooms.find((r) => r.name === target.room);
    const Icon = room?.isPrivate ? Lock : Hash;
    return (
      <div className="flex flex-col items-start gap-2 pt-6 pb-2">
        <span className="inline-flex size-12 items-center justify-center rounded-2xl bg-violet-500/10 text-violet-300 ring-1 ring-violet-400/20">
          <Icon className="size-6" aria-hidden="true" />
        </span>
        <h2 className="text-xl font-semibold text-zinc-50">Welcome to #{target.room}</h2>
        <p className="max-w-xl text-sm text-zinc-400">{room?.description || `This is the very beginning of #${target.room}.`}</p>
      </div>
    );
  }
  const person = state.people[target.userId];
  const name = person?.displayName ?? 'this person';
  return (
    <div className="flex flex-col items-start gap-2 pt-6 pb-2">
      <Avatar name={name} src={person?.avatar} size="lg" />
      <h2 className="text-xl font-semibold text-zinc-50">{name}</h2>
      <p className="text-sm text-zinc-400">This is the beginning of your conversation with {name}.</p>
    </div>
  );
}

function TypingLine({ threadKey }: { threadKey: ThreadKey }) {
  const { state } = useChat();
  const names = (state.typing[threadKey] ?? []).map((t) => t.username);
  return (
    <div className="flex h-5 items-center gap-2 px-5 text-xs text-zinc-400 sm:px-6">
      {names.length ? (
        <>
          <span className="flex gap-0.5" aria-hidden="true">
            <span className="size-1 animate-pulse rounded-full bg-zinc-400" />
            <span className="size-1 animate-pulse rounded-full bg-zinc-400 [animation-delay:150ms]" />
            <span className="size-1 animate-pulse rounded-full bg-zinc-400 [animation-delay:300ms]" />
          </span>
          <span>{typingLine(names)}</span>
        </>
      ) : null}
    </div>
  );
}

/** Reads new messages from others aloud for screen readers, one at a time, without re-reading history. */
function useAnnouncement(messages: readonly ChatMessage[] | undefined, viewerId: number): string {
  const [text, setText] = useState('');
  const lastKey = useRef<string | null | undefined>(undefined);
  const last = messages?.at(-1);
  useEffect(() => {
    if (!messages) return;
    const previous = lastKey.current;
    lastKey.current = last?.key ?? null;
    // The first render of a thread is history, not news.
    if (previous === undefined || !last || last.key === previous || last.authorId === viewerId || last.deleted) return;
    setText(`${last.username}: ${last.content}`);
  }, [messages, last, viewerId]);
  return text;
}

/** One open conversation: its header, history, typing line and composer. */
export function ThreadView({ threadKey, invitation }: { threadKey: ThreadKey; invitation?: Invitation }) {
  const chat = useChat();
  const { state, viewer, showThread } = chat;
  const thread = state.threads[threadKey];
  const target = parseThreadKey(threadKey);
  const room = target.kind === 'room' ? state.rooms.find((r) => r.name === target.room) : undefined;
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [deleteState, setDeleteState] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const announcement = useAnnouncement(thread?.messages, viewer.id);

  useEffect(() => {
    showThread(threadKey);
    return () => showThread(null);
  }, [threadKey, showThread]);

  const lastOwnSeenKey = (() => {
    if (target.kind !== 'dm' || !thread) return null;
    for (let i = thread.messages.length - 1; i >= 0; i--) {
      const m = thread.messages[i]!;
      if (m.authorId === viewer.id && m.status === 'sent' && !m.deleted) return m.readAt ? m.key : null;
    }
    return null;
  })();

  const onEditLast = useCallback(() => {
    const mine = thread?.messages.findLast((m) => m.authorId === viewer.id && m.id !== null && !m.deleted);
    if (!mine) return false;
    setEditing(mine.key);
    return true;
  }, [thread, viewer.id]);

  const stopEditing = useCallback(() => {
    setEditing(null);
    composerRef.current?.focus();
  }, []);

  const { edit, remove, retry, discard } = chat;
  const saveEdit = useCallback(
    async (id: number, content: string) => {
      const result = await edit(id, content);
      if (!result.ok) return result.message;
      stopEditing();
      return null;
    },
    [edit, stopEditing],
  );

  async function confirmDelete() {
    if (!deleting?.id) return;
    setDeleteState({ pending: true, error: null });
    const result = await remove(deleting.id);
    if (!result.ok) {
      setDeleteState({ pending: false, error: result.message });
      return;
    }
    setDeleteState({ pending: false, error: null });
    setDeleting(null);
    // After the dialog has closed and tried to return focus to the menu, which went with the message.
    requestAnimationFrame(() => composerRef.current?.focus());
  }

  const onRetry = useCallback((clientId: string) => retry(threadKey, clientId), [retry, threadKey]);
  const onDiscard = useCallback((clientId: string) => discard(threadKey, clientId), [discard, threadKey]);
  const onLoadOlder = useCallback(() => void chat.loadOlder(threadKey), [chat, threadKey]);
  const onDelete = useCallback((message: ChatMessage) => setDeleting(message), []);

  const moderator = isModerator(viewer.role);
  const title = target.kind === 'room' ? `#${target.room}` : (state.people[target.userId]?.displayName ?? 'this conversation');
  const canPost = target.kind === 'dm' || room?.isMember === true;

  if (thread?.status === 'missing') return <ThreadMissing kind={target.kind} />;

  return (
    <section aria-label={target.kind === 'room' ? `Room ${title}` : `Conversation with ${title}`} className="flex min-h-0 flex-1 flex-col">
      {target.kind === 'room' ? <RoomHeader name={target.room} invitation={invitation} /> : <DmHeader userId={target.userId} />}
      {!thread || thread.status === 'loading' ? (
        <div className="flex flex-1 items-center justify-center">
          <Spinner className="size-6 text-zinc-500" label="Loading messages" />
        </div>
      ) : thread.status === 'error' ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6">
          <Alert tone="error" title="We could not load these messages">
            {thread.error}
          </Alert>
          <Button variant="secondary" onClick={() => chat.reloadThread(threadKey)}>
            Try again
          </Button>
        </div>
      ) : (
        <MessageList
          label={`Messages in ${title}`}
          thread={thread}
          viewerId={viewer.id}
          intro={<Intro threadKey={threadKey} />}
          onLoadOlder={onLoadOlder}
          renderMessage={(message, header) => {
            const own = message.authorId === viewer.id;
            return (
              <MessageRow
                key={message.key}
                message={message}
                header={header}
                canEdit={own}
                canDelete={own || (moderator && target.kind === 'room')}
                editing={editing === message.key}
                seen={message.key === lastOwnSeenKey}
                onStartEdit={setEditing}
                onStopEdit={stopEditing}
                onSaveEdit={saveEdit}
                onDelete={onDelete}
                onRetry={onRetry}
                onDiscard={onDiscard}
              />
            );
          }}
        />
      )}
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <TypingLine threadKey={threadKey} />
      {canPost ? (
        <Composer
          key={threadKey}
          label={`Message ${title}`}
          draft={drafts.get(threadKey) ?? ''}
          onDraftChange={(draft) => (draft ? drafts.set(threadKey, draft) : drafts.delete(threadKey))}
          onSend={(content) => chat.send(threadKey, content)}
          onTyping={() => chat.typing(threadKey)}
          onEditLast={onEditLast}
          inputRef={composerRef}
        />
      ) : room ? (
        <JoinBar name={room.name} />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this message?"
        description="Everyone in the conversation will see “Message deleted” in its place. This cannot be undone."
        confirmLabel="Delete message"
        onConfirm={() => void confirmDelete()}
        onCancel={() => {
          setDeleting(null);
          setDeleteState({ pending: false, error: null });
        }}
        pending={deleteState.pending}
        error={deleteState.error}
      >
        {deleting ? (
          <blockquote className="line-clamp-4 rounded-lg border border-zinc-800 bg-zinc-950/60 px-3 py-2 text-sm whitespace-pre-wrap text-zinc-300">
            {deleting.content}
          </blockquote>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

function JoinBar({ name }: { name: string }) {
  const { joinRoom } = useChat();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function join() {
    setPending(true);
    setError(null);
    const result = await joinRoom(name);
    setPending(false);
    if (!result.ok) setError(result.message);
  }
  return (
    <div className="mx-4 mb-4 flex flex-col items-center gap-2 rounded-xl border border-zinc-800 bg-zinc-900/80 px-4 py-4 text-center sm:mx-5">
      <p className="text-sm text-zinc-300">
        You are reading <span className="font-semibold text-zinc-100">#{name}</span>. Join to post, follow it live and get unread counts.
      </p>
      {error ? <p className="text-sm text-red-300">{error}</p> : null}
      <Button onClick={() => void join()} loading={pending}>
        Join #{name}
      </Button>
    </div>
  );
}
