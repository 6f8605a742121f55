import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import type { Pagination } from './types';

type PagerProps = { pagination: Pagination; label?: string } & (
  | { hrefFor: (page: number) => string; onPage?: never }
  | { onPage: (page: number) => void; hrefFor?: never }
);

/** Previous / next with "Page n of m"; links when the page is in the URL, buttons otherwise. */
export function Pager({ pagination, label = 'Pagination', hrefFor, onPage }: PagerProps) {
  if (pagination.pages <= 1) return null;
  const { page, pages, has_next, has_previous } = pagination;
  const control = (target: number, enabled: boolean, children: React.ReactNode, rel: 'prev' | 'next') => {
    if (hrefFor) {
      return enabled ? (
        <ButtonLink href={hrefFor(target)} variant="secondary" size="sm" rel={rel} scroll>
          {children}
        </ButtonLink>
      ) : (
        <Button variant="secondary" size="sm" disabled>
          {children}
        </Button>
      );
    }
    return (
      <Button variant="secondary" size="sm" disabled={!enabled} onClick={() => onPage?.(target)}>
        {children}
      </Button>
    );
  };
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4">
      <p className="text-sm text-zinc-400">
        Page <span className="font-medium text-zinc-200 tabular-nums">{page}</span> of{' '}
        <span className="font-medium text-zinc-200 tabular-nums">{pages}</span>
      </p>
      <div className="flex gap-2">
        {control(page - 1, has_previous, <><ChevronLeft className="size-4" aria-hidden="true" /> Previous</>, 'prev')}
        {control(page + 1, has_next, <>Next <ChevronRight className="size-4" aria-hidden="true" /></>, 'next')}
      </div>
    </nav>
  );
}
