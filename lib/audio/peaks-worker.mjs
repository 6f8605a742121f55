// Worker thread for lib/audio/peaks.ts: decodes an audio file and reduces it to min/max peaks.
//
// Plain JavaScript ESM on purpose: the same file is started from vitest, from Next.js's bundled route
// handlers and from the esbuild-bundled dist/server.mjs, and only an untranspiled file loads unchanged
// in all three. Keep it dependency-light (audio-decode only) and free of project imports.
//
// Input (workerData): { filePath, points }. Output: one message, either
//   { ok: true, result: { length, sample_rate, duration, peaks } } or
//   { ok: false, kind: 'unsupported' | 'internal', message }.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'audio-decode';

/** Read size for the streaming decode: small enough that encoded input never piles up. */
const CHUNK_BYTES = 64 * 1024;
/**
 * Upper bound on the fine-grained min/max blocks kept while decoding. When it fills, neighbouring
 * blocks merge and the block size doubles, so memory stays constant whatever the file's length and
 * the decoded PCM is never held whole (a 10-minute stereo file would be ~100 MB of float32).
 */
export const MAX_BLOCKS = 1 << 16;

/** Codec name audio-decode expects, from the file's first bytes (the bytes are the truth, not the name). */
export async function sniffFormat(filePath) {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(64);
    let { bytesRead } = await handle.read(head, 0, head.length, 0);
    let buf = head.subarray(0, bytesRead);
    // An ID3v2 tag (possibly with cover art) may precede MP3, AAC or FLAC data: look past it.
    if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'ID3') {
      const size = ((buf[6] & 0x7f) << 21) | ((buf[7] & 0x7f) << 14) | ((buf[8] & 0x7f) << 7) | (buf[9] & 0x7f);
      const offset = 10 + size + (buf[5] & 0x10 ? 10 : 0);
      ({ bytesRead } = await handle.read(head, 0, head.length, offset));
      buf = head.subarray(0, bytesRead);
      if (buf.length >= 4 && buf.toString('latin1', 0, 4) === 'fLaC') return 'flac';
      if (isAdts(buf)) return 'aac';
      return 'mp3';
    }
    if (buf.length < 12) return undefined;
    const ascii = (start, end) => buf.toString('latin1', start, end);
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
    if (ascii(0, 4) === 'fLaC') return 'flac';
    if (ascii(0, 4) === 'OggS') {
      if (ascii(28, 36) === 'OpusHead') return 'opus';
      if (ascii(28, 33) === '\x7fFLAC') return 'flac';
      if (ascii(29, 35) === 'vorbis') return 'oga';
      return undefined;
    }
    if (ascii(4, 8) === 'ftyp') return 'm4a';
    if (isAdts(buf)) return 'aac';
    // MPEG audio frame sync with a non-reserved layer.
    if (buf[0] === 0xff && (buf[1] & 0xe0) === 0xe0 && (buf[1] & 0x06) !== 0) return 'mp3';
    return undefined;
  } finally {
    await handle.close();
  }
}

function isAdts(buf) {
  return buf.length >= 2 && buf[0] === 0xff && (buf[1] & 0xf6) === 0xf0;
}

/**
 * Running min/max over fixed-size blocks of samples, all channels mixed by taking the extremes
 * across them. The block size adapts (doubling) so at most MAX_BLOCKS blocks are ever kept.
 */
export class PeakAccumulator {
  constructor() {
    this.mins = new Float32Array(MAX_BLOCKS);
    this.maxs = new Float32Array(MAX_BLOCKS);
    this.blocks = 0;
    this.blockSize = 1;
    this.inBlock = 0;
    this.curMin = Infinity;
    this.curMax = -Infinity;
    this.samples = 0;
    this.sampleRate = 0;
  }

