'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { clsx } from 'clsx';
import { CircleAlert, Ellipsis, Pencil, Trash2 } from 'lucide-react';
import { memo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatNumber, plural } from '@/components/gear/format';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { formatFullTimestamp, formatTime } from './format';
import { MessageText } from './message-text';
import { useAutosize } from './use-autosize';
import { MAX_MESSAGE_LENGTH, type ChatMessage } from './types';

const itemClasses =
  'flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-zinc-200 outline-none select-none ' +
  'data-[highlighted]:bg-zinc-800 data-[highlighted]:text-zinc-50';

interface MessageRowProps {
  message: ChatMessage;
  /** The first of a group: shows the avatar, the name and the time. */
  header: boolean;
  canEdit: boolean;
  canDelete: boolean;
  editing: boolean;
  /** "Seen" under the viewer's last direct message once the other person read it. */
  seen: boolean;
  onStartEdit: (key: string) => void;
  onStopEdit: () => void;
  onSaveEdit: (id: number, content: string) => Promise<string | null>;
  onDelete: (message: ChatMessage) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

function EditForm({ message, onCancel, onSave }: { message: ChatMessage; onCancel: () => void; onSave: (content: string) => Promise<string | null> }) {
  const [value, setValue] = useState(message.content);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useAutosize(ref, value);
  const trimmed = value.trim();
  const tooLong = trimmed.length > MAX_MESSAGE_LENGTH;

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!trimmed || tooLong || pending) return;
    if (trimmed === message.content) return onCancel();
    setPending(true);
    setError(await onSave(trimmed));
    setPending(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <form onSubmit={save} aria-label="Edit message" className="mt-1 flex flex-col gap-2">
      <textarea
        ref={ref}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        aria-label="Edit message"
        aria-invalid={tooLong || undefined}
        rows={1}
        autoFocus
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
        className="block max-h-60 w-full resize-none rounded-lg border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm leading-relaxed text-zinc-100 focus-visible:border-violet-400 focus-visible:ring-2 focus-visible:ring-violet-400/40 focus-visible:outline-hidden aria-invalid:border-red-400"
      />
      {error ? (
        <p role="alert" className="flex items-center gap-1.5 text-xs text-red-300">
          <CircleAlert className="size-3.5" aria-hidden="true" />
          {error}
        </p>
      ) : tooLong ? (
        <p role="alert" className="text-xs text-red-300">
          {plural(trimmed.length - MAX_MESSAGE_LENGTH, 'character')} over the {formatNumber(MAX_MESSAGE_LENGTH)} limit.
        </p>
      ) : null}
      <div className="flex items-center gap-2 text-xs text-zinc-500">
        <Button size="sm" type="submit" loading={pending} disabled={!trimmed || tooLong}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <span className="hidden sm:inline">Enter to save · Escape to cancel</span>
      </div>
    </form>
  );
}

