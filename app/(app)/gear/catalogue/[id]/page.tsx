import { ChevronRight, ExternalLink, PackageCheck, Plus, ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { formatPrice, formatWarrantyMonths } from '@/components/gear/format';
import { SpecList } from '@/components/gear/spec-list';
import { PageContainer } from '@/components/shell/app-shell';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button-link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getProduct } from '@/lib/catalogue/service';
import { listGearQuery } from '@/lib/collection/schemas';
import { listGearItems } from '@/lib/collection/service';
import { gearContext, idFrom, orNotFound } from '../../_lib/server';

type Params = Promise<{ id: string }>;

const load = cache(async (rawId: string) => {
  const ctx = await gearContext(`/gear/catalogue/${encodeURIComponent(rawId)}`);
  const product = await orNotFound(getProduct(ctx, idFrom(rawId)));
  // One item per user and product: find the caller's, if any, among items matching the name.
  const { items } = await listGearItems(ctx, listGearQuery.parse({ q: product.name.slice(0, 100), limit: 100 }));
  const owned = items.find((item) => item.product_id === product.id) ?? null;
  return { product, owned };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { product } = await load((await params).id);
  return { title: `${product.brand ? `${product.brand} ` : ''}${product.name} · Catalogue` };
}

export default async function ProductPage({ params }: { params: Params }) {
  const { product, owned } = await load((await params).id);
  const subtitle = product.model && product.model !== product.name ? product.model : null;

  return (
    <PageContainer className="flex flex-col gap-8">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1.5 text-sm text-zinc-400">
          <li>
            <Link href="/gear/catalogue" className="rounded hover:text-zinc-100">
              Catalogue
            </Link>
          </li>
          {product.category_id && product.category_name ? (
            <li className="flex items-center gap-1.5">
              <ChevronRight className="size-3.5 text-zinc-600" aria-hidden="true" />
              <Link href={`/gear/catalogue?category=${product.category_id}`} className="rounded hover:text-zinc-100">
                {product.category_name}
              </Link>
            </li>
          ) : null}
          <li className="flex min-w-0 items-center gap-1.5">
            <ChevronRight className="size-3.5 text-zinc-600" aria-hidden="true" />
            <span aria-current="page" className="truncate text-zinc-200">
              {product.name}
            </span>
          </li>
        </ol>
      </nav>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <header className="flex flex-col gap-3">
            {product.brand ? (
              <p className="text-sm font-semibold tracking-wide text-violet-300 uppercase">{product.brand}</p>
            ) : null}
            <h1 className="text-3xl font-semibold tracking-tight break-words text-zinc-50 sm:text-4xl">{product.name}</h1>
            {subtitle ? <p className="text-zinc-400">{subtitle}</p> : null}
            <div className="flex flex-wrap gap-2">
              {product.category_name ? <Badge>{product.category_name}</Badge> : null}
              <Badge tone="success">
                <ShieldCheck className="size-3.5" aria-hidden="true" />
                {formatWarrantyMonths(product.warranty_months)}
              </Badge>
              {product.status === 'discontinued' ? <Badge tone="warning">Discontinued</Badge> : null}
              {product.status === 'archived' ? <Badge tone="danger">Archived</Badge> : null}
            </div>
          </header>
          {product.description ? (
            <p className="max-w-3xl text-base leading-relaxed whitespace-pre-line text-zinc-300">{product.description}</p>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Specifications</CardTitle>
            </CardHeader>
            <CardContent>
              <SpecList specifications={product.specifications} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Warranty</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <p className="flex items-center gap-2 font-medium text-zinc-100">
                <ShieldCheck className="size-5 text-emerald-300" aria-hidden="true" />
                {product.warranty_months > 0
                  ? `${formatWarrantyMonths(product.warranty_months)} (${product.warranty_months} months) from the purchase date`
                  : 'This product comes without a warranty.'}
              </p>
              {product.warranty_conditions ? (
                <p className="text-sm leading-relaxed whitespace-pre-line text-zinc-400">{product.warranty_conditions}</p>
              ) : (
                <p className="text-sm text-zinc-400">The manufacturer has not published conditions here.</p>
              )}
            </CardContent>
          </Card>
        </div>

        <aside aria-label="Price and actions" className="flex flex-col gap-4 lg:sticky lg:top-32">
          <Card>
            <CardContent className="flex flex-col gap-5">
              <div>
                <p className="text-sm text-zinc-400">Reference price</p>
                <p className="text-3xl font-semibold text-zinc-50 tabular-nums">{formatPrice(product.price)}</p>
                <p className="mt-1 text-xs text-zinc-500">
                  {product.stock > 0 ? `${product.stock} in stock at Talas partners` : 'Currently out of stock'}
                </p>
              </div>
              {owned ? (
                <div className="flex flex-col gap-3 rounded-xl border border-emerald-400/20 bg-emerald-500/5 p-4">
                  <p className="flex items-center gap-2 text-sm font-medium text-emerald-200">
                    <PackageCheck className="size-4" aria-hidden="true" />
                    In your collection
                  </p>
                  <ButtonLink href={`/gear/${owned.id}`} variant="secondary">
                    View your item
                  </ButtonLink>
                </div>
              ) : product.status === 'archived' ? (
                <p className="text-sm text-zinc-400">Archived products can no longer be added to a collection.</p>
              ) : (
                <ButtonLink href={`/gear/new?product=${product.id}`} size="lg">
                  <Plus className="size-5" aria-hidden="true" />
                  Add to my gear
                </ButtonLink>
              )}
              {product.manufacturer_website ? (
                <a
                  href={product.manufacturer_website}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex items-center gap-2 self-start rounded text-sm font-medium text-violet-300 hover:text-violet-200"
                >
                  Manufacturer website
                  <ExternalLink className="size-4" aria-hidden="true" />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              ) : null}
            </CardContent>
          </Card>
        </aside>
      </div>
    </PageContainer>
  );
}
