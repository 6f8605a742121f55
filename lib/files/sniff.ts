import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../errors';
import { extensionOf } from './filename';

/** What the bytes are, whatever the client called them. */
export interface Sniffed {
  mime: string;
  ext: string;
}

/** Families an upload may be accepted as; each endpoint names the ones it takes. */
export const mimeFamilies = {
  pdf: ['application/pdf'],
  image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  avatar: ['image/png', 'image/jpeg', 'image/webp'],
  text: ['text/plain'],
  audio: ['audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/opus', 'audio/flac', 'audio/mp4', 'audio/aac'],
  archive: ['application/zip'],
} as const;

export type MimeFamily = keyof typeof mimeFamilies;

/** Extensions a client may give each sniffed type; any other known extension is a mismatch. */
const extensionsByMime: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'text/plain': ['txt', 'text', 'md', 'markdown', 'csv', 'log', 'nfo'],
  'audio/mpeg': ['mp3', 'mpga'],
  'audio/wav': ['wav', 'wave'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/opus': ['opus', 'ogg'],
  'audio/flac': ['flac'],
  'audio/mp4': ['m4a', 'mp4', 'aac'],
  'audio/aac': ['aac', 'adts'],
  'application/zip': ['zip'],
};

const knownExtensions = new Set(Object.values(extensionsByMime).flat());

/** file-type's names for the formats above, mapped to the MIME types we store and serve. */
const normalize: Record<string, string> = {
  'audio/x-wav': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-flac': 'audio/flac',
  'audio/x-m4a': 'audio/mp4',
  'video/mp4': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  // file-type names Ogg Opus by its container and codec.
  'audio/ogg; codecs=opus': 'audio/opus',
};

const TEXT_SAMPLE = 64 * 1024;

/**
 * Plain text: valid UTF-8 without NUL bytes or other binary control characters, and not markup
 * a browser would render (HTML, SVG, XML), which we never accept as "text".
 */
async function sniffText(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_SAMPLE);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_SAMPLE, 0);
    let sample = buffer.subarray(0, bytesRead);
    // A multi-byte character cut at the end of the sample is not an error.
    if (bytesRead === TEXT_SAMPLE) sample = sample.subarray(0, sample.length - 4);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
    } catch {
      return false;
    }
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return false;
    const head = text.slice(0, 1024).trimStart().toLowerCase();
    if (/^(<!doctype|<html|<\?xml|<svg|<script|<\?php|<head|<body)/.test(head)) return false;
    if (/<script[\s>]/i.test(text)) return false;
    return true;
  } finally {
    await handle.close();
  }
}

/** Identifies a stored upload from its bytes: a known binary signature, else plain text, else unknown. */
export async function sniffFile(file: string): Promise<Sniffed | undefined> {
  const detected = await fileTypeFromFile(file);
  if (detected) return { mime: normalize[detected.mime] ?? detected.mime, ext: detected.ext };
  if (await sniffText(file)) return { mime: 'text/plain', ext: 'txt' };
  return undefined;
}

const unsupported = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message);

/**
 * Accepts an upload only when its bytes are of an accepted family and the name the client gave it
 * does not claim another known type (a PNG named `.pdf` is refused, as is a script named `.pdf`).
 */
export async function assertAcceptedType(file: string, filename: string, accept: readonly MimeFamily[]): Promise<Sniffed> {
  const sniffed = await sniffFile(file);
  const allowed = new Set<string>(accept.flatMap((f) => mimeFamilies[f]));
  if (!sniffed || !allowed.has(sniffed.mime)) {
    throw unsupported(`This kind of file is not accepted here (${sniffed?.mime ?? 'unknown type'})`);
  }
  const ext = extensionOf(filename);
  if (ext && knownExtensions.has(ext) && !(extensionsByMime[sniffed.mime] ?? []).includes(ext)) {
    throw unsupported(`The file's content (${sniffed.mime}) does not match its .${ext} name`);
  }
  return sniffed;
}
