import { clsx } from 'clsx';
import type { HTMLAttributes } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

const tones: Record<BadgeTone, string> = {
  neutral: 'border-zinc-700 bg-zinc-800/80 text-zinc-300',
  accent: 'border-violet-400/30 bg-violet-500/15 text-violet-200',
  success: 'border-emerald-400/30 bg-emerald-500/10 text-emerald-300',
  warning: 'border-amber-400/30 bg-amber-500/10 text-amber-200',
  danger: 'border-red-400/30 bg-red-500/10 text-red-300',
};

interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
}

export function Badge({ tone = 'neutral', className, ...props }: BadgeProps) {
  return (
    <span
      className={clsx(
        'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}

type Role = 'user' | 'moderator' | 'admin' | 'super_admin';

const roleBadges: Record<Role, { label: string; tone: BadgeTone }> = {
  user: { label: 'Member', tone: 'neutral' },
  moderator: { label: 'Moderator', tone: 'success' },
  admin: { label: 'Admin', tone: 'accent' },
  super_admin: { label: 'Super admin', tone: 'accent' },
};

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  const { label, tone } = roleBadges[role];
  return (
    <Badge tone={tone} className={className}>
      {label}
    </Badge>
  );
}

type Status = 'active' | 'suspended' | 'banned';

const statusBadges: Record<Status, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  suspended: { label: 'Suspended', tone: 'warning' },
  banned: { label: 'Banned', tone: 'danger' },
};

export function StatusBadge({ status }: { status: Status }) {
  const { label, tone } = statusBadges[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** Marks a section that is not built yet; assistive technology hears "(coming soon)". */
export function SoonBadge({ className }: { className?: string }) {
  return (
    <>
      <Badge
        tone="accent"
        aria-hidden="true"
        className={clsx('px-1.5 py-0 text-[0.6875rem] uppercase tracking-wide', className)}
      >
        Soon
      </Badge>
      <span className="sr-only"> (coming soon)</span>
    </>
  );
}
