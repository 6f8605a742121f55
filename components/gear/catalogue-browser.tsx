'use client';

import { clsx } from 'clsx';
import { PackageSearch, Search, X } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { apiPage } from './api';
import { EmptyState } from './empty-state';
import { plural } from './format';
import { Pager } from './pager';
import { ProductCard } from './product-card';
import { catalogueQuery, CATALOGUE_PAGE_SIZE, emptyFilters, PRICE, type CatalogueFilters } from './catalogue-filters';
import { productSortOptions, type Category, type PageOf, type Product, type ProductSort } from './types';
import { useDebouncedValue } from './use-debounced-value';

function priceErrors(min: string, max: string): { min?: string; max?: string } {
  const errors: { min?: string; max?: string } = {};
  if (min && !PRICE.test(min)) errors.min = 'Use an amount like 150 or 99.99.';
  if (max && !PRICE.test(max)) errors.max = 'Use an amount like 500 or 999.99.';
  if (!errors.min && !errors.max && min && max && Number(min) > Number(max)) {
    errors.max = 'The maximum must be at least the minimum.';
  }
  return errors;
}

interface CatalogueBrowserProps {
  initialFilters: CatalogueFilters;
  initialPage: PageOf<Product>;
  categories: Category[];
  brands: string[];
}

/**
 * The catalogue with its filters. The first page comes rendered from the server; every change
 * after that asks GET /api/v1/products (search and prices debounced) and keeps the address bar in
 * step, so a filtered view can be shared or reloaded.
 */
