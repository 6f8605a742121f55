'use client';

import { clsx } from 'clsx';
import { Loader2, Pause, Play, Volume2, VolumeX } from 'lucide-react';
import Link from 'next/link';
import { formatTime } from './format';
import { usePlayer } from './player-provider';

const range =
  'h-1.5 w-full cursor-pointer appearance-none rounded-full bg-zinc-700 accent-violet-500 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-violet-400';

/** The bar fixed at the bottom of the app: what plays, and its controls. */
export function BottomPlayer() {
  const player = usePlayer();
  const { track, playing, loading, position, duration, volume, muted, error } = player;
  if (!track) return null;
  const shownVolume = muted ? 0 : volume;
  return (
    <section
      aria-label="Player"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-zinc-800 bg-zinc-950/95 px-3 py-2 backdrop-blur supports-[backdrop-filter]:bg-zinc-950/80 sm:px-6"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 sm:flex-nowrap">
        <button
          type="button"
          onClick={() => player.toggle()}
          aria-label={playing ? 'Pause' : 'Play'}
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-violet-600 text-white hover:bg-violet-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400"
        >
          {loading ? (
            <Loader2 className="size-5 animate-spin" aria-hidden="true" />
          ) : playing ? (
            <Pause className="size-5" aria-hidden="true" />
          ) : (
            <Play className="size-5 translate-x-px" aria-hidden="true" />
          )}
        </button>
        <div className="min-w-0 flex-1 sm:w-56 sm:flex-none">
          <Link href={`/tracks/${track.id}`} className="block truncate text-sm font-medium text-zinc-50 hover:underline">
            {track.title}
          </Link>
          <p className="truncate text-xs text-zinc-400">{error ?? track.artist}</p>
        </div>
        <div className="order-last flex w-full items-center gap-2 sm:order-none sm:flex-1">
          <span className="w-12 shrink-0 text-right text-xs text-zinc-400 tabular-nums" data-testid="player-time">
            {formatTime(position)}
          </span>
          <input
            type="range"
            aria-label="Seek"
            min={0}
            max={Math.max(duration, 0.01)}
            step={0.1}
            value={Math.min(position, duration || position)}
            aria-valuetext={`${formatTime(position)} of ${formatTime(duration)}`}
            onChange={(e) => player.seek(Number(e.target.value))}
            onKeyDown={(e) => {
              // The native step (0.1 s) is too fine for the keyboard: arrows move 5 s, Page keys 30 s.
              const step = { ArrowLeft: -5, ArrowDown: -5, ArrowRight: 5, ArrowUp: 5, PageDown: -30, PageUp: 30 }[e.key];
              if (step === undefined) return;
              e.preventDefault();
              player.seek(position + step);
            }}
            className={range}
          />
          <span className="w-12 shrink-0 text-xs text-zinc-400 tabular-nums">{formatTime(duration)}</span>
        </div>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => player.toggleMute()}
            aria-label={muted ? 'Unmute' : 'Mute'}
            aria-pressed={muted}
            className="inline-flex size-9 items-center justify-center rounded-lg text-zinc-300 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-violet-400"
          >
            {muted || volume === 0 ? <VolumeX className="size-4" aria-hidden="true" /> : <Volume2 className="size-4" aria-hidden="true" />}
          </button>
          <input
            type="range"
            aria-label="Volume"
            min={0}
            max={1}
            step={0.05}
            value={shownVolume}
            aria-valuetext={`${Math.round(shownVolume * 100)}%`}
            onChange={(e) => player.setVolume(Number(e.target.value))}
            className={clsx(range, 'w-20 sm:w-24')}
          />
        </div>
      </div>
    </section>
  );
}
