'use client';

import { clsx } from 'clsx';
import { Search } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldControlProps } from '@/components/ui/form-field';
import { controlClasses } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { apiPage, queryString } from './api';
import { formatPrice, formatWarrantyMonths } from './format';
import type { Product } from './types';
import { useDebouncedValue } from './use-debounced-value';

const RESULTS = 8;

interface ProductPickerProps {
  control: FieldControlProps;
  onSelect: (product: Product) => void;
  autoFocus?: boolean;
}

/**
 * Search-as-you-type over the catalogue (GET /api/v1/products?search=), as an ARIA combobox:
 * arrows move through the suggestions, Enter picks one, Escape closes the list.
 */
export function ProductPicker({ control, onSelect, autoFocus }: ProductPickerProps) {
  const listboxId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<{ query: string; items: Product[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const query = useDebouncedValue(text.trim(), 200);
  const loading = open && (results?.query ?? null) !== query && failure === null;

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    apiPage<Product>(`/products${queryString({ search: query || undefined, limit: RESULTS })}`, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if (result.ok) {
          setResults({ query, items: result.data.items });
          setFailure(null);
          setActive(result.data.items.length > 0 ? 0 : -1);
        } else if (result.code !== 'ABORTED') {
          setFailure(result.message);
        }
      },
    );
    return () => controller.abort();
  }, [query, open]);

  const items = results?.items ?? [];

  function pick(product: Product) {
    setOpen(false);
    onSelect(product);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((i) => (items.length ? (i + 1) % items.length : -1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (items.length ? (i <= 0 ? items.length - 1 : i - 1) : -1));
    } else if (event.key === 'Enter') {
      if (open && active >= 0 && items[active]) {
        event.preventDefault();
        pick(items[active]!);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
      }
    }
  }

  const optionId = (i: number) => `${listboxId}-option-${i}`;

  return (
    <div className="relative">
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
      <input
        ref={inputRef}
        {...control}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listboxId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder="Search the catalogue: Scarlett, Juno, SM7B…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={clsx(controlClasses, 'h-11 scroll-mt-40 pr-10 pl-9')}
      />
      {loading ? <Spinner className="absolute top-1/2 right-3 -translate-y-1/2 text-violet-300" /> : null}
      <div
        className={clsx(
          'absolute inset-x-0 top-full z-20 mt-1.5 overflow-hidden rounded-xl border border-zinc-700 bg-zinc-900 shadow-2xl shadow-black/50',
          !open && 'hidden',
        )}
      >
        <ul id={listboxId} role="listbox" aria-label="Products" className="max-h-80 overflow-y-auto p-1.5">
          {items.map((product, i) => (
            <li
              key={product.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(product)}
              onMouseMove={() => setActive(i)}
              className={clsx(
                'flex cursor-pointer items-center justify-between gap-3 rounded-lg px-3 py-2.5',
                i === active ? 'bg-violet-500/15' : 'hover:bg-zinc-800/70',
              )}
            >
              <span className="flex min-w-0 flex-col">
                <span className="truncate text-sm font-medium text-zinc-50">{product.name}</span>
                <span className="truncate text-xs text-zinc-400">
                  {[product.brand, product.category_name, formatWarrantyMonths(product.warranty_months)].filter(Boolean).join(' · ')}
                </span>
              </span>
              <span className="shrink-0 text-sm text-zinc-300 tabular-nums">{formatPrice(product.price)}</span>
            </li>
          ))}
        </ul>
        {results && items.length === 0 && !loading ? (
          <p className="px-4 pb-3 text-sm text-zinc-400">
            No product matches “{results.query}”.{' '}
            <Link href="/gear/catalogue" className="text-violet-300 hover:text-violet-200" onMouseDown={(e) => e.preventDefault()}>
              Browse the catalogue
            </Link>
          </p>
        ) : null}
        {failure ? <p className="px-4 pb-3 text-sm text-red-300">{failure}</p> : null}
      </div>
    </div>
  );
}
