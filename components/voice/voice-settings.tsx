'use client';

import { clsx } from 'clsx';
import { useEffect, useId, useState } from 'react';
import { Switch } from '@/components/resources/switch';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { keyLabel } from './settings';
import type { CallState, VoiceCall } from './voice-call';

/** A bar showing the microphone level, green while it would count as speech. */
export function LevelMeter({ level, label }: { level: number; label: string }) {
  const percent = Math.round(Math.min(1, level) * 100);
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full overflow-hidden rounded-full bg-zinc-800">
      <div className={clsx('h-full rounded-full transition-[width] duration-75', percent > 6 ? 'bg-emerald-400' : 'bg-zinc-500')} style={{ width: `${percent}%` }} />
    </div>
  );
}

/** Press a key to make it the push-to-talk key. */
function KeyPicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const [listening, setListening] = useState(false);
  useEffect(() => {
    if (!listening) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      if (e.code !== 'Escape') onChange(e.code);
      setListening(false);
    };
    window.addEventListener('keydown', onKey, { capture: true, once: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [listening, onChange]);
  return (
    <Button variant="secondary" size="sm" onClick={() => setListening(true)} aria-live="polite">
      {listening ? 'Press a key… (Esc cancels)' : `Key: ${keyLabel(value)}`}
    </Button>
  );
}

export function VoiceSettingsPanel({ call, state }: { call: VoiceCall; state: CallState }) {
  const deviceId = useId();
  const { settings } = state;
  const inCall = state.status === 'connected' || state.status === 'reconnecting';
  return (
    <section aria-labelledby={`${deviceId}-title`} className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
      <h3 id={`${deviceId}-title`} className="text-sm font-semibold text-zinc-100">
        Audio settings
      </h3>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={deviceId}>Microphone</Label>
        <Select id={deviceId} value={settings.deviceId ?? ''} onChange={(e) => void call.selectDevice(e.target.value || null)}>
          <option value="">System default</option>
          {state.devices
            .filter((d) => d.deviceId && d.deviceId !== 'default')
            .map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
        </Select>
        {inCall ? <LevelMeter level={state.micLevel} label="Microphone level" /> : <p className="text-xs text-zinc-400">Join a channel to see your level.</p>}
      </div>
      <Switch
        checked={state.loopback}
        onChange={(on) => call.setLoopback(on)}
        disabled={!inCall}
        label="Test my mic"
        description="Hear yourself with a short delay, as others hear you. Use headphones."
      />
      <Switch
        checked={state.musicMode}
        onChange={(on) => void call.setMusicMode(on)}
        label="Music mode"
        description="For instruments: no echo cancellation, noise suppression or auto gain; stereo at a high bitrate."
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-zinc-200">Input mode</legend>
        {(['voice-activity', 'push-to-talk'] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-2 text-sm text-zinc-300">
            <input type="radio" name="voice-mode" checked={settings.mode === mode} onChange={() => call.updateSettings({ mode })} className="accent-violet-500" />
            {mode === 'voice-activity' ? 'Voice activity' : 'Push to talk'}
          </label>
        ))}
        {settings.mode === 'push-to-talk' ? (
          <div className="flex items-center gap-3 pl-6">
            <KeyPicker value={settings.pttKey} onChange={(pttKey) => call.updateSettings({ pttKey })} />
            <span className={clsx('text-xs', state.talking ? 'text-emerald-300' : 'text-zinc-400')}>{state.talking ? 'Talking' : 'Hold to talk'}</span>
          </div>
        ) : null}
      </fieldset>
    </section>
  );
}
