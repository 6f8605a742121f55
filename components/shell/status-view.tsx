import { clsx } from 'clsx';
import type { ReactNode } from 'react';

interface StatusViewProps {
  icon: ReactNode;
  eyebrow?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
}

/** The centred layout shared by 404, error and coming-soon pages. */
export function StatusView({ icon, eyebrow, title, children, actions, className }: StatusViewProps) {
  return (
    <div className={clsx('mx-auto flex max-w-xl flex-col items-center px-4 py-20 text-center sm:py-28', className)}>
      <div className="relative">
        <div className="absolute inset-0 rounded-full bg-violet-600/30 blur-2xl" aria-hidden="true" />
        <span className="relative inline-flex size-16 items-center justify-center rounded-2xl bg-zinc-900 text-violet-300 ring-1 ring-zinc-700">
          {icon}
        </span>
      </div>
      {eyebrow ? <div className="mt-6">{eyebrow}</div> : null}
      <h1 className="mt-4 text-3xl font-semibold tracking-tight text-balance text-zinc-50 sm:text-4xl">{title}</h1>
      {children ? <div className="mt-4 text-pretty text-zinc-400">{children}</div> : null}
      {actions ? <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div> : null}
    </div>
  );
}
