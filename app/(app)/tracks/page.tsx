import { AudioWaveform, Search, Upload } from 'lucide-react';
import type { Metadata } from 'next';
import { EmptyState } from '@/components/gear/empty-state';
import { plural } from '@/components/gear/format';
import { Pager } from '@/components/gear/pager';
import { SegmentedLinks } from '@/components/gear/segmented-links';
import { PageContainer } from '@/components/shell/app-shell';
import { TrackCard } from '@/components/tracks/track-card';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Select } from '@/components/ui/select';
import { listTagsQuery } from '@/lib/tags/schemas';
import { listTags } from '@/lib/tags/service';
import { listTracksQuery, trackSorts } from '@/lib/tracks/schemas';
import { listTracks } from '@/lib/tracks/service';
import { gearContext, returnPath, single, type SearchParams } from '../gear/_lib/server';

export const metadata: Metadata = { title: 'Tracks' };

const PAGE_SIZE = 24;
const sortLabels: Record<(typeof trackSorts)[number], string> = {
  '-created_at': 'Newest',
  '-plays': 'Most played',
  '-likes': 'Most liked',
  title: 'Title (A–Z)',
};

export default async function TracksPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = await gearContext(returnPath('/tracks', params));
  const q = single(params.q)?.trim().slice(0, 200) || undefined;
  const tag = single(params.tag)?.trim().slice(0, 40) || undefined;
  const genre = single(params.genre)?.trim().slice(0, 50) || undefined;
  const rawSort = single(params.sort);
  const sort = trackSorts.find((s) => s === rawSort) ?? '-created_at';
  const view = single(params.view) === 'list' ? 'list' : 'grid';
  const page = Math.max(1, Math.min(Number(single(params.page) ?? 1) || 1, 100_000));

  const [{ items, pagination }, tags] = await Promise.all([
    listTracks(ctx, listTracksQuery.parse({ q, tag, genre, sort, page, limit: PAGE_SIZE })),
    listTags(ctx, listTagsQuery.parse({ limit: 50 })),
  ]);
  const filtered = Boolean(q || tag || genre);

  const href = (next: Partial<{ view: string; page: number }>) => {
    const qs = new URLSearchParams();
    if (q) qs.set('q', q);
    if (tag) qs.set('tag', tag);
    if (genre) qs.set('genre', genre);
    if (sort !== '-created_at') qs.set('sort', sort);
    const v = next.view ?? view;
    if (v !== 'grid') qs.set('view', v);
    if (next.page && next.page > 1) qs.set('page', String(next.page));
    const s = qs.toString();
    return s ? `/tracks?${s}` : '/tracks';
  };

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title="Tracks"
        description="Music shared on Talas: play it, like it, and upload your own."
        actions={
          <ButtonLink href="/tracks/upload">
            <Upload className="size-4" aria-hidden="true" />
            Upload a track
          </ButtonLink>
        }
      />

      <form role="search" aria-label="Filter tracks" action="/tracks" method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_12rem_12rem_auto]">
        {view === 'list' ? <input type="hidden" name="view" value="list" /> : null}
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
          <Input name="q" type="search" defaultValue={q} aria-label="Search tracks" placeholder="Title, artist or description" className="pl-9" />
        </div>
        <Select name="tag" defaultValue={tag ?? ''} aria-label="Tag">
          <option value="">All tags</option>
          {tags.items.map((t) => (
            <option key={t.id} value={t.name}>
              {t.name} ({t.usage_count})
            </option>
          ))}
          {tag && !tags.items.some((t) => t.name === tag) ? <option value={tag}>{tag}</option> : null}
        </Select>
        <Input name="genre" defaultValue={genre} aria-label="Genre" placeholder="Genre" />
        <Select name="sort" defaultValue={sort} aria-label="Sort">
          {trackSorts.map((s) => (
            <option key={s} value={s}>
              {sortLabels[s]}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-400" aria-live="polite">
          {plural(pagination.total, 'track')}
          {filtered ? ' match' : ''}
        </p>
        <SegmentedLinks
          label="Layout"
          segments={[
            { href: href({ view: 'grid' }), label: 'Grid', current: view === 'grid' },
            { href: href({ view: 'list' }), label: 'List', current: view === 'list' },
          ]}
        />
      </div>

      {items.length === 0 ? (
        <EmptyState
          icon={<AudioWaveform className="size-6" aria-hidden="true" />}
          title={filtered ? 'No track matches these filters' : 'No tracks yet'}
          actions={
            <>
              <ButtonLink href="/tracks/upload">
                <Upload className="size-4" aria-hidden="true" />
                Upload a track
              </ButtonLink>
              {filtered ? (
                <ButtonLink href="/tracks" variant="secondary">
                  Clear filters
                </ButtonLink>
              ) : null}
            </>
          }
        >
          {filtered
            ? 'Try another tag or genre, or fewer words.'
            : 'Upload an mp3, wav, ogg, flac or m4a file: Talas draws its waveform and streams it to listeners.'}
        </EmptyState>
      ) : (
        <ul className={view === 'grid' ? 'grid gap-4 sm:grid-cols-2 lg:grid-cols-3' : 'flex flex-col gap-2'}>
          {items.map((track) => (
            <li key={track.id}>
              <TrackCard track={track} view={view} />
            </li>
          ))}
        </ul>
      )}
      <Pager pagination={pagination} label="Tracks pages" hrefFor={(p) => href({ page: p })} />
    </PageContainer>
  );
}
