'use client';

import type { Howl } from 'howler';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { BottomPlayer } from './bottom-player';
import { formatOfMime } from './format';
import { createListenCounter } from './listen-counter';

/** What the player needs of a track (a subset of the API's Track). */
export interface PlayerTrack {
  id: number;
  title: string;
  artist: string;
  duration: number;
  mime_type: string;
}

interface PlayerState {
  track: PlayerTrack | null;
  playing: boolean;
  loading: boolean;
  /** Seconds. */
  position: number;
  duration: number;
  volume: number;
  muted: boolean;
  error: string | null;
}

interface PlayerApi extends PlayerState {
  /** Loads and plays a track; the current one toggles play/pause. */
  play: (track: PlayerTrack) => void;
  toggle: () => void;
  pause: () => void;
  seek: (seconds: number) => void;
  setVolume: (volume: number) => void;
  toggleMute: () => void;
  /** Stops and forgets the current track (e.g. it was deleted). */
  close: () => void;
  /** The play count reported after counting, for pages that show it. */
  lastCounted: { id: number; plays: number } | null;
}

const PlayerContext = createContext<PlayerApi | null>(null);

export function usePlayer(): PlayerApi {
  const ctx = useContext(PlayerContext);
  if (!ctx) throw new Error('usePlayer outside PlayerProvider');
  return ctx;
}

const SEEK_STEP = 5;

/**
 * The persistent player: mounted in the app layout, so client-side navigation keeps it (and the
 * sound) alive. howler in html5 mode streams `/audio` with Range requests instead of downloading
 * and decoding the whole file; the session cookie authorizes it (same origin).
 */
