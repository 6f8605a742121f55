import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/gear/empty-state';
import { daysLeftLabel, formatDate } from '@/components/gear/format';
import { Pager } from '@/components/gear/pager';
import { SegmentedLinks } from '@/components/gear/segmented-links';
import { warrantyTabs, type WarrantyItem, type WarrantyTab } from '@/components/gear/types';
import { GearStatusBadge, WarrantyBadge } from '@/components/gear/warranty';
import { PageContainer } from '@/components/shell/app-shell';
import { ButtonLink } from '@/components/ui/button-link';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { warrantyQuery } from '@/lib/collection/schemas';
import { listWarranties } from '@/lib/collection/service';
import { gearContext, returnPath, single, type SearchParams } from '../_lib/server';

export const metadata: Metadata = { title: 'Warranty · Gear' };

const PAGE_SIZE = 25;

const emptyText: Record<WarrantyTab, { title: string; body: string }> = {
  expiring: { title: 'Nothing expires in the next 30 days', body: 'Warranties that end within a month show up here, so you can get a repair in on time.' },
  expired: { title: 'No expired warranties', body: 'Items whose warranty has ended appear here.' },
  active: { title: 'No active warranties', body: 'Add a purchase date to your gear and its warranty is counted from the catalogue.' },
  all: { title: 'No warranty dates yet', body: 'Add a purchase date to your gear and its warranty is counted from the catalogue.' },
};

function DaysLeft({ item }: { item: WarrantyItem }) {
  const tone = item.days_left < 0 ? 'text-red-300' : item.days_left <= 30 ? 'text-amber-200' : 'text-zinc-300';
  return <span className={`tabular-nums ${tone}`}>{daysLeftLabel(item.days_left)}</span>;
}

export default async function WarrantyPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = await gearContext(returnPath('/gear/warranty', params));
  const raw = single(params.filter);
  const tab: WarrantyTab = warrantyTabs.some((t) => t.value === raw) ? (raw as WarrantyTab) : 'expiring';
  const page = Math.max(1, Math.min(Number(single(params.page) ?? 1) || 1, 100_000));
  const filterOf = (t: WarrantyTab) => (t === 'all' ? undefined : t);

  const [list, ...totals] = await Promise.all([
    listWarranties(ctx, warrantyQuery.parse({ filter: filterOf(tab), page, limit: PAGE_SIZE })),
    ...warrantyTabs.map((t) => listWarranties(ctx, warrantyQuery.parse({ filter: filterOf(t.value), limit: 1 }))),
  ]);
  const { items, pagination } = list;
  const href = (t: WarrantyTab, p = 1) => `/gear/warranty?filter=${t}${p > 1 ? `&page=${p}` : ''}`;

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title="Warranty"
        description="See what is still covered, what runs out soon and what has expired, soonest first."
      />
      <SegmentedLinks
        label="Warranty filter"
        segments={warrantyTabs.map((t, i) => ({
          href: href(t.value),
          label: t.label,
          count: totals[i]!.pagination.total,
          current: t.value === tab,
        }))}
      />
      {items.length === 0 ? (
        <EmptyState
          icon={<ShieldCheck className="size-6" aria-hidden="true" />}
          title={emptyText[tab].title}
          actions={
            <ButtonLink href="/gear" variant="secondary">
              Go to my gear
            </ButtonLink>
          }
        >
          {emptyText[tab].body}
        </EmptyState>
      ) : (
        <section aria-label={`${warrantyTabs.find((t) => t.value === tab)!.label} warranties`} className="flex flex-col gap-4">
          {/* Cards on small screens, a table from md up. */}
          <ul className="flex flex-col gap-3 md:hidden">
            {items.map((item) => (
              <li key={item.id}>
                <Link
                  href={`/gear/${item.id}`}
                  className="flex flex-col gap-2 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4 hover:border-violet-500/40"
                >
                  <span className="flex items-start justify-between gap-3">
                    <span className="min-w-0">
                      <span className="block truncate font-medium text-zinc-50">{item.product_name}</span>
                      <span className="block truncate text-sm text-zinc-400">{[item.brand, item.model !== item.product_name ? item.model : null].filter(Boolean).join(' · ')}</span>
                    </span>
                    <GearStatusBadge status={item.status} />
                  </span>
                  <span className="flex flex-wrap items-center justify-between gap-2 text-sm">
                    <WarrantyBadge expires={item.warranty_expires} daysLeft={item.days_left} detail={false} />
                    <span className="text-zinc-400">
                      {formatDate(item.warranty_expires)} · <DaysLeft item={item} />
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <Card className="hidden overflow-hidden md:block">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                Warranties, page {pagination.page} of {pagination.pages}
              </caption>
              <thead className="border-b border-zinc-800 bg-zinc-900 text-xs tracking-wide text-zinc-400 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">Item</th>
                  <th scope="col" className="px-4 py-3 font-medium">Status</th>
                  <th scope="col" className="px-4 py-3 font-medium">Warranty</th>
                  <th scope="col" className="px-4 py-3 font-medium">Expires</th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">Days left</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-800/80">
                {items.map((item) => (
                  <tr key={item.id} className="hover:bg-zinc-800/30">
                    <td className="px-4 py-3">
                      <Link href={`/gear/${item.id}`} className="group flex flex-col">
                        <span className="font-medium text-zinc-50 group-hover:text-violet-200">{item.product_name}</span>
                        <span className="text-xs text-zinc-400">
                          {[item.brand, item.serial_number ? `S/N ${item.serial_number}` : null].filter(Boolean).join(' · ')}
                        </span>
                      </Link>
                    </td>
                    <td className="px-4 py-3">
                      <GearStatusBadge status={item.status} />
                    </td>
                    <td className="px-4 py-3">
                      <WarrantyBadge expires={item.warranty_expires} daysLeft={item.days_left} detail={false} />
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap text-zinc-300">{formatDate(item.warranty_expires)}</td>
                    <td className="px-4 py-3 text-right whitespace-nowrap">
                      <DaysLeft item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Pager pagination={pagination} label="Warranty pages" hrefFor={(p) => href(tab, p)} />
        </section>
      )}
    </PageContainer>
  );
}
