import { clsx } from 'clsx';
import { CircleAlert, CircleCheck, Info } from 'lucide-react';
import type { ReactNode } from 'react';

export type AlertTone = 'error' | 'success' | 'info';

const tones: Record<AlertTone, { box: string; icon: typeof Info }> = {
  error: { box: 'border-red-400/30 bg-red-500/10 text-red-100', icon: CircleAlert },
  success: { box: 'border-emerald-400/30 bg-emerald-500/10 text-emerald-100', icon: CircleCheck },
  info: { box: 'border-violet-400/30 bg-violet-500/10 text-violet-100', icon: Info },
};

interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  className?: string;
  id?: string;
}

/** Errors interrupt (role="alert"); successes and notes wait their turn (role="status"). */
export function Alert({ tone = 'info', title, children, className, id }: AlertProps) {
  const { box, icon: Icon } = tones[tone];
  return (
    <div
      id={id}
      role={tone === 'error' ? 'alert' : 'status'}
      className={clsx('flex gap-3 rounded-xl border px-4 py-3 text-sm', box, className)}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="flex min-w-0 flex-col gap-0.5">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="leading-relaxed opacity-90">{children}</div> : null}
      </div>
    </div>
  );
}
