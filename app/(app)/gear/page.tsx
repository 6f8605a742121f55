import { BookOpen, Guitar, Plus, Search, ShieldAlert } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/gear/empty-state';
import { plural } from '@/components/gear/format';
import { GearCard } from '@/components/gear/gear-card';
import { Pager } from '@/components/gear/pager';
import { SegmentedLinks } from '@/components/gear/segmented-links';
import { gearStatuses, type GearStatus } from '@/components/gear/types';
import { gearStatusLabels } from '@/components/gear/warranty';
import { PageContainer } from '@/components/shell/app-shell';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { listGearQuery, warrantyQuery } from '@/lib/collection/schemas';
import { listGearItems, listWarranties } from '@/lib/collection/service';
import { gearContext, returnPath, single, type SearchParams } from './_lib/server';

export const metadata: Metadata = { title: 'My gear' };

const PAGE_SIZE = 24;

export default async function MyGearPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = await gearContext(returnPath('/gear', params));
  const rawStatus = single(params.status);
  const status = gearStatuses.includes(rawStatus as GearStatus) ? (rawStatus as GearStatus) : undefined;
  const q = single(params.q)?.trim().slice(0, 100) || undefined;
  const pageNumber = Math.max(1, Math.min(Number(single(params.page) ?? 1) || 1, 100_000));

  const [{ items, pagination }, all, expiring] = await Promise.all([
    listGearItems(ctx, listGearQuery.parse({ status, q, page: pageNumber, limit: PAGE_SIZE })),
    listGearItems(ctx, listGearQuery.parse({ limit: 1 })),
    listWarranties(ctx, warrantyQuery.parse({ filter: 'expiring', limit: 1 })),
  ]);
  const collectionSize = all.pagination.total;
  const expiringCount = expiring.pagination.total;

  const href = (next: { status?: string; page?: number }) => {
    const qs = new URLSearchParams();
    if (q) qs.set('q', q);
    if (next.status) qs.set('status', next.status);
    if (next.page && next.page > 1) qs.set('page', String(next.page));
    const s = qs.toString();
    return s ? `/gear?${s}` : '/gear';
  };

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title="My gear"
        description={
          collectionSize > 0
            ? `${plural(collectionSize, 'item')} in your collection, with warranties and documents.`
            : 'Your instruments and studio gear, with serial numbers, warranties and manuals in one place.'
        }
        actions={
          <>
            <ButtonLink href="/gear/catalogue" variant="secondary">
              <BookOpen className="size-4" aria-hidden="true" />
              Browse catalogue
            </ButtonLink>
            <ButtonLink href="/gear/new">
              <Plus className="size-4" aria-hidden="true" />
              Add gear
            </ButtonLink>
          </>
        }
      />

      {collectionSize === 0 ? (
        <EmptyState
          icon={<Guitar className="size-6" aria-hidden="true" />}
          title="Your collection is empty"
          actions={
            <>
              <ButtonLink href="/gear/new">
                <Plus className="size-4" aria-hidden="true" />
                Add your first item
              </ButtonLink>
              <ButtonLink href="/gear/catalogue" variant="secondary">
                Browse the catalogue
              </ButtonLink>
            </>
          }
        >
          Add the gear you own to keep its serial number, purchase details and manuals together, and get a heads-up before
          a warranty runs out.
        </EmptyState>
      ) : (
        <>
          {expiringCount > 0 ? (
            <Link
              href="/gear/warranty?filter=expiring"
              className="flex items-center gap-3 rounded-xl border border-amber-400/30 bg-amber-500/10 px-4 py-3 text-sm text-amber-100 transition-colors hover:bg-amber-500/15"
            >
              <ShieldAlert className="size-5 shrink-0 text-amber-300" aria-hidden="true" />
              <span className="flex-1">
                {expiringCount === 1 ? '1 warranty expires' : `${expiringCount} warranties expire`} in the next 30 days.
              </span>
              <span className="font-medium whitespace-nowrap underline underline-offset-4">Review warranties</span>
            </Link>
          ) : null}

          <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
            <SegmentedLinks
              label="Filter by status"
              segments={[
                { href: href({}), label: 'All', current: !status },
                ...gearStatuses.map((s) => ({ href: href({ status: s }), label: gearStatusLabels[s], current: status === s })),
              ]}
            />
            <form role="search" action="/gear" method="get" className="flex gap-2 lg:w-96">
              {status ? <input type="hidden" name="status" value={status} /> : null}
              <div className="relative flex-1">
                <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
                <Input
                  name="q"
                  type="search"
                  defaultValue={q}
                  aria-label="Search my gear"
                  placeholder="Name, brand, model or serial"
                  className="pl-9"
                />
              </div>
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </form>
          </div>

          <section aria-labelledby="gear-list-heading" className="flex flex-col gap-4">
            <h2 id="gear-list-heading" className="text-sm font-medium text-zinc-400">
              {plural(pagination.total, 'item')}
              {status ? ` · ${gearStatusLabels[status]}` : ''}
              {q ? ` matching “${q}”` : ''}
            </h2>
            {items.length > 0 ? (
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {items.map((item) => (
                  <li key={item.id}>
                    <GearCard item={item} />
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState
                icon={<Search className="size-6" aria-hidden="true" />}
                title={q ? `Nothing matches “${q}”` : `No ${gearStatusLabels[status ?? 'active'].toLowerCase()} items`}
                actions={
                  <ButtonLink href="/gear" variant="secondary">
                    Show all gear
                  </ButtonLink>
                }
              >
                {q ? 'Try the product name, the brand or part of the serial number.' : 'Items you mark with this status appear here.'}
              </EmptyState>
            )}
            <Pager pagination={pagination} label="Gear pages" hrefFor={(page) => href({ status, page })} />
          </section>
        </>
      )}
    </PageContainer>
  );
}
