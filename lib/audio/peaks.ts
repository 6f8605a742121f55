import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { Semaphore } from './semaphore';

/** Waveform peaks as `GET /tracks/:id/peaks` serves them (plus the decoded duration). */
export interface Peaks {
  /** Number of buckets; `peaks` holds one [min, max] pair per bucket. */
  length: number;
  /** Sample rate of the decoded audio, in Hz. */
  sample_rate: number;
  /** Duration of the audio actually decoded, in seconds (rounded to ms): exact, unlike header estimates. */
  duration: number;
  /** `[min0, max0, min1, max1, …]` in [-1, 1], normalized by the file's largest absolute sample. */
  peaks: number[];
}

export interface PeaksOptions {
  /** Buckets wanted (fewer when the file has fewer samples). Default 1000. */
  points?: number;
  /** Limit on the worker's run time, not counting time queued. Default 60 s. */
  timeoutMs?: number;
}

export const DEFAULT_POINTS = 1000;
/** The worker keeps at most 65536 fine blocks; half of that leaves every bucket at least two. */
export const MAX_POINTS = 32768;
export const DEFAULT_PEAKS_TIMEOUT_MS = 60_000;

/**
 * Where the worker lives. Every entry point (vitest, `next dev`/`next start` route handlers, dist/server.mjs)
 * runs from the repository root, while `import.meta.url` points into .next/ or dist/ once bundled, and
 * bundlers neither copy nor transpile a file only named at run time. Hence the plain .mjs and the cwd.
 */
export function peaksWorkerPath(): string {
  return path.join(process.cwd(), 'lib/audio/peaks-worker.mjs');
}

/**
 * Decoding is CPU- and memory-heavy (up to ~100 MB RSS per worker for a long file): two at a time
 * on this two-core deployment, one on a single core; the rest wait their turn.
 */
export const MAX_PEAK_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

// On globalThis because Next bundles route handlers apart from server.ts: one limit per process.
const slotsKey = Symbol.for('talas.audio.peakWorkerSlots');
const globalSlots = globalThis as typeof globalThis & { [slotsKey]?: Semaphore };
const slots = (globalSlots[slotsKey] ??= new Semaphore(MAX_PEAK_WORKERS));

/** How many peak workers are running and how many calls wait for a slot (for health checks and tests). */
export function peakWorkerState(): { running: number; queued: number; limit: number } {
  return { running: slots.active, queued: slots.waiting, limit: slots.limit };
}

type WorkerReply =
  | { ok: true; result: Peaks }
  | { ok: false; kind: 'unsupported' | 'internal'; message: string };

/**
 * Waveform peaks of an audio file, computed in a worker thread so the event loop never blocks.
 * The file is stream-decoded, so memory stays bounded whatever its length.
 *
 * Rejects with AppError UNSUPPORTED_MEDIA_TYPE when the bytes are not decodable audio, TIMEOUT when
 * the worker runs past `timeoutMs` (it is terminated), INVALID_INPUT for a bad `points`; anything
 * else (missing file, crashed worker) is an internal Error.
 */
export async function computePeaks(filePath: string, options: PeaksOptions = {}): Promise<Peaks> {
  const points = options.points ?? DEFAULT_POINTS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PEAKS_TIMEOUT_MS;
  if (!Number.isInteger(points) || points < 1 || points > MAX_POINTS) {
    throw new AppError('INVALID_INPUT', `points must be an integer from 1 to ${MAX_POINTS}`);
  }
  const release = await slots.acquire();
  try {
    return await runWorker(filePath, points, timeoutMs);
  } finally {
    release();
  }
}

function runWorker(filePath: string, points: number, timeoutMs: number): Promise<Peaks> {
  return new Promise<Peaks>((resolve, reject) => {
    const worker = new Worker(peaksWorkerPath(), { workerData: { filePath: path.resolve(filePath), points } });
    let settled = false;
    // Settle once, then terminate: a worker that timed out or failed must not keep decoding.
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new AppError('TIMEOUT', `Waveform analysis took longer than ${Math.round(timeoutMs / 1000)} s`)),
        ),
      timeoutMs,
    );
    worker.once('message', (reply: WorkerReply) =>
      settle(() => {
        if (reply.ok) resolve(reply.result);
        else if (reply.kind === 'unsupported') reject(new AppError('UNSUPPORTED_MEDIA_TYPE', reply.message));
        else reject(new Error(`Waveform analysis failed: ${reply.message}`));
      }),
    );
    worker.once('error', (err) => settle(() => reject(new Error(`Waveform worker crashed: ${err.message}`, { cause: err }))));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`Waveform worker exited with code ${code} before answering`))),
    );
  });
}
