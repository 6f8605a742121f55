'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { SoonBadge } from '@/components/ui/badge';
import { isActive, navItems } from './nav-items';

/** The desktop section tabs, under the top bar. */
export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Primary" className="hidden border-t border-zinc-800/70 md:block">
      <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4 sm:px-6 lg:px-8">
        {navItems.map(({ href, label, icon: Icon, soon }) => {
          const active = isActive(pathname, href);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={clsx(
                  'relative inline-flex h-11 items-center gap-2 rounded-md px-3 text-sm font-medium transition-colors',
                  'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-400',
                  'after:absolute after:inset-x-2 after:-bottom-px after:h-0.5 after:rounded-full',
                  active
                    ? 'text-zinc-50 after:bg-violet-400'
                    : 'text-zinc-400 hover:text-zinc-100 hover:after:bg-zinc-700',
                )}
              >
                <Icon className={clsx('size-4', active ? 'text-violet-300' : 'text-zinc-500')} aria-hidden="true" />
                {label}
                {soon ? <SoonBadge /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
