import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudioMetadata } from '@/lib/audio/metadata';
import { AppError } from '@/lib/errors';

const fixtures = path.resolve('../shared/fixtures/audio');
const fixture = (name: string) => path.join(fixtures, name);

const formats = [
  ['wav', 'audio/wav', 4.0, 'PCM'],
  ['mp3', 'audio/mpeg', 4.05, 'MPEG 1 Layer 3'],
  ['ogg', 'audio/ogg', 4.0, 'Vorbis I'],
  ['opus', 'audio/opus', 4.0, 'Opus'],
  ['flac', 'audio/flac', 4.0, 'FLAC'],
  ['m4a', 'audio/mp4', 4.0, 'MPEG-4/AAC'],
] as const;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readAudioMetadata', () => {
  it.each(formats)('reads duration, format and tags of phrase-4s.%s', async (ext, mime, duration, codec) => {
    const meta = await readAudioMetadata(fixture(`phrase-4s.${ext}`), mime);
    expect(meta.duration).toBeCloseTo(duration, 1);
    expect(Math.abs(meta.duration - duration)).toBeLessThan(0.1);
    // Rounded to the millisecond.
    expect(Math.round(meta.duration * 1000) / 1000).toBe(meta.duration);
    expect(meta).toMatchObject({ title: 'Fixture Phrase', artist: 'Talas Test', genre: 'Ambient', channels: 2, codec });
    expect(meta.sampleRate).toBe(ext === 'opus' ? 48000 : 44100);
    expect(meta.bitrate).toBeGreaterThan(0);
  });

  it('reads the duration of a 10-minute mp3 from its headers', async () => {
    const meta = await readAudioMetadata(fixture('long-10min.mp3'), 'audio/mpeg');
    expect(Math.abs(meta.duration - 600)).toBeLessThanOrEqual(1);
    expect(meta).toMatchObject({ sampleRate: 22050, channels: 1, bitrate: 32000 });
  });

  it('leaves out blank or missing tags', async () => {
    const meta = await readAudioMetadata(fixture('long-10min.mp3'), 'audio/mpeg');
    expect(meta).not.toHaveProperty('artist');
    expect(meta).not.toHaveProperty('genre');
  });

  it('refuses plain text named .mp3 as unsupported media', async () => {
    const err = await rejection(readAudioMetadata(fixture('text-renamed.mp3'), 'audio/mpeg'));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an empty file as unsupported media', async () => {
    const err = await rejection(readAudioMetadata(fixture('empty.wav'), 'audio/wav'));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a truncated mp3 whose header promises more than it holds, without crashing', async () => {
    const err = await rejection(readAudioMetadata(fixture('truncated.mp3'), 'audio/mpeg'));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/truncated/);
  });

  it('refuses a non-audio MIME type before parsing', async () => {
    const err = await rejection(readAudioMetadata(fixture('phrase-4s.wav'), 'application/pdf'));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reads an extensionless copy (how uploads land) from its content', async () => {
    const { copyFile, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(path.join(tmpdir(), 'talas-audio-'));
    try {
      for (const [ext, mime] of formats) {
        const temp = path.join(dir, `upload-${ext}`);
        await copyFile(fixture(`phrase-4s.${ext}`), temp);
        const meta = await readAudioMetadata(temp, mime);
        expect(Math.abs(meta.duration - 4)).toBeLessThan(0.1);
        expect(meta.title).toBe('Fixture Phrase');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets a missing file fail as an internal error, not a client error', async () => {
    const err = await readAudioMetadata(fixture('no-such-file.mp3'), 'audio/mpeg').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(AppError);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
