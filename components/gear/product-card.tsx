import { ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatPrice, formatWarrantyMonths } from './format';
import type { Product } from './types';

/** A catalogue product in a grid: the whole card is clickable, the link is named by the product. */
export function ProductCard({ product }: { product: Product }) {
  return (
    <article className="group relative flex h-full flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5 transition-colors has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-violet-400 hover:border-violet-500/40 hover:bg-zinc-900">
      <div className="flex items-start justify-between gap-3">
        {product.category_name ? <Badge>{product.category_name}</Badge> : <span />}
        {product.status === 'discontinued' ? <Badge tone="warning">Discontinued</Badge> : null}
      </div>
      <div className="flex min-w-0 flex-col gap-0.5">
        {product.brand ? (
          <p className="text-xs font-semibold tracking-wide text-violet-300 uppercase">{product.brand}</p>
        ) : null}
        <h3 className="text-base font-semibold text-zinc-50 group-hover:text-violet-100">
          <Link
            href={`/gear/catalogue/${product.id}`}
            className="rounded-sm after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none"
          >
            {product.name}
          </Link>
        </h3>
        {product.model && product.model !== product.name ? (
          <p className="truncate text-sm text-zinc-400">{product.model}</p>
        ) : null}
      </div>
      {product.description ? <p className="line-clamp-2 text-sm text-zinc-400">{product.description}</p> : null}
      <div className="mt-auto flex items-end justify-between gap-3 border-t border-zinc-800/80 pt-3">
        <p className="text-lg font-semibold text-zinc-50 tabular-nums">{formatPrice(product.price)}</p>
        <p className="inline-flex items-center gap-1.5 text-xs text-zinc-400">
          <ShieldCheck className="size-3.5 text-emerald-300/80" aria-hidden="true" />
          {formatWarrantyMonths(product.warranty_months)}
        </p>
      </div>
    </article>
  );
}
