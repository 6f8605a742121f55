'use client';

import { clsx } from 'clsx';
import { BookOpen, Guitar, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const tabs = [
  { href: '/gear', label: 'My gear', icon: Guitar },
  { href: '/gear/warranty', label: 'Warranty', icon: ShieldCheck },
  { href: '/gear/catalogue', label: 'Catalogue', icon: BookOpen },
] as const;

/** Which tab a path belongs to: items and the add flow live under "My gear". */
function activeTab(pathname: string): string {
  if (pathname.startsWith('/gear/catalogue')) return '/gear/catalogue';
  if (pathname.startsWith('/gear/warranty')) return '/gear/warranty';
  return '/gear';
}

/** The Gear section's own navigation: My gear, Warranty, Catalogue. */
export function GearNav() {
  const pathname = usePathname();
  const active = activeTab(pathname);
  return (
    <nav aria-label="Gear" className="border-b border-zinc-800/70 bg-zinc-950/40">
      <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4 py-2 sm:px-6 lg:px-8">
        {tabs.map(({ href, label, icon: Icon }) => {
          const current = active === href;
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={current ? (pathname === href ? 'page' : 'true') : undefined}
                className={clsx(
                  'inline-flex h-9 items-center gap-2 rounded-full px-3.5 text-sm font-medium transition-colors',
                  current
                    ? 'bg-violet-500/15 text-violet-100 ring-1 ring-violet-400/30'
                    : 'text-zinc-400 hover:bg-zinc-800/70 hover:text-zinc-100',
                )}
              >
                <Icon className={clsx('size-4', current ? 'text-violet-300' : 'text-zinc-500')} aria-hidden="true" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
