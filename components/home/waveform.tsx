import { clsx } from 'clsx';

/** A decorative waveform with deterministic bar heights (same on server and client). */
export function Waveform({ bars = 56, progress = 0.4, className }: { bars?: number; progress?: number; className?: string }) {
  const heights = Array.from({ length: bars }, (_, i) => {
    const shape = Math.abs(Math.sin(i * 0.47) * 0.6 + Math.sin(i * 0.13 + 1) * 0.4);
    return Math.round(18 + shape * 82);
  });
  return (
    <div className={clsx('flex h-16 items-center gap-[3px]', className)} aria-hidden="true">
      {heights.map((h, i) => (
        <span
          key={i}
          className={clsx('w-full min-w-[2px] rounded-full', i / bars < progress ? 'bg-violet-400' : 'bg-zinc-700')}
          style={{ height: `${h}%` }}
        />
      ))}
    </div>
  );
}
