import { clsx } from 'clsx';

interface ProgressBarProps {
  /** 0–100. */
  value: number;
  label: string;
  tone?: 'accent' | 'success' | 'danger';
  className?: string;
}

const fills = { accent: 'bg-violet-500', success: 'bg-emerald-500', danger: 'bg-red-500' } as const;

/** A determinate progress bar, announced as "label, n%". */
export function ProgressBar({ value, label, tone = 'accent', className }: ProgressBarProps) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
      className={clsx('h-1.5 w-full overflow-hidden rounded-full bg-zinc-800', className)}
    >
      <div
        className={clsx('h-full rounded-full transition-[width] duration-200 ease-out', fills[tone])}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
