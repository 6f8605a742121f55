'use client';

import { clsx } from 'clsx';
import { Menu, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { SoonBadge } from '@/components/ui/badge';
import { isActive, navItems } from './nav-items';
import { SearchBox } from './search-box';

/**
 * The hamburger menu below the md breakpoint. The panel follows the button in the DOM, so Tab
 * moves straight into it; Escape closes it and returns focus to the button; navigating closes it.
 */
export function MobileNav() {
  const pathname = usePathname();
  // Open "at" a path: navigating elsewhere closes the menu without an effect.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenAt(null);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label="Site navigation"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenAt(open ? null : pathname)}
        className="-ml-2 inline-flex size-10 items-center justify-center rounded-lg text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 focus-visible:outline-2 focus-visible:outline-violet-400 md:hidden"
      >
        {open ? <X className="size-5" aria-hidden="true" /> : <Menu className="size-5" aria-hidden="true" />}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute inset-x-0 top-full max-h-[calc(100dvh-4rem)] overflow-y-auto border-b border-zinc-800 bg-zinc-950 shadow-2xl shadow-black/60 md:hidden"
      >
        <div className="flex flex-col gap-4 px-4 py-4">
          <SearchBox className="sm:hidden" />
          <nav aria-label="Primary">
            <ul className="flex flex-col gap-1">
              {navItems.map(({ href, label, icon: Icon, soon, summary }) => {
                const active = isActive(pathname, href);
                return (
                  <li key={href}>
                    <Link
                      href={href}
                      onClick={() => setOpenAt(null)}
                      aria-current={active ? 'page' : undefined}
                      className={clsx(
                        'flex items-center gap-3 rounded-xl px-3 py-2.5 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-400',
                        active ? 'bg-violet-500/10 text-zinc-50' : 'text-zinc-300 hover:bg-zinc-900 hover:text-zinc-50',
                      )}
                    >
                      <Icon className={clsx('size-5 shrink-0', active ? 'text-violet-300' : 'text-zinc-500')} aria-hidden="true" />
                      <span className="flex min-w-0 flex-col">
                        <span className="flex items-center gap-2 text-sm font-medium">
                          {label}
                          {soon ? <SoonBadge /> : null}
                        </span>
                        <span className="truncate text-xs text-zinc-400" aria-hidden="true">
                          {summary}
                        </span>
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </div>
    </>
  );
}