export function PlayerProvider({ children }: { children: ReactNode }) {
  const howlRef = useRef<Howl | null>(null);
  const [state, setState] = useState<PlayerState>({
    track: null,
    playing: false,
    loading: false,
    position: 0,
    duration: 0,
    volume: 0.8,
    muted: false,
    error: null,
  });
  const [lastCounted, setLastCounted] = useState<{ id: number; plays: number } | null>(null);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  // Listening time of the current load and whether its play was counted (listen-counter.ts has the rule).
  const listened = useRef(createListenCounter());

  const countPlay = useCallback((id: number) => {
    void fetch(`/api/v1/tracks/${id}/play`, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((payload: { data?: { plays?: number } } | null) => {
        if (typeof payload?.data?.plays === 'number') setLastCounted({ id, plays: payload.data.plays });
      })
      .catch(() => undefined);
  }, []);

  const play = useCallback(
    (track: PlayerTrack) => {
      const current = howlRef.current;
      if (current && stateRef.current.track?.id === track.id) {
        if (current.playing()) current.pause();
        else current.play();
        return;
      }
      current?.unload();
      listened.current = createListenCounter();
      setState((s) => ({ ...s, track, playing: false, loading: true, position: 0, duration: track.duration, error: null }));
      void import('howler').then(({ Howl }) => {
        const howl = new Howl({
          src: [`/api/v1/tracks/${track.id}/audio`],
          format: [formatOfMime(track.mime_type)],
          html5: true,
          preload: 'metadata',
          volume: stateRef.current.volume,
          mute: stateRef.current.muted,
          onplay: () => setState((s) => ({ ...s, playing: true, loading: false })),
          onpause: () => setState((s) => ({ ...s, playing: false })),
          onstop: () => setState((s) => ({ ...s, playing: false })),
          onend: () => {
            setState((s) => ({ ...s, playing: false, position: s.duration }));
            const duration = howl.duration() || stateRef.current.duration;
            if (listened.current.end(duration)) countPlay(track.id);
          },
          onload: () => {
            const d = howl.duration();
            setState((s) => ({ ...s, loading: false, duration: d > 0 ? d : s.duration }));
          },
          onloaderror: () => setState((s) => ({ ...s, loading: false, playing: false, error: 'This track could not be loaded.' })),
          onplayerror: () => setState((s) => ({ ...s, loading: false, playing: false, error: 'Playback was blocked. Press play.' })),
        });
        // On unload howler points the element at a silent `data:` URI to free it, which the CSP's
        // media-src ('self' blob:) refuses with a console error; dropping the src frees it as well.
        (howl as unknown as { _clearSound: (node: HTMLMediaElement) => void })._clearSound = (node) => {
          node.removeAttribute('src');
          node.load();
        };
        howlRef.current = howl;
        howl.play();
      });
    },
    [countPlay],
  );

  const toggle = useCallback(() => {
    const howl = howlRef.current;
    if (!howl) return;
    if (howl.playing()) howl.pause();
    else howl.play();
  }, []);

  const pause = useCallback(() => howlRef.current?.pause(), []);

  const seek = useCallback((seconds: number) => {
    const howl = howlRef.current;
    if (!howl) return;
    const duration = stateRef.current.duration || howl.duration();
    const t = Math.max(0, Math.min(duration > 0 ? duration - 0.05 : seconds, seconds));
    listened.current.seek(performance.now());
    howl.seek(t);
    setState((s) => ({ ...s, position: t }));
  }, []);

  const setVolume = useCallback((volume: number) => {
    const v = Math.max(0, Math.min(1, volume));
    howlRef.current?.volume(v);
    if (v > 0 && stateRef.current.muted) howlRef.current?.mute(false);
    setState((s) => ({ ...s, volume: v, muted: v > 0 ? false : s.muted }));
  }, []);

  const toggleMute = useCallback(() => {
    const muted = !stateRef.current.muted;
    howlRef.current?.mute(muted);
    setState((s) => ({ ...s, muted }));
  }, []);

  const close = useCallback(() => {
    howlRef.current?.unload();
    howlRef.current = null;
    setState((s) => ({ ...s, track: null, playing: false, loading: false, position: 0, duration: 0, error: null }));
  }, []);

  // Position and listening time, while playing: the effect's start and end are play and pause.
  useEffect(() => {
    if (!state.playing) return;
    const counter = listened.current;
    counter.play(performance.now());
    const timer = window.setInterval(() => {
      const howl = howlRef.current;
      const track = stateRef.current.track;
      if (!howl || !track) return;
      if (counter.tick(performance.now())) countPlay(track.id);
      const position = howl.seek();
      if (typeof position === 'number') setState((s) => ({ ...s, position }));
    }, 250);
    return () => {
      window.clearInterval(timer);
      counter.pause(performance.now());
    };
  }, [state.playing, countPlay]);

  // Keyboard shortcuts, unless the focus is in a field (or another control that uses the keys).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!howlRef.current || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="slider"], [role="combobox"], [role="listbox"]')) return;
      if (event.key === ' ' || event.code === 'Space') {
        if (target?.closest('button, a, [role="button"]')) return;
        event.preventDefault();
        toggle();
      } else if (event.key === 'ArrowLeft') {
        event.preventDefault();
        seek(stateRef.current.position - SEEK_STEP);
      } else if (event.key === 'ArrowRight') {
        event.preventDefault();
        seek(stateRef.current.position + SEEK_STEP);
      } else if (event.key === 'm' || event.key === 'M') {
        event.preventDefault();
        toggleMute();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, seek, toggleMute]);

  // Media Session: lock screen, media keys, headset buttons.
  const track = state.track;
  useEffect(() => {
    if (!track || !('mediaSession' in navigator)) return;
    const session = navigator.mediaSession;
    session.metadata = new MediaMetadata({ title: track.title, artist: track.artist, album: 'Talas' });
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => howlRef.current?.play()],
      ['pause', () => howlRef.current?.pause()],
      ['seekbackward', (d) => seek(stateRef.current.position - (d.seekOffset ?? SEEK_STEP))],
      ['seekforward', (d) => seek(stateRef.current.position + (d.seekOffset ?? SEEK_STEP))],
      ['seekto', (d) => (typeof d.seekTime === 'number' ? seek(d.seekTime) : undefined)],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this browser does not support.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // idem
        }
      }
    };
  }, [track, seek]);

  useEffect(() => {
    if (!track || !('mediaSession' in navigator)) return;
    navigator.mediaSession.playbackState = state.playing ? 'playing' : 'paused';
    const duration = state.duration;
    if (duration > 0 && 'setPositionState' in navigator.mediaSession) {
      try {
        navigator.mediaSession.setPositionState({ duration, position: Math.min(state.position, duration), playbackRate: 1 });
      } catch {
        // Inconsistent values while loading.
      }
    }
  }, [track, state.playing, state.position, state.duration]);

  useEffect(
    () => () => {
      howlRef.current?.unload();
    },
    [],
  );

  const api = useMemo<PlayerApi>(
    () => ({ ...state, play, toggle, pause, seek, setVolume, toggleMute, close, lastCounted }),
    [state, play, toggle, pause, seek, setVolume, toggleMute, close, lastCounted],
  );

  return (
    <PlayerContext.Provider value={api}>
      {children}
      {state.track ? <div aria-hidden="true" className="h-24 sm:h-20" /> : null}
      <BottomPlayer />
    </PlayerContext.Provider>
  );
}
