import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDate } from '@/components/gear/format';
import { formatTime } from '@/components/player/format';
import { PageContainer } from '@/components/shell/app-shell';
import { Badge } from '@/components/ui/badge';
import { LikeButton } from '@/components/tracks/like-button';
import { OwnerActions } from '@/components/tracks/owner-actions';
import { PlayButton } from '@/components/tracks/play-button';
import { PlayCount } from '@/components/tracks/play-count';
import { playerTrackOf } from '@/components/tracks/track-card';
import { TrackWaveform } from '@/components/tracks/track-waveform';
import { getTrack } from '@/lib/tracks/service';
import { gearContext, idFrom, orNotFound } from '../../gear/_lib/server';

export const metadata: Metadata = { title: 'Track' };

export default async function TrackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = idFrom(raw);
  const ctx = await gearContext(`/tracks/${id}`);
  const track = await orNotFound(getTrack(ctx, id));
  const isOwner = track.user.id === ctx.user.id;
  const playerTrack = playerTrackOf(track);

  return (
    <PageContainer className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-400">
        <Link href="/tracks" className="hover:text-zinc-100 hover:underline">
          Tracks
        </Link>
        <span aria-hidden="true"> / </span>
        <span className="text-zinc-200">{track.title}</span>
      </nav>
      <header className="flex flex-wrap items-center gap-4">
        <PlayButton track={playerTrack} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-zinc-50 sm:text-3xl">{track.title}</h1>
          <p className="mt-1 text-zinc-400">
            {track.artist} · uploaded by{' '}
            <Link href={`/users/${track.user.username}`} className="text-zinc-200 hover:underline">
              {track.user.username}
            </Link>{' '}
            · {formatDate(track.created_at)}
            {track.is_public ? '' : ' · Private'}
          </p>
        </div>
      </header>

      <TrackWaveform track={playerTrack} />

      <div className="flex flex-wrap items-center gap-4 text-sm text-zinc-300">
        <LikeButton trackId={track.id} likes={track.likes} liked={track.liked_by_me} />
        <PlayCount trackId={track.id} plays={track.plays} />
        <span className="tabular-nums">{formatTime(track.duration)}</span>
        {track.genre ? (
          <Link href={`/tracks?genre=${encodeURIComponent(track.genre)}`} className="hover:underline">
            {track.genre}
          </Link>
        ) : null}
      </div>

      {track.tags.length > 0 ? (
        <ul aria-label="Tags" className="flex flex-wrap gap-2">
          {track.tags.map((t) => (
            <li key={t}>
              <Link href={`/tracks?tag=${encodeURIComponent(t)}`}>
                <Badge tone="accent">#{t}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      {track.description ? <p className="max-w-3xl whitespace-pre-line text-zinc-300">{track.description}</p> : null}

      {isOwner ? <OwnerActions track={track} /> : null}
    </PageContainer>
  );
}
