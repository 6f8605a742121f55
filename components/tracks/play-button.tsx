'use client';

import { clsx } from 'clsx';
import { Pause, Play } from 'lucide-react';
import { usePlayer, type PlayerTrack } from '@/components/player/player-provider';

/** Starts (or pauses) a track in the bottom player. */
export function PlayButton({ track, size = 'md', className }: { track: PlayerTrack; size?: 'md' | 'lg'; className?: string }) {
  const player = usePlayer();
  const current = player.track?.id === track.id;
  const playing = current && player.playing;
  return (
    <button
      type="button"
      onClick={() => player.play(track)}
      aria-label={`${playing ? 'Pause' : 'Play'} ${track.title}`}
      className={clsx(
        'inline-flex shrink-0 items-center justify-center rounded-full bg-violet-600 text-white shadow-sm transition-colors hover:bg-violet-500',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400',
        size === 'lg' ? 'size-14' : 'size-10',
        className,
      )}
    >
      {playing ? (
        <Pause className={size === 'lg' ? 'size-6' : 'size-4'} aria-hidden="true" />
      ) : (
        <Play className={clsx(size === 'lg' ? 'size-6' : 'size-4', 'translate-x-px')} aria-hidden="true" />
      )}
    </button>
  );
}
