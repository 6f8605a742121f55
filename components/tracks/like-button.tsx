'use client';

import { clsx } from 'clsx';
import { Heart } from 'lucide-react';
import { useState } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { formatNumber } from '@/components/gear/format';

/** Like / unlike, with the count; aria-pressed says whether I like it. */
export function LikeButton({ trackId, likes: initialLikes, liked: initialLiked }: { trackId: number; likes: number; liked: boolean }) {
  const [state, setState] = useState({ likes: initialLikes, liked: initialLiked });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    setPending(true);
    setError(null);
    const result = await apiRequest<{ likes: number; liked_by_me: boolean }>(state.liked ? 'DELETE' : 'POST', `/tracks/${trackId}/like`);
    setPending(false);
    if (result.ok) setState({ likes: result.data.likes, liked: result.data.liked_by_me });
    else setError(result.message);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        aria-pressed={state.liked}
        aria-label="Like"
        className={clsx(
          'inline-flex h-10 items-center gap-2 rounded-lg border px-4 text-sm font-medium transition-colors',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:opacity-60',
          state.liked ? 'border-pink-500/40 bg-pink-500/15 text-pink-200 hover:bg-pink-500/25' : 'border-zinc-700 bg-zinc-900 text-zinc-100 hover:bg-zinc-800',
        )}
      >
        <Heart className={clsx('size-4', state.liked && 'fill-current')} aria-hidden="true" />
        <span data-testid="like-count" className="tabular-nums">
          {formatNumber(state.likes)}
        </span>
        <span className="sr-only">{state.likes === 1 ? 'like' : 'likes'}</span>
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
