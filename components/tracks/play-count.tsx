'use client';

import { Headphones } from 'lucide-react';
import { formatNumber } from '@/components/gear/format';
import { usePlayer } from '@/components/player/player-provider';

/** The track's play count, updated when the bottom player counts a play of it. */
export function PlayCount({ trackId, plays }: { trackId: number; plays: number }) {
  const { lastCounted } = usePlayer();
  const count = lastCounted?.id === trackId ? Math.max(plays, lastCounted.plays) : plays;
  return (
    <span className="inline-flex items-center gap-1.5 tabular-nums" data-testid="play-count">
      <Headphones className="size-4 text-zinc-400" aria-hidden="true" />
      {formatNumber(count)} {count === 1 ? 'play' : 'plays'}
    </span>
  );
}
