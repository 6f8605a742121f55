import { clsx } from 'clsx';

type AvatarSize = 'sm' | 'md' | 'lg' | 'xl';

const sizes: Record<AvatarSize, string> = {
  sm: 'size-8 text-xs',
  md: 'size-10 text-sm',
  lg: 'size-16 text-xl',
  xl: 'size-24 text-3xl',
};

interface AvatarProps {
  /** Used for the initials and, when `decorative` is false, as the image's text alternative. */
  name: string;
  src?: string | null;
  size?: AvatarSize;
  /** Decorative by default: the name is usually shown right next to the avatar. */
  decorative?: boolean;
  className?: string;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  const letters = words.length >= 2 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

export function Avatar({ name, src, size = 'md', decorative = true, className }: AvatarProps) {
  const classes = clsx(
    'inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full ring-1 ring-violet-300/25 select-none',
    sizes[size],
    className,
  );
  if (src) {
    return (
      // Avatars are same-origin uploads of arbitrary size; next/image adds nothing here.
      // eslint-disable-next-line @next/next/no-img-element
      <img src={src} alt={decorative ? '' : name} className={clsx(classes, 'bg-zinc-800 object-cover')} />
    );
  }
  return (
    <span
      className={clsx(classes, 'bg-gradient-to-br from-violet-500/35 to-violet-800/40 font-semibold text-violet-100')}
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : name}
      aria-hidden={decorative || undefined}
    >
      {initialsOf(name)}
    </span>
  );
}
