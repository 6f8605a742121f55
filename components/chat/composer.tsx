'use client';

import { clsx } from 'clsx';
import { SendHorizontal } from 'lucide-react';
import { useId, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { formatNumber, plural } from '@/components/gear/format';
import { useAutosize } from './use-autosize';
import { MAX_MESSAGE_LENGTH } from './types';

/** The counter appears this close to the limit. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 500;

interface ComposerProps {
  /** "Message #synths", "Message Ava": the placeholder and the accessible name. */
  label: string;
  draft: string;
  onDraftChange: (draft: string) => void;
  onSend: (content: string) => void;
  onTyping: () => void;
  /** Arrow Up in an empty composer edits the viewer's last message, as in Slack. */
  onEditLast: () => boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** Enter sends, Shift+Enter adds a line; up to 4000 characters, with a counter near the limit. */
export function Composer({ label, draft, onDraftChange, onSend, onTyping, onEditLast, inputRef }: ComposerProps) {
  const [value, setValue] = useState(draft);
  useAutosize(inputRef, value);
  const hintId = useId();
  const counterId = useId();
  const content = value.trim();
  const remaining = MAX_MESSAGE_LENGTH - content.length;
  const canSend = content.length > 0 && remaining >= 0;

  function change(next: string) {
    setValue(next);
    onDraftChange(next);
    if (next.trim()) onTyping();
  }

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    onSend(content);
    change('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter while an input method composes (Japanese, Chinese…) confirms the composition instead.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'ArrowUp' && value === '' && onEditLast()) {
      event.preventDefault();
    }
  }

  return (
    <form onSubmit={send} aria-label={label} className="px-4 pb-3 sm:px-5 sm:pb-4">
      <div
        className={clsx(
          'flex items-end gap-2 rounded-xl border bg-zinc-900 py-1.5 pr-1.5 pl-3 shadow-sm transition-colors',
          'focus-within:ring-2',
          remaining < 0
            ? 'border-red-400 focus-within:ring-red-400/40'
            : 'border-zinc-700 focus-within:border-violet-400 focus-within:ring-violet-400/40 hover:border-zinc-600',
        )}
      >
        <textarea
          ref={inputRef}
          value={value}
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          aria-label={label}
          aria-describedby={`${hintId} ${counterId}`}
          aria-invalid={remaining < 0 || undefined}
          placeholder={label}
          className="max-h-48 min-h-9 flex-1 resize-none bg-transparent py-1.5 text-sm leading-relaxed text-zinc-100 placeholder:text-zinc-500 focus:outline-hidden"
        />
        <button
          type="submit"
          disabled={!canSend}
          aria-label="Send message"
          title="Send (Enter)"
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-violet-600 text-white transition-colors hover:bg-violet-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:bg-zinc-800 disabled:text-zinc-500"
        >
          <SendHorizontal className="size-4" aria-hidden="true" />
        </button>
      </div>
      <div className="mt-1 flex min-h-4 items-center justify-between gap-3 px-1 text-[0.6875rem] text-zinc-500">
        <span id={hintId} className="hidden sm:inline">
          <kbd className="font-sans font-medium text-zinc-400">Enter</kbd> to send · <kbd className="font-sans font-medium text-zinc-400">Shift + Enter</kbd>{' '}
          for a new line
        </span>
        <span id={counterId} aria-live="polite" className={clsx('ml-auto tabular-nums', remaining < 0 ? 'font-medium text-red-300' : remaining < 100 && 'text-amber-200')}>
          {content.length > COUNTER_FROM
            ? remaining >= 0
              ? `${plural(remaining, 'character')} left`
              : `${plural(-remaining, 'character')} over the ${formatNumber(MAX_MESSAGE_LENGTH)} limit`
            : ''}
        </span>
      </div>
    </form>
  );
}
