import { clsx } from 'clsx';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
  headingLevel?: 'h2' | 'h3';
}

/** What a list shows when it has nothing yet: what goes here, and the way to add the first one. */
export function EmptyState({ icon, title, children, actions, className, headingLevel = 'h2' }: EmptyStateProps) {
  const Heading = headingLevel;
  return (
    <div
      className={clsx(
        'flex flex-col items-center rounded-2xl border border-dashed border-zinc-800 bg-zinc-900/30 px-6 py-12 text-center',
        className,
      )}
    >
      <span className="inline-flex size-12 items-center justify-center rounded-2xl bg-violet-500/10 text-violet-300 ring-1 ring-violet-400/20">
        {icon}
      </span>
      <Heading className="mt-4 text-base font-semibold text-zinc-50">{title}</Heading>
      {children ? <div className="mt-1.5 max-w-md text-sm text-pretty text-zinc-400">{children}</div> : null}
      {actions ? <div className="mt-6 flex flex-wrap justify-center gap-3">{actions}</div> : null}
    </div>
  );
}
