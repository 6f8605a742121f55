/** A play counts after this much listening, or at the end of a track shorter than this. */
export const COUNT_AFTER_SECONDS = 30;

/**
 * Longer than this between two readings (a suspended laptop, a frozen tab) is not listening: such a
 * gap adds nothing. A background tab's throttled timer (one reading a second) stays well under it.
 */
export const MAX_GAP_SECONDS = 2;

export interface ListenCounter {
  /** Listening time so far, in seconds. */
  readonly seconds: number;
  /** Whether this load's play has been counted. */
  readonly counted: boolean;
  /** Playback started or resumed at `now` (milliseconds on a monotonic clock). */
  play(now: number): void;
  /** Playback paused or stopped at `now`: the time since the last reading counts, then nothing until `play`. */
  pause(now: number): void;
  /** A seek at `now`: what was heard before it counts; the part jumped over does not. */
  seek(now: number): void;
  /** A reading while playing. True exactly once: when the listening time first reaches the threshold. */
  tick(now: number): boolean;
  /** The track ended. True exactly once, for a track shorter than the threshold that was not counted yet. */
  end(duration: number): boolean;
}

/**
 * The bottom player's play-counting rule for one load of a track, as a pure state machine over a
 * clock the caller reads (so it is tested without audio or timers): wall-clock time while playing
 * accumulates across pauses and seeks; the play counts once, when 30 s are reached, or at the end of
 * a shorter track.
 */
export function createListenCounter(threshold = COUNT_AFTER_SECONDS): ListenCounter {
  let seconds = 0;
  let counted = false;
  /** The last reading while playing, or null while paused. */
  let last: number | null = null;

  const advance = (now: number) => {
    if (last === null) return;
    const delta = (now - last) / 1000;
    if (delta > 0 && delta <= MAX_GAP_SECONDS) seconds += delta;
    last = now;
  };
  const reached = () => {
    if (counted || seconds < threshold) return false;
    counted = true;
    return true;
  };

  return {
    get seconds() {
      return seconds;
    },
    get counted() {
      return counted;
    },
    play(now) {
      if (last === null) last = now;
    },
    pause(now) {
      advance(now);
      last = null;
    },
    seek(now) {
      advance(now);
    },
    tick(now) {
      advance(now);
      return reached();
    },
    end(duration) {
      if (counted || !(duration < threshold)) return false;
      counted = true;
      return true;
    },
  };
}
