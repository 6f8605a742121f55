import { ShieldAlert, ShieldCheck, ShieldX } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { daysBetween, daysLeftLabel, formatDate, todayUtc } from './format';
import type { GearStatus } from './types';

/** How far ahead "Expiring soon" looks, like the API's `filter=expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;

export type WarrantyState = 'expired' | 'expiring' | 'active';

export interface Warranty {
  state: WarrantyState;
  daysLeft: number;
  expires: string;
}

/** Where a warranty stands today (UTC); null when the item has no warranty date. */
export function warrantyOf(expires: string | null, daysLeft?: number, today = todayUtc()): Warranty | null {
  if (!expires) return null;
  const days = daysLeft ?? daysBetween(today, expires);
  const state: WarrantyState = days < 0 ? 'expired' : days <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active';
  return { state, daysLeft: days, expires };
}

const looks: Record<WarrantyState, { label: string; tone: BadgeTone; icon: typeof ShieldCheck }> = {
  expired: { label: 'Expired', tone: 'danger', icon: ShieldX },
  expiring: { label: 'Expiring soon', tone: 'warning', icon: ShieldAlert },
  active: { label: 'Under warranty', tone: 'success', icon: ShieldCheck },
};

interface WarrantyBadgeProps {
  expires: string | null;
  daysLeft?: number;
  /** Adds "n days left" (expiring soon) or the date after the badge. */
  detail?: boolean;
  className?: string;
}

/** Expired (red), Expiring soon (amber, ≤ 30 days), Under warranty (green); nothing without a date. */
export function WarrantyBadge({ expires, daysLeft, detail = true, className }: WarrantyBadgeProps) {
  const warranty = warrantyOf(expires, daysLeft);
  if (!warranty) return null;
  const { label, tone, icon: Icon } = looks[warranty.state];
  return (
    <span className={className ? `inline-flex flex-wrap items-center gap-x-2 gap-y-1 ${className}` : 'inline-flex flex-wrap items-center gap-x-2 gap-y-1'}>
      <Badge tone={tone} title={`Warranty ${warranty.state === 'expired' ? 'expired' : 'expires'} ${formatDate(warranty.expires)}`}>
        <Icon className="size-3.5" aria-hidden="true" />
        {label}
      </Badge>
      {detail && warranty.state === 'expiring' ? (
        <span className="text-xs font-medium text-amber-200 tabular-nums">{daysLeftLabel(warranty.daysLeft)}</span>
      ) : null}
    </span>
  );
}

const statusLooks: Record<GearStatus, { label: string; tone: BadgeTone; dot: string }> = {
  active: { label: 'Active', tone: 'accent', dot: 'bg-violet-300' },
  sold: { label: 'Sold', tone: 'neutral', dot: 'bg-zinc-400' },
  broken: { label: 'Broken', tone: 'danger', dot: 'bg-red-400' },
  archived: { label: 'Archived', tone: 'neutral', dot: 'bg-zinc-500' },
};

export const gearStatusLabels: Record<GearStatus, string> = {
  active: 'Active',
  sold: 'Sold',
  broken: 'Broken',
  archived: 'Archived',
};

export function GearStatusBadge({ status }: { status: GearStatus }) {
  const { label, tone, dot } = statusLooks[status];
  return (
    <Badge tone={tone}>
      <span className={`size-1.5 rounded-full ${dot}`} aria-hidden="true" />
      {label}
    </Badge>
  );
}
