import { clsx } from 'clsx';
import { Heart, Headphones } from 'lucide-react';
import Link from 'next/link';
import { formatNumber } from '@/components/gear/format';
import { formatTime } from '@/components/player/format';
import type { TrackOut } from '@/lib/tracks/schemas';
import { PlayButton } from './play-button';

export type Track = TrackOut;

export function playerTrackOf(t: Track) {
  return { id: t.id, title: t.title, artist: t.artist, duration: t.duration, mime_type: t.mime_type };
}

function Stats({ track }: { track: Track }) {
  return (
    <span className="flex items-center gap-3 text-xs text-zinc-400 tabular-nums">
      <span className="inline-flex items-center gap-1" title="Plays">
        <Headphones className="size-3.5" aria-hidden="true" />
        <span className="sr-only">Plays: </span>
        {formatNumber(track.plays)}
      </span>
      <span className="inline-flex items-center gap-1" title="Likes">
        <Heart className="size-3.5" aria-hidden="true" />
        <span className="sr-only">Likes: </span>
        {formatNumber(track.likes)}
      </span>
      <span>{formatTime(track.duration)}</span>
    </span>
  );
}

/** A track in the tracks grid or list: waveform image, title, artist, counts and a play button. */
export function TrackCard({ track, view }: { track: Track; view: 'grid' | 'list' }) {
  const waveform = (
    // eslint-disable-next-line @next/next/no-img-element -- a same-origin SVG drawn by the API
    <img
      src={`/api/v1/tracks/${track.id}/waveform.svg?width=600&height=80&color=%238b5cf6`}
      alt=""
      width={600}
      height={80}
      loading="lazy"
      className={clsx('w-full object-fill', view === 'grid' ? 'h-16' : 'h-10')}
    />
  );
  return (
    <article
      className={clsx(
        'rounded-2xl border border-zinc-800 bg-zinc-900/50 transition-colors hover:border-zinc-700',
        view === 'grid' ? 'flex flex-col gap-3 p-4' : 'flex items-center gap-4 px-4 py-3',
      )}
    >
      <div className="flex min-w-0 items-center gap-3 sm:w-auto">
        <PlayButton track={playerTrackOf(track)} />
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-zinc-50">
            <Link href={`/tracks/${track.id}`} className="hover:underline">
              {track.title}
            </Link>
          </h3>
          <p className="truncate text-xs text-zinc-400">
            {track.artist}
            {track.genre ? ` · ${track.genre}` : ''}
            {track.is_public ? '' : ' · Private'}
          </p>
        </div>
      </div>
      <div className={clsx(view === 'list' ? 'hidden min-w-0 flex-1 md:block' : '')}>{waveform}</div>
      <div className={clsx(view === 'list' ? 'ml-auto shrink-0' : '')}>
        <Stats track={track} />
      </div>
    </article>
  );
}
