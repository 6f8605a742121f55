import type { Metadata } from 'next';
import { CatalogueBrowser } from '@/components/gear/catalogue-browser';
import { CATALOGUE_PAGE_SIZE, emptyFilters, PRICE, type CatalogueFilters } from '@/components/gear/catalogue-filters';
import { productSortOptions, type ProductSort } from '@/components/gear/types';
import { PageContainer } from '@/components/shell/app-shell';
import { ButtonLink } from '@/components/ui/button-link';
import { PageHeader } from '@/components/ui/page-header';
import { listProductsQuery } from '@/lib/catalogue/schemas';
import { listCategories, listProducts } from '@/lib/catalogue/service';
import type { AuthedCtx } from '@/lib/context';
import { gearContext, returnPath, single, type SearchParams } from '../_lib/server';

export const metadata: Metadata = { title: 'Catalogue · Gear' };

function filtersFrom(params: Record<string, string | string[] | undefined>): CatalogueFilters {
  const sort = single(params.sort);
  const page = Number(single(params.page) ?? 1);
  const priceMin = single(params.price_min)?.trim() ?? '';
  const priceMax = single(params.price_max)?.trim() ?? '';
  const pricesOk =
    (!priceMin || PRICE.test(priceMin)) &&
    (!priceMax || PRICE.test(priceMax)) &&
    !(priceMin && priceMax && Number(priceMin) > Number(priceMax));
  return {
    search: single(params.search)?.slice(0, 100) ?? '',
    category: single(params.category)?.slice(0, 100) ?? '',
    brand: single(params.brand)?.slice(0, 100) ?? '',
    price_min: pricesOk ? priceMin : '',
    price_max: pricesOk ? priceMax : '',
    sort: productSortOptions.some((o) => o.value === sort) ? (sort as ProductSort) : 'name',
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

/** Every brand in the catalogue, for the brand filter (read in pages; the catalogue is small). */
async function brandsOf(ctx: AuthedCtx): Promise<string[]> {
  const brands = new Map<string, string>();
  for (let page = 1; page <= 10; page++) {
    const { items, pagination } = await listProducts(ctx, listProductsQuery.parse({ page, limit: 100 }));
    for (const p of items) if (p.brand) brands.set(p.brand.toLowerCase(), p.brand);
    if (!pagination.has_next) break;
  }
  return [...brands.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

export default async function CataloguePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = await gearContext(returnPath('/gear/catalogue', params));
  let filters = filtersFrom(params);
  const toQuery = (f: CatalogueFilters) =>
    listProductsQuery.safeParse({
      search: f.search || undefined,
      category: f.category || undefined,
      brand: f.brand || undefined,
      price_min: f.price_min || undefined,
      price_max: f.price_max || undefined,
      sort: f.sort,
      page: f.page,
      limit: CATALOGUE_PAGE_SIZE,
    });
  let parsed = toQuery(filters);
  if (!parsed.success) {
    filters = emptyFilters;
    parsed = toQuery(filters);
  }
  const [page, categories, brands] = await Promise.all([
    listProducts(ctx, parsed.data!),
    listCategories(ctx),
    brandsOf(ctx),
  ]);

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title="Catalogue"
        description="Instruments and studio gear with their specifications and warranties. Add what you own to your collection."
        actions={
          <ButtonLink href="/gear/new" variant="secondary">
            Add gear
          </ButtonLink>
        }
      />
      <CatalogueBrowser initialFilters={filters} initialPage={page} categories={categories} brands={brands} />
    </PageContainer>
  );
}
