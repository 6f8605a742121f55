/** The voice preferences kept in this browser. */
export interface VoiceSettings {
  deviceId: string | null;
  mode: 'voice-activity' | 'push-to-talk';
  /** A KeyboardEvent.code, e.g. `Space` or `KeyT`. */
  pttKey: string;
  musicMode: boolean;
  /** Per-person playback volume, 0–2, by user id. */
  volumes: Record<number, number>;
}

const KEY = 'talas.voice.settings';

export const defaultSettings: VoiceSettings = { deviceId: null, mode: 'voice-activity', pttKey: 'Space', musicMode: false, volumes: {} };

/** Stored settings over the defaults; anything unreadable or out of range falls back to them. */
export function parseSettings(raw: string | null): VoiceSettings {
  let value: unknown;
  try {
    value = raw ? JSON.parse(raw) : null;
  } catch {
    value = null;
  }
  if (!value || typeof value !== 'object') return { ...defaultSettings };
  const v = value as Record<string, unknown>;
  const volumes: Record<number, number> = {};
  if (v.volumes && typeof v.volumes === 'object') {
    for (const [id, volume] of Object.entries(v.volumes)) {
      if (/^\d+$/.test(id) && typeof volume === 'number' && volume >= 0 && volume <= 2) volumes[Number(id)] = volume;
    }
  }
  return {
    deviceId: typeof v.deviceId === 'string' && v.deviceId ? v.deviceId : null,
    mode: v.mode === 'push-to-talk' ? 'push-to-talk' : 'voice-activity',
    pttKey: typeof v.pttKey === 'string' && /^[A-Za-z0-9]{1,32}$/.test(v.pttKey) ? v.pttKey : defaultSettings.pttKey,
    musicMode: v.musicMode === true,
    volumes,
  };
}

export function loadSettings(): VoiceSettings {
  if (typeof localStorage === 'undefined') return { ...defaultSettings };
  return parseSettings(localStorage.getItem(KEY));
}

export function saveSettings(settings: VoiceSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private mode or a full quota: the settings last for this visit.
  }
}

/** A readable name for a KeyboardEvent.code: `KeyT` → `T`, `Digit5` → `5`, `ShiftLeft` → `Left Shift`. */
export function keyLabel(code: string): string {
  if (code.startsWith('Key')) return code.slice(3);
  if (code.startsWith('Digit')) return code.slice(5);
  const side = /^(Shift|Control|Alt|Meta)(Left|Right)$/.exec(code);
  if (side) return `${side[2]} ${side[1] === 'Control' ? 'Ctrl' : side[1]}`;
  return code.replace(/([a-z])([A-Z])/g, '$1 $2');
}
