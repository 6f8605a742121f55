import { describe, expect, it } from 'vitest';
import { COUNT_AFTER_SECONDS, createListenCounter } from '@/components/player/listen-counter';

/** Plays from `from` to `to` (ms), reading every 250 ms as the player does; returns the tick that counted, if any. */
function playFor(counter: ReturnType<typeof createListenCounter>, from: number, to: number): number | null {
  let countedAt: number | null = null;
  for (let t = from + 250; t <= to; t += 250) {
    if (counter.tick(t) && countedAt === null) countedAt = t;
  }
  return countedAt;
}

describe('player play counting (components/player/listen-counter)', () => {
  it('counts once, at the first reading after 30 s of playback', () => {
    const counter = createListenCounter();
    counter.play(0);
    expect(playFor(counter, 0, 29_750)).toBeNull();
    expect(counter.counted).toBe(false);
    expect(counter.tick(30_000)).toBe(true);
    expect(counter.counted).toBe(true);
    expect(playFor(counter, 30_000, 90_000)).toBeNull();
    expect(counter.seconds).toBeCloseTo(90, 5);
  });

  it('adds up listening across pauses, and a pause adds nothing', () => {
    const counter = createListenCounter();
    counter.play(0);
    playFor(counter, 0, 20_000);
    counter.pause(20_100); // the 100 ms since the last reading still count
    expect(counter.seconds).toBeCloseTo(20.1, 5);
    // Five minutes paused, with no readings (the player's timer stops while paused).
    counter.play(320_100);
    expect(playFor(counter, 320_100, 329_850)).toBeNull();
    expect(counter.seconds).toBeCloseTo(29.85, 5);
    expect(counter.tick(330_100)).toBe(true);
  });

  it('a reading while paused adds nothing', () => {
    const counter = createListenCounter();
    counter.play(0);
    playFor(counter, 0, 10_000);
    counter.pause(10_000);
    expect(counter.tick(60_000)).toBe(false);
    expect(counter.seconds).toBeCloseTo(10, 5);
  });

  it('a seek keeps what was heard before it and does not add the part jumped over', () => {
    const counter = createListenCounter();
    counter.play(0);
    playFor(counter, 0, 10_000);
    counter.seek(10_200); // jumps two minutes ahead in the track: only the 200 ms heard count
    expect(counter.seconds).toBeCloseTo(10.2, 5);
    expect(playFor(counter, 10_200, 30_000)).toBeNull();
    expect(counter.tick(30_200)).toBe(true);
  });

  it('a gap longer than 2 s between readings (a suspended machine) is not listening', () => {
    const counter = createListenCounter();
    counter.play(0);
    playFor(counter, 0, 5_000);
    expect(counter.tick(3_605_000)).toBe(false); // an hour asleep
    expect(counter.seconds).toBeCloseTo(5, 5);
    // A background tab's one reading a second still counts.
    for (let t = 3_606_000; t <= 3_631_000; t += 1000) counter.tick(t);
    expect(counter.counted).toBe(true);
  });

  it('counts at the end of a track shorter than 30 s, once, however little was heard', () => {
    const counter = createListenCounter();
    counter.play(0);
    playFor(counter, 0, 4_000);
    expect(counter.end(4)).toBe(true);
    expect(counter.end(4)).toBe(false); // played again from the end: the same load counts once
    const seekedToEnd = createListenCounter();
    seekedToEnd.play(0);
    seekedToEnd.seek(100);
    expect(seekedToEnd.end(29.9)).toBe(true);
  });

  it('the end of a longer track adds no count: 30 s of listening did, or nothing does', () => {
    const listened = createListenCounter();
    listened.play(0);
    expect(playFor(listened, 0, 31_000)).toBe(30_000);
    expect(listened.end(180)).toBe(false);
    const skipped = createListenCounter();
    skipped.play(0);
    playFor(skipped, 0, 5_000);
    skipped.seek(5_000); // to the last seconds of a three-minute track
    playFor(skipped, 5_000, 8_000);
    expect(skipped.end(180)).toBe(false);
    expect(skipped.counted).toBe(false);
  });

  it('play while already playing does not reset the clock', () => {
    const counter = createListenCounter();
    counter.play(0);
    counter.tick(1_000);
    counter.play(1_500);
    counter.tick(2_000);
    expect(counter.seconds).toBeCloseTo(2, 5);
    expect(COUNT_AFTER_SECONDS).toBe(30);
  });
});
