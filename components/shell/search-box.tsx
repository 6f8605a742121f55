'use client';

import { clsx } from 'clsx';
import { Search } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useDebouncedValue } from '@/components/gear/use-debounced-value';
import { groupsOf, type SearchGroup } from '@/components/search/groups';
import { controlClasses } from '@/components/ui/input';
import type { SearchResult } from '@/lib/search/schemas';

/**
 * The app-wide search: a GET form (it works before JavaScript), upgraded to a combobox that shows
 * instant grouped results as you type. ↑/↓ move through them, Enter opens the highlighted one or
 * the full search page, Escape closes the popup.
 */
export function SearchBox({ className, defaultValue }: { className?: string; defaultValue?: string }) {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-results`;
  const [value, setValue] = useState(defaultValue ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [data, setData] = useState<{ q: string; groups: SearchGroup[] } | null>(null);
  const debounced = useDebouncedValue(value.trim(), 200);
  const rootRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!debounced) return;
    const controller = new AbortController();
    fetch(`/api/v1/search?q=${encodeURIComponent(debounced)}&limit=5`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    })
      .then((r) => (r.ok ? r.json() : null))
      .then((payload: { data?: SearchResult } | null) => {
        setData({ q: debounced, groups: payload?.data ? groupsOf(payload.data).filter((g) => g.items.length > 0) : [] });
        setActive(-1);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [debounced]);

  const flat = useMemo(() => (data ? data.groups.flatMap((g) => g.items) : []), [data]);
  const loading = data?.q !== value.trim();
  const showing = open && value.trim() !== '' && data !== null;

  useEffect(() => {
    function onDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);

  function go(href: string, download?: boolean) {
    setOpen(false);
    if (download) window.location.assign(href);
    else router.push(href);
  }

  const offsets = (data?.groups ?? []).reduce<number[]>((acc, g, i, all) => {
    acc.push(i === 0 ? 0 : (acc[i - 1] ?? 0) + (all[i - 1]?.items.length ?? 0));
    return acc;
  }, []);
  return (
    <form
      ref={rootRef}
      role="search"
      action="/search"
      method="get"
      className={clsx('relative', className)}
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        const item = active >= 0 ? flat[active] : undefined;
        if (item) go(item.href, item.download);
        else if (q) go(`/search?q=${encodeURIComponent(q)}`);
      }}
    >
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
      <input
        type="search"
        name="q"
        role="combobox"
        aria-label="Search"
        aria-expanded={showing}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showing && active >= 0 ? `${id}-opt-${active}` : undefined}
        placeholder="Search Talas…"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && flat.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % flat.length);
          } else if (e.key === 'ArrowUp' && flat.length > 0) {
            e.preventDefault();
            setActive((a) => (a <= 0 ? flat.length - 1 : a - 1));
          } else if (e.key === 'Escape') {
            if (showing) e.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
        autoComplete="off"
        enterKeyHint="search"
        className={clsx(controlClasses, 'h-9 rounded-full bg-zinc-900/80 pl-9')}
      />
      {showing ? (
        <div className="absolute inset-x-0 top-full z-50 mt-2 max-h-[70vh] min-w-72 overflow-y-auto rounded-xl border border-zinc-800 bg-zinc-950 p-2 shadow-xl shadow-black/40">
          {/* The listbox exists (empty) even without results, so aria-controls always points at it. */}
          <div id={listId} role="listbox" aria-label="Search results" hidden={data.groups.length === 0}>
            {data.groups.map((group, g) => (
              <div key={group.type} role="group" aria-labelledby={`${id}-${group.type}`} className="py-1">
                <div id={`${id}-${group.type}`} role="presentation" className="px-2 py-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
                  {group.label}
                </div>
                {group.items.map((item, n) => {
                  const i = (offsets[g] ?? 0) + n;
                  return (
                    <div
                      key={item.key}
                      id={`${id}-opt-${i}`}
                      role="option"
                      aria-selected={i === active}
                      onPointerEnter={() => setActive(i)}
                      onClick={() => go(item.href, item.download)}
                      className={clsx('cursor-pointer rounded-lg px-2 py-1.5', i === active ? 'bg-zinc-800 text-zinc-50' : 'text-zinc-200')}
                    >
                      <span className="block truncate text-sm">{item.title}</span>
                      {item.detail ? <span className="block truncate text-xs text-zinc-400">{item.detail}</span> : null}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          {data.groups.length === 0 ? (
            <p className="px-2 py-3 text-sm text-zinc-400">{loading ? 'Searching…' : `Nothing matches “${data.q}”.`}</p>
          ) : null}
          <Link
            href={`/search?q=${encodeURIComponent(value.trim())}`}
            onClick={() => setOpen(false)}
            className="mt-1 block rounded-lg border-t border-zinc-800 px-2 pt-2 pb-1 text-sm text-violet-300 hover:text-violet-200"
          >
            See all results for “{value.trim()}”
          </Link>
        </div>
      ) : null}
    </form>
  );
}