/** One message: its text with links, "edited", "deleted", sending state, and the author's actions. */
export const MessageRow = memo(function MessageRow({
  message,
  header,
  canEdit,
  canDelete,
  editing,
  seen,
  onStartEdit,
  onStopEdit,
  onSaveEdit,
  onDelete,
  onRetry,
  onDiscard,
}: MessageRowProps) {
  const time = formatTime(message.timestamp);
  const hasActions = message.id !== null && !message.deleted && !editing && (canEdit || canDelete);

  return (
    <li
      data-message-id={message.id ?? undefined}
      data-status={message.status}
      className={clsx(
        'group relative flex gap-3 px-4 py-0.5 hover:bg-zinc-800/25 focus-within:bg-zinc-800/25 sm:px-5',
        header && 'mt-3',
        editing && 'bg-violet-500/5 hover:bg-violet-500/5',
      )}
    >
      <div className="w-9 shrink-0">
        {header ? (
          <Avatar name={message.username} src={message.avatar} size="sm" className="mt-0.5 size-9" />
        ) : (
          <time
            dateTime={message.timestamp}
            title={formatFullTimestamp(message.timestamp)}
            className="invisible -ml-2 block pt-0.5 text-right text-[0.625rem] leading-6 whitespace-nowrap text-zinc-500 tabular-nums group-hover:visible group-focus-within:visible"
            aria-hidden="true"
          >
            {time}
          </time>
        )}
      </div>
      <div className="min-w-0 flex-1">
        {header ? (
          <p className="flex items-baseline gap-2">
            <span className="truncate text-sm font-semibold text-zinc-100">{message.username}</span>
            <time dateTime={message.timestamp} title={formatFullTimestamp(message.timestamp)} className="shrink-0 text-xs text-zinc-500">
              {time}
            </time>
          </p>
        ) : (
          <span className="sr-only">
            {message.username}, {time}:
          </span>
        )}
        {editing && message.id !== null ? (
          <EditForm message={message} onCancel={onStopEdit} onSave={(content) => onSaveEdit(message.id!, content)} />
        ) : message.deleted ? (
          <p className="flex items-center gap-1.5 text-sm text-zinc-500 italic">
            <Trash2 className="size-3.5" aria-hidden="true" />
            Message deleted
          </p>
        ) : (
          <p className={clsx('text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-200', message.status !== 'sent' && 'text-zinc-400')}>
            <MessageText content={message.content} />
            {message.editedAt ? (
              <span className="ml-1.5 text-xs text-zinc-500" title={`Edited ${formatFullTimestamp(message.editedAt)}`}>
                (edited)
              </span>
            ) : null}
          </p>
        )}
        {message.status === 'pending' ? (
          <p className="mt-0.5 flex items-center gap-1.5 text-xs text-zinc-500">
            <Spinner className="size-3" />
            Sending…
          </p>
        ) : message.status === 'failed' ? (
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-red-300">
            <CircleAlert className="size-3.5" aria-hidden="true" />
            <span>Not sent{message.error ? `: ${message.error}` : '.'}</span>
            <button type="button" onClick={() => onRetry(message.clientId!)} className="font-medium text-red-200 underline underline-offset-2 hover:text-red-100">
              Retry
            </button>
            <button type="button" onClick={() => onDiscard(message.clientId!)} className="text-zinc-400 underline underline-offset-2 hover:text-zinc-200">
              Discard
            </button>
          </p>
        ) : seen ? (
          <p className="mt-0.5 text-xs text-zinc-500">Seen</p>
        ) : null}
      </div>
      {hasActions ? (
        <div className="absolute -top-3 right-4 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 has-[[data-state=open]]:opacity-100 [@media(hover:none)]:opacity-100">
          <DropdownMenu.Root>
            <DropdownMenu.Trigger
              aria-label={`Actions for the message from ${message.username} at ${time}`}
              className="inline-flex size-7 items-center justify-center rounded-md border border-zinc-700 bg-zinc-900 text-zinc-300 shadow-sm hover:bg-zinc-800 hover:text-zinc-50 focus-visible:outline-2 focus-visible:outline-violet-400 data-[state=open]:bg-zinc-800"
            >
              <Ellipsis className="size-4" aria-hidden="true" />
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content
                align="end"
                sideOffset={4}
                collisionPadding={12}
                className="z-50 w-44 rounded-xl border border-zinc-800 bg-zinc-900 p-1.5 shadow-2xl shadow-black/50"
              >
                {canEdit ? (
                  <DropdownMenu.Item className={itemClasses} onSelect={() => onStartEdit(message.key)}>
                    <Pencil className="size-4 text-zinc-400" aria-hidden="true" />
                    Edit message
                  </DropdownMenu.Item>
                ) : null}
                {canDelete ? (
                  <DropdownMenu.Item className={clsx(itemClasses, 'text-red-300 data-[highlighted]:text-red-200')} onSelect={() => onDelete(message)}>
                    <Trash2 className="size-4" aria-hidden="true" />
                    Delete message
                  </DropdownMenu.Item>
                ) : null}
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        </div>
      ) : null}
    </li>
  );
});
