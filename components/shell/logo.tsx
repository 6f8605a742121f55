import { clsx } from 'clsx';

const bars = [
  { x: 6.75, h: 8 },
  { x: 11.25, h: 15 },
  { x: 15.75, h: 21 },
  { x: 20.25, h: 13 },
  { x: 24.75, h: 6 },
];

/** The Talas mark: a waveform on a violet tile. Same drawing as app/icon.svg. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={clsx('size-8', className)} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#7c3aed" />
      <rect width="32" height="16" rx="8" fill="#8b5cf6" opacity="0.55" />
      {bars.map((b) => (
        <rect key={b.x} x={b.x} y={16 - b.h / 2} width="2.5" height={b.h} rx="1.25" fill="#fff" />
      ))}
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={clsx('inline-flex items-center gap-2.5', className)}>
      <LogoMark />
      <span className="text-lg font-semibold tracking-tight text-zinc-50">Talas</span>
    </span>
  );
}
