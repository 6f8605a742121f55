import { formatBytes } from './format';

export const ACCEPTED_TEXT = 'PDF, images (PNG, JPEG, WebP, GIF), plain text and audio';

/** What went wrong with an upload, in words: the size limit, the file type, or the API's message. */
export function uploadError(
  failure: { status: number; code: string; message: string },
  file: File,
  maxBytes: number,
  accepted = ACCEPTED_TEXT,
): { title: string; detail: string } {
  if (failure.status === 413 || failure.code === 'FILE_TOO_LARGE') {
    return {
      title: `${file.name} is too large`,
      detail: `The limit is ${formatBytes(maxBytes)} per file; this one is ${formatBytes(file.size)}.`,
    };
  }
  if (failure.status === 415 || failure.code === 'UNSUPPORTED_MEDIA_TYPE') {
    return {
      title: `${file.name} is not a supported file`,
      detail: `${failure.message.replace(/\.?$/, '.')} Accepted: ${accepted}.`,
    };
  }
  if (failure.code === 'NETWORK_ERROR') {
    return {
      title: `The upload of ${file.name} was interrupted`,
      detail:
        file.size > maxBytes
          ? `The limit is ${formatBytes(maxBytes)} per file.`
          : 'Check your connection and try again.',
    };
  }
  if (failure.status === 401) return { title: 'Your session has ended', detail: 'Sign in again, then retry the upload.' };
  return { title: `${file.name} was not uploaded`, detail: failure.message };
}

/** The field error for a file over the limit, checked before uploading; undefined when it fits. */
export function oversizeMessage(file: File | null, maxBytes: number): string | undefined {
  if (!file || file.size <= maxBytes) return undefined;
  return `The limit is ${formatBytes(maxBytes)}; this file is ${formatBytes(file.size)}.`;
}
