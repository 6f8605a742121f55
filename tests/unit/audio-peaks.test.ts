import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePeaks, peakWorkerState, type Peaks } from '@/lib/audio/peaks';
import { encodeWav } from '@/lib/audio/wav';
import { AppError } from '@/lib/errors';

const fixtures = path.resolve('../shared/fixtures/audio');
const fixture = (name: string) => path.join(fixtures, name);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'talas-peaks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectWellFormed(result: Peaks, points: number) {
  expect(result.length).toBe(points);
  expect(result.peaks).toHaveLength(2 * result.length);
  for (let i = 0; i < result.peaks.length; i += 2) {
    const min = result.peaks[i]!;
    const max = result.peaks[i + 1]!;
    expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(min).toBeLessThanOrEqual(max);
    // Four decimals at most.
    expect(Math.round(min * 1e4) / 1e4).toBe(min);
    expect(Math.round(max * 1e4) / 1e4).toBe(max);
  }
  // Normalized: the loudest sample reaches exactly ±1.
  expect(Math.max(...result.peaks.map(Math.abs))).toBe(1);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('computePeaks', () => {
  it.each(['wav', 'mp3', 'ogg', 'opus', 'flac', 'm4a'])('computes min/max pairs for phrase-4s.%s', async (ext) => {
    const result = await computePeaks(fixture(`phrase-4s.${ext}`));
    expectWellFormed(result, 1000);
    expect(result.sample_rate).toBe(ext === 'opus' ? 48000 : 44100);
    expect(Math.abs(result.duration - 4)).toBeLessThan(0.1);
  });

  it('honours the number of points, and the same audio in two lossless formats gives the same peaks', async () => {
    const [wav, flac] = await Promise.all([
      computePeaks(fixture('phrase-4s.wav'), { points: 64 }),
      computePeaks(fixture('phrase-4s.flac'), { points: 64 }),
    ]);
    expectWellFormed(wav, 64);
    expectWellFormed(flac, 64);
    // The decoders scale 16-bit samples slightly differently: equal to the last rounding step.
    flac.peaks.forEach((v, i) => expect(Math.abs(v - wav.peaks[i]!)).toBeLessThanOrEqual(1.01e-4));
  });

  it('gives zeros, not NaN, for a silent file', async () => {
    const file = path.join(dir, 'silence.wav');
    const silence = new Float32Array(44100);
    await writeFile(file, encodeWav([silence, silence], 44100));
    const result = await computePeaks(file, { points: 200 });
    expect(result.length).toBe(200);
    expect(result.duration).toBe(1);
    expect(result.peaks.every((v) => Object.is(v, 0))).toBe(true);
  });

  it('returns fewer buckets than asked when the file has fewer samples', async () => {
    const file = path.join(dir, 'tiny.wav');
    const ramp = Float32Array.from({ length: 10 }, (_, i) => (i - 5) / 10);
    await writeFile(file, encodeWav([ramp], 8000));
    const result = await computePeaks(file, { points: 1000 });
    expectWellFormed(result, 10);
    expect(result.peaks.slice(0, 4)).toEqual([-1, -1, -0.8, -0.8]);
  });

  it('decodes a 10-minute mp3 in a worker while the event loop keeps running', async () => {
    // Not a timing threshold (speed is the benchmark's job): the decode runs in a worker thread, and
    // the main thread keeps serving timers while it does, which a decode on the event loop would stop.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const pending = computePeaks(fixture('long-10min.mp3'));
    expect(peakWorkerState().running).toBe(1);
    let result: Peaks;
    try {
      result = await pending;
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThanOrEqual(2);
    expectWellFormed(result, 1000);
    expect(result.sample_rate).toBe(22050);
    expect(Math.abs(result.duration - 600)).toBeLessThanOrEqual(1);
  });

  it('runs at most two workers at once and queues the rest', async () => {
    // Two on this two-core machine (and CI); one where there is a single core.
    expect(peakWorkerState()).toMatchObject({ running: 0, queued: 0, limit: Math.min(2, availableParallelism()) });
    let maxRunning = 0;
    const sampler = setInterval(() => (maxRunning = Math.max(maxRunning, peakWorkerState().running)), 2);
    try {
      const calls = ['wav', 'flac', 'ogg'].map((ext) => computePeaks(fixture(`phrase-4s.${ext}`), { points: 100 }));
      const { limit } = peakWorkerState();
      expect(peakWorkerState()).toMatchObject({ running: limit, queued: 3 - limit });
      const results = await Promise.all(calls);
      for (const r of results) expectWellFormed(r, 100);
    } finally {
      clearInterval(sampler);
    }
    expect(maxRunning).toBe(peakWorkerState().limit);
    expect(peakWorkerState()).toMatchObject({ running: 0, queued: 0 });
  });

  it('terminates a worker that runs past its timeout and frees its slot', async () => {
    const err = await rejection(computePeaks(fixture('long-10min.mp3'), { timeoutMs: 20 }));
    expect(err.code).toBe('TIMEOUT');
    expect(peakWorkerState().running).toBe(0);
    // The slot is usable again.
    expectWellFormed(await computePeaks(fixture('phrase-4s.wav'), { points: 10 }), 10);
  });

  it.each(['text-renamed.mp3', 'empty.wav'])('refuses %s as unsupported media', async (name) => {
    const err = await rejection(computePeaks(fixture(name)));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('decodes what a truncated mp3 holds, without crashing', async () => {
    // The audio before the cut is real; readAudioMetadata is what refuses this file at upload.
    const result = await computePeaks(fixture('truncated.mp3'), { points: 100 });
    expect(result.duration).toBeLessThan(0.5);
    expect(result.peaks).toHaveLength(2 * result.length);
  });

  it('refuses a bad number of points', async () => {
    for (const points of [0, 1.5, 100_000]) {
      expect((await rejection(computePeaks(fixture('phrase-4s.wav'), { points }))).code).toBe('INVALID_INPUT');
    }
  });

  it('lets a missing file fail as an internal error', async () => {
    const err = await computePeaks(fixture('no-such-file.mp3')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(AppError);
  });
});
