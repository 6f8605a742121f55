import { clsx } from 'clsx';
import { Search } from 'lucide-react';
import { controlClasses } from '@/components/ui/input';

/** A plain GET form: it works before (and without) JavaScript. */
export function SearchBox({ className, defaultValue }: { className?: string; defaultValue?: string }) {
  return (
    <form role="search" action="/search" method="get" className={clsx('relative', className)}>
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
      <input
        type="search"
        name="q"
        aria-label="Search"
        placeholder="Search musicians…"
        defaultValue={defaultValue}
        autoComplete="off"
        enterKeyHint="search"
        className={clsx(controlClasses, 'h-9 rounded-full bg-zinc-900/80 pl-9')}
      />
    </form>
  );
}
