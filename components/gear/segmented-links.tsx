import { clsx } from 'clsx';
import Link from 'next/link';

export interface Segment {
  href: string;
  label: string;
  count?: number;
  current: boolean;
}

/** A segmented control of links (filters that live in the URL): works without JavaScript. */
export function SegmentedLinks({ label, segments, className }: { label: string; segments: Segment[]; className?: string }) {
  return (
    <nav aria-label={label} className={clsx('max-w-full', className)}>
      <ul className="inline-flex flex-wrap gap-1 rounded-xl border border-zinc-800 bg-zinc-900/60 p-1">
        {segments.map((s) => (
          <li key={s.href} className="shrink-0">
            <Link
              href={s.href}
              aria-current={s.current ? 'page' : undefined}
              scroll={false}
              className={clsx(
                'inline-flex h-8 items-center gap-2 rounded-lg px-3 text-sm font-medium whitespace-nowrap transition-colors',
                s.current ? 'bg-zinc-800 text-zinc-50 shadow-sm ring-1 ring-zinc-700' : 'text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-100',
              )}
            >
              {s.label}
              {s.count !== undefined ? (
                <span
                  className={clsx(
                    'rounded-full px-1.5 text-xs tabular-nums',
                    s.current ? 'bg-violet-500/20 text-violet-100' : 'bg-zinc-800 text-zinc-400',
                  )}
                >
                  {s.count}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
