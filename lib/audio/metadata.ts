import { stat } from 'node:fs/promises';
import { parseFile, type IAudioMetadata } from 'music-metadata';
import { AppError } from '../errors';
import { mimeFamilies } from '../files/sniff';

/** What an uploaded audio file says about itself. */
export interface AudioMetadata {
  /** Seconds, rounded to the millisecond; always > 0. */
  duration: number;
  title?: string;
  artist?: string;
  genre?: string;
  sampleRate?: number;
  channels?: number;
  /** Bits per second. */
  bitrate?: number;
  /** e.g. "MPEG 1 Layer 3", "FLAC", "Opus", "MPEG-4/AAC", "PCM". */
  codec?: string;
}

/**
 * A file whose header promises at least twice the audio its size can hold is cut short (an upload
 * interrupted, a partial copy): its header duration is fiction. Only checked where the bitrate is
 * exact (PCM, constant-bitrate MPEG): Vorbis headers carry a nominal bitrate, VBR mp3 an estimate,
 * and Ogg/FLAC/MP4 durations come from sample counts in the file itself anyway.
 */
const TRUNCATION_RATIO = 0.5;

function hasExactBitrate(format: IAudioMetadata['format']): boolean {
  return format.codec === 'PCM' || (format.container === 'MPEG' && format.codecProfile === 'CBR');
}

/**
 * Reads duration, tags and format from an audio file with music-metadata, which reads headers and
 * tags only (random access, never the whole file; covers skipped).
 *
 * `mimeType` is the type sniffed from the bytes (lib/files/sniff.ts); anything outside the audio
 * family is refused up front. The parser is chosen from the file's extension or, for the
 * extensionless upload temp files, from its content.
 *
 * Errors, decided so a client can act on them:
 * - UNSUPPORTED_MEDIA_TYPE (415): not audio at all: not an audio MIME type, the parser cannot read it
 *   (empty file, text named .mp3), or it finds no audio stream.
 * - INVALID_INPUT (400): recognisable audio that cannot be a track: unknown or zero duration, or a
 *   file truncated well short of the duration its header declares (e.g. the first 2 KB of an mp3).
 *
 * The duration comes from headers (an estimate for VBR mp3 without a Xing header); computePeaks
 * returns the exact decoded duration when that matters.
 */
export async function readAudioMetadata(filePath: string, mimeType: string): Promise<AudioMetadata> {
  if (!(mimeFamilies.audio as readonly string[]).includes(mimeType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Expected an audio file, got ${mimeType}`);
  }
  let metadata: IAudioMetadata;
  try {
    metadata = await parseFile(filePath, { duration: false, skipCovers: true });
  } catch (err) {
    // music-metadata throws for unknown formats and for files that end mid-structure (EndOfStreamError).
    if (isFileSystemError(err)) throw err;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Could not read this file as audio (${describe(err)})`);
  }
  const { format, common } = metadata;
  if (!format.codec && !format.sampleRate && !format.container) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'No audio stream found in this file');
  }
  const duration = format.duration;
  if (duration === undefined || !Number.isFinite(duration) || duration <= 0) {
    throw new AppError('INVALID_INPUT', 'Could not determine the duration of this audio file');
  }
  if (format.bitrate && Number.isFinite(format.bitrate) && hasExactBitrate(format)) {
    const { size } = await stat(filePath);
    const expectedBytes = (duration * format.bitrate) / 8;
    if (size < expectedBytes * TRUNCATION_RATIO) {
      throw new AppError(
        'INVALID_INPUT',
        `This audio file is truncated: its header declares ${duration.toFixed(1)} s but it holds only ${size} bytes`,
      );
    }
  }
  return dropUndefined({
    duration: Math.round(duration * 1000) / 1000,
    title: text(common.title),
    artist: text(common.artist),
    genre: text(common.genre?.[0]),
    sampleRate: format.sampleRate,
    channels: format.numberOfChannels,
    bitrate: format.bitrate === undefined ? undefined : Math.round(format.bitrate),
    codec: text(format.codec),
  });
}

/** Tags may hold padding or be empty: treat blank as absent. */
function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function isFileSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'syscall' in err;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.replace(/: \/.*$/, '') : 'unknown error';
}