  add(channelData, sampleRate) {
    if (channelData.length === 0) return;
    if (!this.sampleRate) this.sampleRate = sampleRate;
    const n = channelData[0].length;
    const channels = channelData.length;
    let { curMin, curMax, inBlock, blockSize } = this;
    for (let i = 0; i < n; i++) {
      let lo = channelData[0][i];
      let hi = lo;
      for (let c = 1; c < channels; c++) {
        const s = channelData[c][i];
        if (s < lo) lo = s;
        if (s > hi) hi = s;
      }
      // NaN compares false everywhere, so a corrupt sample is simply skipped.
      if (lo < curMin) curMin = lo;
      if (hi > curMax) curMax = hi;
      if (++inBlock === blockSize) {
        this.push(curMin, curMax);
        blockSize = this.blockSize;
        curMin = Infinity;
        curMax = -Infinity;
        inBlock = 0;
      }
    }
    Object.assign(this, { curMin, curMax, inBlock });
    this.samples += n;
  }

  push(min, max) {
    if (this.blocks === MAX_BLOCKS) {
      // Halve the resolution: merge neighbours, double the block size.
      const half = MAX_BLOCKS / 2;
      for (let i = 0; i < half; i++) {
        this.mins[i] = Math.min(this.mins[2 * i], this.mins[2 * i + 1]);
        this.maxs[i] = Math.max(this.maxs[2 * i], this.maxs[2 * i + 1]);
      }
      this.blocks = half;
      this.blockSize *= 2;
    }
    // A block of NaN only keeps its ±Infinity start values: store silence instead.
    this.mins[this.blocks] = Number.isFinite(min) ? min : 0;
    this.maxs[this.blocks] = Number.isFinite(max) ? max : 0;
    this.blocks++;
  }

  /** Reduces the blocks to `points` min/max pairs normalized by the largest absolute amplitude. */
  finish(points) {
    if (this.inBlock > 0) this.push(this.curMin, this.curMax);
    this.inBlock = 0;
    const blocks = this.blocks;
    const length = Math.min(points, blocks);
    let peak = 0;
    for (let i = 0; i < blocks; i++) {
      peak = Math.max(peak, Math.abs(this.mins[i]), Math.abs(this.maxs[i]));
    }
    // A silent file has no peak to scale by: it stays all zeros rather than 0/0 = NaN.
    const scale = peak > 0 ? 1 / peak : 0;
    const round = (v) => Math.round(v * scale * 1e4) / 1e4 || 0; // `|| 0` turns -0 into 0
    const peaks = new Array(2 * length);
    for (let b = 0; b < length; b++) {
      const from = Math.floor((b * blocks) / length);
      const to = Math.floor(((b + 1) * blocks) / length);
      let min = Infinity;
      let max = -Infinity;
      for (let i = from; i < to; i++) {
        if (this.mins[i] < min) min = this.mins[i];
        if (this.maxs[i] > max) max = this.maxs[i];
      }
      peaks[2 * b] = Math.max(-1, round(min));
      peaks[2 * b + 1] = Math.min(1, round(max));
    }
    return {
      length,
      sample_rate: this.sampleRate,
      duration: this.sampleRate ? Math.round((this.samples / this.sampleRate) * 1000) / 1000 : 0,
      peaks,
    };
  }
}

class Unsupported extends Error {}

async function run({ filePath, points }) {
  const format = await sniffFormat(filePath);
  if (!format) throw new Unsupported('Not a recognised audio format');
  const acc = new PeakAccumulator();
  try {
    for await (const { channelData, sampleRate } of decode(
      createReadStream(filePath, { highWaterMark: CHUNK_BYTES }),
      format,
    )) {
      acc.add(channelData, sampleRate);
    }
  } catch (err) {
    // Errors from the file system are ours; anything the codec throws means the audio is undecodable.
    if (err && typeof err === 'object' && 'syscall' in err) throw err;
    throw new Unsupported(`Could not decode ${format} audio: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (acc.samples === 0 || !acc.sampleRate) throw new Unsupported(`No audio could be decoded from this ${format} file`);
  return acc.finish(points);
}

// Only act as a worker when started as one, so tests or tools may import the helpers above.
if (parentPort && workerData && workerData.filePath) {
  run(workerData).then(
    (result) => parentPort.postMessage({ ok: true, result }),
    (err) =>
      parentPort.postMessage({
        ok: false,
        kind: err instanceof Unsupported ? 'unsupported' : 'internal',
        message: err instanceof Error ? err.message : String(err),
      }),
  );
}