export function CatalogueBrowser({ initialFilters, initialPage, categories, brands }: CatalogueBrowserProps) {
  const pathname = usePathname();
  const ids = useId();
  const [filters, setFilters] = useState<CatalogueFilters>(initialFilters);
  const [results, setResults] = useState<PageOf<Product>>(initialPage);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const resultsRef = useRef<HTMLElement>(null);

  const search = useDebouncedValue(filters.search, 300);
  const priceMin = useDebouncedValue(filters.price_min.trim(), 450);
  const priceMax = useDebouncedValue(filters.price_max.trim(), 450);
  const shownPriceErrors = priceErrors(filters.price_min.trim(), filters.price_max.trim());
  const settledPriceErrors = priceErrors(priceMin, priceMax);
  const pricesValid = !settledPriceErrors.min && !settledPriceErrors.max;

  const query = useMemo(
    () =>
      catalogueQuery({
        ...filters,
        search,
        price_min: pricesValid ? priceMin : '',
        price_max: pricesValid ? priceMax : '',
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- search and prices count once settled
    [search, filters.category, filters.brand, filters.sort, filters.page, priceMin, priceMax, pricesValid],
  );
  const shown = useRef(catalogueQuery(initialFilters));

  useEffect(() => {
    if (!pricesValid) return;
    if (query === shown.current) return;
    window.history.replaceState(window.history.state, '', `${pathname}${query}`);
    const controller = new AbortController();
    const separator = query ? '&' : '?';
    setLoading(true);
    apiPage<Product>(`/products${query}${separator}limit=${CATALOGUE_PAGE_SIZE}`, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoading(false);
      if (result.ok) {
        shown.current = query;
        setResults(result.data);
        setFailure(null);
      } else if (result.code !== 'ABORTED') {
        setFailure(result.message);
      }
    });
    return () => controller.abort();
  }, [query, pathname, pricesValid]);

  function update(patch: Partial<CatalogueFilters>) {
    setFilters((f) => ({ ...f, page: 1, ...patch }));
  }

  function goToPage(page: number) {
    setFilters((f) => ({ ...f, page }));
    resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  const active =
    filters.search.trim() !== '' ||
    filters.category !== '' ||
    filters.brand !== '' ||
    filters.price_min !== '' ||
    filters.price_max !== '';
  const { items, pagination } = results;
  const categoryName = categories.find((c) => String(c.id) === filters.category)?.name;

  return (
    <div className="flex flex-col gap-6">
      <form
        role="search"
        aria-label="Filter the catalogue"
        onSubmit={(e) => e.preventDefault()}
        className="grid grid-cols-2 gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 sm:p-5 lg:grid-cols-12"
      >
        <div className="col-span-2 flex flex-col gap-1.5 lg:col-span-5">
          <Label htmlFor={`${ids}-search`}>Search products</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
            <Input
              id={`${ids}-search`}
              type="search"
              value={filters.search}
              onChange={(e) => update({ search: e.target.value })}
              placeholder="Name, brand or model"
              autoComplete="off"
              className="pl-9"
            />
          </div>
        </div>
        <div className="col-span-2 flex flex-col gap-1.5 lg:col-span-3">
          <Label htmlFor={`${ids}-category`}>Category</Label>
          <Select id={`${ids}-category`} value={filters.category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name} ({c.products_count})
              </option>
            ))}
          </Select>
        </div>
        <div className="flex min-w-0 flex-col gap-1.5 lg:col-span-2">
          <Label htmlFor={`${ids}-brand`}>Brand</Label>
          <Select id={`${ids}-brand`} value={filters.brand} onChange={(e) => update({ brand: e.target.value })}>
            <option value="">All brands</option>
            {brands.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex min-w-0 flex-col gap-1.5 lg:col-span-2">
          <Label htmlFor={`${ids}-sort`}>Sort by</Label>
          <Select
            id={`${ids}-sort`}
            value={filters.sort}
            onChange={(e) => update({ sort: e.target.value as ProductSort })}
          >
            {productSortOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
        <fieldset className="col-span-2 flex flex-col gap-1.5 lg:col-span-5">
          <legend className="mb-1.5 text-sm font-medium text-zinc-200">Price range (EUR)</legend>
          <div className="grid grid-cols-[1fr_auto_1fr] items-start gap-2">
            <div className="flex flex-col gap-1">
              <Input
                aria-label="Minimum price"
                inputMode="decimal"
                value={filters.price_min}
                onChange={(e) => update({ price_min: e.target.value })}
                placeholder="Min €"
                aria-invalid={shownPriceErrors.min ? true : undefined}
                aria-describedby={shownPriceErrors.min ? `${ids}-min-error` : undefined}
              />
              {shownPriceErrors.min ? (
                <p id={`${ids}-min-error`} className="text-xs text-red-300">
                  {shownPriceErrors.min}
                </p>
              ) : null}
            </div>
            <span className="pt-2.5 text-zinc-500" aria-hidden="true">
              –
            </span>
            <div className="flex flex-col gap-1">
              <Input
                aria-label="Maximum price"
                inputMode="decimal"
                value={filters.price_max}
                onChange={(e) => update({ price_max: e.target.value })}
                placeholder="Max €"
                aria-invalid={shownPriceErrors.max ? true : undefined}
                aria-describedby={shownPriceErrors.max ? `${ids}-max-error` : undefined}
              />
              {shownPriceErrors.max ? (
                <p id={`${ids}-max-error`} className="text-xs text-red-300">
                  {shownPriceErrors.max}
                </p>
              ) : null}
            </div>
          </div>
        </fieldset>
        <div className="col-span-2 flex items-end lg:col-span-7 lg:justify-end">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setFilters({ ...emptyFilters, sort: filters.sort })}
            disabled={!active}
          >
            <X className="size-4" aria-hidden="true" />
            Clear filters
          </Button>
        </div>
      </form>

      {failure ? (
        <Alert tone="error" title="The catalogue could not be loaded">
          {failure}
        </Alert>
      ) : null}

      <section ref={resultsRef} aria-labelledby={`${ids}-results`} className="flex scroll-mt-32 flex-col gap-4">
        <div className="flex items-center justify-between gap-3">
          <h2 id={`${ids}-results`} className="text-sm font-medium text-zinc-400">
            <span role="status">
              {plural(pagination.total, 'product')}
              {categoryName ? ` in ${categoryName}` : ''}
              {filters.brand ? ` by ${filters.brand}` : ''}
            </span>
          </h2>
          {loading ? <Spinner label="Updating results" className="text-violet-300" /> : null}
        </div>
        {items.length > 0 ? (
          <ul
            aria-busy={loading || undefined}
            className={clsx(
              'grid gap-4 transition-opacity sm:grid-cols-2 xl:grid-cols-3',
              loading && 'opacity-60',
            )}
          >
            {items.map((product) => (
              <li key={product.id}>
                <ProductCard product={product} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            icon={<PackageSearch className="size-6" aria-hidden="true" />}
            title={active ? 'No products match these filters' : 'The catalogue is empty'}
            actions={
              active ? (
                <Button variant="secondary" onClick={() => setFilters({ ...emptyFilters, sort: filters.sort })}>
                  Clear filters
                </Button>
              ) : null
            }
          >
            {active
              ? 'Try a shorter search, another category or a wider price range.'
              : 'Products appear here once an admin adds them to the catalogue.'}
          </EmptyState>
        )}
        <Pager pagination={pagination} label="Catalogue pages" onPage={goToPage} />
      </section>
    </div>
  );
}
