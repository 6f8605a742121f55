/** Size of the canonical RIFF/WAVE header written below. */
export const WAV_HEADER_BYTES = 44;

/**
 * Encodes float PCM (one array per channel, samples in [-1, 1], clipped beyond) as a 16-bit PCM WAV.
 * The RIFF header is written by hand: it is 44 fixed bytes and needs no dependency.
 */
export function encodeWav(channels: Float32Array[], sampleRate: number): Buffer {
  const channelCount = channels.length;
  if (channelCount < 1 || channelCount > 8) throw new RangeError('A WAV needs 1 to 8 channels');
  if (!Number.isInteger(sampleRate) || sampleRate < 1) throw new RangeError('Sample rate must be a positive integer');
  const frames = channels[0]!.length;
  if (channels.some((c) => c.length !== frames)) throw new RangeError('All channels must have the same length');

  const blockAlign = channelCount * 2;
  const dataBytes = frames * blockAlign;
  const out = Buffer.alloc(WAV_HEADER_BYTES + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(channelCount, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * blockAlign, 28); // byte rate
  out.writeUInt16LE(blockAlign, 32);
  out.writeUInt16LE(16, 34); // bits per sample
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);

  // Interleave through an Int16Array view: far faster than a writeInt16LE call per sample.
  // The header is 44 bytes, so the view is 2-byte aligned; WAV and every platform Node runs on are little-endian.
  const pcm = new Int16Array(out.buffer, out.byteOffset + WAV_HEADER_BYTES, frames * channelCount);
  for (let c = 0; c < channelCount; c++) {
    const data = channels[c]!;
    for (let i = 0, j = c; i < frames; i++, j += channelCount) {
      const s = data[i]!;
      // NaN fails both comparisons and would become 0 below, which is what we want.
      const clipped = s > 1 ? 1 : s < -1 ? -1 : s;
      pcm[j] = Math.round(clipped * 32767) || 0;
    }
  }
  return out;
}
