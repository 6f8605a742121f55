import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBuffer } from 'music-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudioMetadata } from '@/lib/audio/metadata';
import { computePeaks } from '@/lib/audio/peaks';
import { synthesizeWav, synthVoices } from '@/lib/audio/synth';
import { encodeWav } from '@/lib/audio/wav';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'talas-synth-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Root-mean-square level of each whole second of 16-bit stereo PCM after the 44-byte header. */
function rmsPerSecond(wav: Buffer, sampleRate: number): number[] {
  const pcm = new Int16Array(wav.buffer, wav.byteOffset + 44, (wav.length - 44) / 2);
  const perSecond = sampleRate * 2;
  const out: number[] = [];
  for (let s = 0; s + perSecond <= pcm.length; s += perSecond) {
    let sum = 0;
    for (let i = s; i < s + perSecond; i++) sum += (pcm[i]! / 32768) ** 2;
    out.push(Math.sqrt(sum / perSecond));
  }
  return out;
}

describe('synthesizeWav', () => {
  it.each(synthVoices)('writes a valid 16-bit stereo WAV of the right length: %s', async (voice) => {
    const wav = synthesizeWav({ seconds: 6, voice, seed: 7 });
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.length).toBe(44 + 6 * 44100 * 4);
    const { format } = await parseBuffer(wav, { mimeType: 'audio/wav' });
    expect(format).toMatchObject({ container: 'WAVE', codec: 'PCM', sampleRate: 44100, numberOfChannels: 2, bitsPerSample: 16 });
    expect(format.duration).toBeCloseTo(6, 3);
    // Music, not silence: every second but the faded last one carries sound.
    const levels = rmsPerSecond(wav, 44100);
    expect(levels.slice(0, -1).every((rms) => rms > 0.01)).toBe(true);
  });

  it('is deterministic for a seed, and different for another seed or voice', () => {
    const a = synthesizeWav({ seconds: 3, voice: 'lofi', seed: 42 });
    expect(synthesizeWav({ seconds: 3, voice: 'lofi', seed: 42 }).equals(a)).toBe(true);
    expect(synthesizeWav({ seconds: 3, voice: 'lofi', seed: 43 }).equals(a)).toBe(false);
    expect(synthesizeWav({ seconds: 3, voice: 'techno', seed: 42 }).equals(a)).toBe(false);
    expect(synthesizeWav({ seconds: 3, voice: 'drone', seed: 'demo-1' }).equals(synthesizeWav({ seconds: 3, voice: 'drone', seed: 'demo-1' }))).toBe(true);
  });

  it('honours the sample rate', async () => {
    const wav = synthesizeWav({ seconds: 2, voice: 'chiptune', seed: 1, sampleRate: 22050 });
    const { format } = await parseBuffer(wav, { mimeType: 'audio/wav' });
    expect(format).toMatchObject({ sampleRate: 22050, numberOfChannels: 2 });
    expect(format.duration).toBeCloseTo(2, 3);
  });

  it('makes files the upload pipeline accepts: metadata and peaks', async () => {
    const file = path.join(dir, 'ambient.wav');
    await writeFile(file, synthesizeWav({ seconds: 5, voice: 'ambient', seed: 9 }));
    const meta = await readAudioMetadata(file, 'audio/wav');
    expect(meta).toMatchObject({ duration: 5, sampleRate: 44100, channels: 2, codec: 'PCM' });
    const peaks = await computePeaks(file, { points: 100 });
    expect(peaks).toMatchObject({ length: 100, sample_rate: 44100, duration: 5 });
    expect(Math.max(...peaks.peaks.map(Math.abs))).toBe(1);
  });

  it('refuses impossible options', () => {
    expect(() => synthesizeWav({ seconds: 0, voice: 'ambient', seed: 1 })).toThrow(RangeError);
    expect(() => synthesizeWav({ seconds: 1, voice: 'ambient', seed: 1, sampleRate: 100 })).toThrow(RangeError);
    expect(() => synthesizeWav({ seconds: 1, voice: 'polka' as never, seed: 1 })).toThrow(RangeError);
  });
});

describe('encodeWav', () => {
  it('interleaves, clips and rounds samples into 16-bit PCM', () => {
    const wav = encodeWav([Float32Array.from([0, 1, 2, NaN]), Float32Array.from([-1, -0.5, -3, 0.25])], 8000);
    expect(wav.length).toBe(44 + 16);
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(28)).toBe(32000);
    expect(wav.readUInt32LE(40)).toBe(16);
    const pcm = Array.from({ length: 8 }, (_, i) => wav.readInt16LE(44 + 2 * i));
    expect(pcm).toEqual([0, -32767, 32767, -16383, 32767, -32767, 0, 8192]);
  });
});
