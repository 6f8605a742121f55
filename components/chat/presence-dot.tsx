import { clsx } from 'clsx';

/** The green/grey dot on an avatar's corner; the words ("online") are for assistive technology. */
export function PresenceDot({ online, className }: { online: boolean; className?: string }) {
  return (
    <span
      data-presence={online ? 'online' : 'offline'}
      className={clsx(
        'absolute -right-0.5 -bottom-0.5 size-3 rounded-full ring-2 ring-zinc-950',
        online ? 'bg-emerald-400' : 'bg-zinc-600',
        className,
      )}
    >
      <span className="sr-only">{online ? 'online' : 'offline'}</span>
    </span>
  );
}
