import { FileText, Paperclip } from 'lucide-react';
import Link from 'next/link';
import { formatDate, formatPrice, plural } from './format';
import type { GearItem } from './types';
import { GearStatusBadge, WarrantyBadge } from './warranty';

/** One item of the collection, as a card: the whole card opens the item. */
export function GearCard({ item }: { item: GearItem }) {
  const makeModel = [item.brand, item.model && item.model !== item.product_name ? item.model : null].filter(Boolean).join(' · ');
  return (
    <article className="group relative flex h-full flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5 transition-colors hover:border-violet-500/40 hover:bg-zinc-900 has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-violet-400">
      <div className="flex flex-wrap items-center gap-2">
        <GearStatusBadge status={item.status} />
        <WarrantyBadge expires={item.warranty_expires} />
      </div>
      <div className="flex min-w-0 flex-col gap-0.5">
        <h3 className="text-base font-semibold break-words text-zinc-50 group-hover:text-violet-100">
          <Link href={`/gear/${item.id}`} className="after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none">
            {item.product_name}
          </Link>
        </h3>
        {makeModel ? <p className="truncate text-sm text-zinc-400">{makeModel}</p> : null}
        {item.category_name ? <p className="text-xs text-zinc-500">{item.category_name}</p> : null}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <div className="col-span-2 min-w-0">
          <dt className="text-xs text-zinc-500">Serial number</dt>
          <dd className="truncate font-mono text-zinc-200">{item.serial_number ?? <span className="font-sans text-zinc-500">—</span>}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Purchased</dt>
          <dd className="text-zinc-200">{formatDate(item.purchase_date)}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Price</dt>
          <dd className="text-zinc-200 tabular-nums">{formatPrice(item.purchase_price)}</dd>
        </div>
      </dl>
      <p className="mt-auto flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-zinc-800/80 pt-3 text-xs text-zinc-400">
        <span className="inline-flex items-center gap-1.5">
          <Paperclip className="size-3.5" aria-hidden="true" />
          {plural(item.files_count, 'file')}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <FileText className="size-3.5" aria-hidden="true" />
          {plural(item.docs_count, 'document')}
        </span>
      </p>
    </article>
  );
}
