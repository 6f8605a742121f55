'use client';

import { Minus, Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type WaveSurfer from 'wavesurfer.js';
import { usePlayer, type PlayerTrack } from '@/components/player/player-provider';
import { formatTime } from '@/components/player/format';
import { Button } from '@/components/ui/button';

interface Peaks {
  length: number;
  sample_rate: number;
  peaks: number[];
}

const ZOOM_STEPS = [0, 25, 50, 100, 200, 400];

/**
 * The track's waveform, drawn by wavesurfer.js from the server's peaks: it never fetches or
 * decodes the audio (a long file would crash the decoder). It has no media of its own: the bottom
 * player is the one that plays; the waveform follows its time, and a click seeks it.
 */
export function TrackWaveform({ track }: { track: PlayerTrack }) {
  const container = useRef<HTMLDivElement>(null);
  const wsRef = useRef<WaveSurfer | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [zoom, setZoom] = useState(0);
  const player = usePlayer();
  const playerRef = useRef(player);
  useEffect(() => {
    playerRef.current = player;
  });
  const trackRef = useRef(track);
  useEffect(() => {
    trackRef.current = track;
  });
  const isCurrent = player.track?.id === track.id;
  const { id, duration } = track;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const controller = new AbortController();
    let ws: WaveSurfer | null = null;
    (async () => {
      try {
        const [{ default: WaveSurferCtor }, { default: Hover }, response] = await Promise.all([
          import('wavesurfer.js'),
          import('wavesurfer.js/dist/plugins/hover.esm.js'),
          fetch(`/api/v1/tracks/${id}/peaks`, { credentials: 'same-origin', signal: controller.signal }),
        ]);
        const payload = (await response.json()) as { success?: boolean; data?: Peaks };
        if (controller.signal.aborted) return;
        if (!response.ok || !payload.data) throw new Error('peaks');
        ws = WaveSurferCtor.create({
          container: el,
          height: 112,
          waveColor: '#52525b',
          progressColor: '#8b5cf6',
          cursorColor: '#c4b5fd',
          cursorWidth: 2,
          barWidth: 2,
          barGap: 1,
          barRadius: 2,
          normalize: true,
          peaks: [payload.data.peaks],
          duration,
          dragToSeek: true,
          plugins: [
            Hover.create({ lineColor: '#c4b5fd', labelBackground: '#18181b', labelColor: '#fafafa', labelSize: 11, formatTimeCallback: formatTime }),
          ],
        });
        ws.on('interaction', (time) => {
          const p = playerRef.current;
          if (p.track?.id === id) p.seek(time);
          else {
            p.play(trackRef.current);
            window.setTimeout(() => playerRef.current.seek(time), 300);
          }
        });
        ws.on('ready', () => setStatus('ready'));
        wsRef.current = ws;
        setStatus('ready');
      } catch {
        if (!controller.signal.aborted) setStatus('error');
      }
    })();
    return () => {
      controller.abort();
      ws?.destroy();
      wsRef.current = null;
    };
  }, [id, duration]);

  // Follow the bottom player's time when it plays this track.
  const position = isCurrent ? player.position : 0;
  useEffect(() => {
    const ws = wsRef.current;
    if (!ws || status !== 'ready') return;
    try {
      ws.setTime(position);
    } catch {
      // Not ready yet.
    }
  }, [position, status]);

  useEffect(() => {
    const ws = wsRef.current;
    if (!ws || status !== 'ready') return;
    try {
      ws.zoom(ZOOM_STEPS[zoom] ?? 0);
    } catch {
      // Not ready yet.
    }
  }, [zoom, status]);

  return (
    <div className="flex flex-col gap-2">
      <div className="relative rounded-xl border border-zinc-800 bg-zinc-950/60 p-3">
        <div
          ref={container}
          role="group"
          aria-label="Waveform: click to seek"
          data-testid="waveform"
          className="min-h-28 w-full cursor-pointer"
        />
        {status === 'loading' ? <p className="absolute inset-0 grid place-items-center text-sm text-zinc-500">Drawing the waveform…</p> : null}
        {status === 'error' ? (
          <p role="alert" className="absolute inset-0 grid place-items-center text-sm text-red-300">
            The waveform could not be loaded.
          </p>
        ) : null}
      </div>
      <div className="flex items-center justify-end gap-2 text-xs text-zinc-400">
        <span>Zoom</span>
        <Button variant="secondary" size="sm" aria-label="Zoom out" disabled={zoom === 0} onClick={() => setZoom((z) => Math.max(0, z - 1))}>
          <Minus className="size-4" aria-hidden="true" />
        </Button>
        <Button
          variant="secondary"
          size="sm"
          aria-label="Zoom in"
          disabled={zoom === ZOOM_STEPS.length - 1}
          onClick={() => setZoom((z) => Math.min(ZOOM_STEPS.length - 1, z + 1))}
        >
          <Plus className="size-4" aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
