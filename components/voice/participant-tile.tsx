'use client';

import { clsx } from 'clsx';
import { HeadphoneOff, MicOff } from 'lucide-react';
import { useId } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { QualityLevel } from '@/lib/voice/schemas';
import type { Participant } from './voice-call';

const qualityTone: Record<QualityLevel, BadgeTone> = { excellent: 'success', good: 'warning', poor: 'danger' };

export function QualityBadge({ quality, mos }: { quality: QualityLevel | null; mos: number | null }) {
  if (!quality) return null;
  return (
    <Badge tone={qualityTone[quality]} title={mos !== null ? `Estimated MOS ${mos.toFixed(2)}` : undefined} data-testid="quality">
      {quality}
    </Badge>
  );
}

interface TileProps {
  participant: Participant;
  self: boolean;
  onVolume: (volume: number) => void;
}

/** One person in the call: avatar with a ring while they speak, their mute/deafen state, link quality and volume. */
export function ParticipantTile({ participant: p, self, onVolume }: TileProps) {
  const volumeId = useId();
  const name = self ? `${p.username} (you)` : p.username;
  const connecting = !self && p.connection !== null && p.connection !== 'connected';
  return (
    <li
      aria-label={name}
      data-speaking={p.speaking || undefined}
      className="flex flex-col items-center gap-2 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4 text-center"
    >
      <span
        className={clsx(
          'rounded-full p-1 ring-2 transition-[box-shadow,--tw-ring-color] duration-150',
          p.speaking ? 'ring-emerald-400 shadow-[0_0_18px_rgba(52,211,153,0.45)]' : 'ring-transparent',
        )}
      >
        <Avatar name={p.username} size="lg" />
      </span>
      <span className="flex max-w-full items-center gap-1.5">
        <span className="truncate text-sm font-medium text-zinc-100">{name}</span>
        {p.muted ? <MicOff className="size-4 shrink-0 text-red-400" aria-label="Muted" /> : null}
        {p.deafened ? <HeadphoneOff className="size-4 shrink-0 text-red-400" aria-label="Deafened" /> : null}
      </span>
      <span className="flex h-5 items-center gap-1.5">
        {connecting ? <span className="text-xs text-zinc-400">{p.connection === 'failed' ? 'Reconnecting…' : 'Connecting…'}</span> : null}
        <QualityBadge quality={p.quality} mos={p.mos} />
      </span>
      {self ? null : (
        <span className="flex w-full items-center gap-2">
          <label htmlFor={volumeId} className="sr-only">
            Volume of {p.username}
          </label>
          <input
            id={volumeId}
            type="range"
            min={0}
            max={200}
            step={5}
            value={Math.round(p.volume * 100)}
            onChange={(e) => onVolume(Number(e.target.value) / 100)}
            aria-valuetext={`${Math.round(p.volume * 100)}%`}
            className="w-full accent-violet-500"
          />
          <span className="w-9 text-right text-xs text-zinc-400 tabular-nums" aria-hidden="true">
            {Math.round(p.volume * 100)}%
          </span>
        </span>
      )}
    </li>
  );
}
