import type { StorageBackendName } from '@/db/schema/gear';
import { errorBody } from '../errors';
import { etagMatches, ifRangeAllows, parseRange } from '../http/range';
import { contentDisposition } from './filename';
import { storageFor } from './storage';

export interface StoredBytes {
  storage: StorageBackendName;
  key: string;
  size: number;
  mimeType: string;
  /** A strong entity tag, quoted. */
  etag: string;
  lastModified: Date;
  filename: string;
  disposition?: 'attachment' | 'inline';
  cacheControl?: string;
}

/** A strong ETag from the content hash. */
export const etagOf = (sha256: string) => `"${sha256.slice(0, 32)}"`;

/**
 * Serves stored bytes with HTTP semantics: `Range` (206, or 416 with `Content-Range: bytes *\/size`),
 * `If-None-Match` (304), `If-Range`, HEAD, and headers that stop browsers from sniffing or rendering.
 */
export async function serveStored(req: Request, file: StoredBytes): Promise<Response> {
  const headers = new Headers({
    'Accept-Ranges': 'bytes',
    ETag: file.etag,
    'Last-Modified': file.lastModified.toUTCString(),
    'Content-Type': file.mimeType,
    'Content-Disposition': contentDisposition(file.filename, file.disposition ?? 'attachment'),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.cacheControl ?? 'private, no-cache',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  if (etagMatches(req.headers.get('if-none-match'), file.etag)) {
    return new Response(null, { status: 304, headers });
  }

  const wanted = ifRangeAllows(req.headers.get('if-range'), file.etag, file.lastModified)
    ? parseRange(req.headers.get('range'), file.size)
    : ({ kind: 'none' } as const);

  if (wanted.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${file.size}`);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.delete('Content-Disposition');
    return new Response(JSON.stringify(errorBody('RANGE_NOT_SATISFIABLE', 'The requested range is not satisfiable')), {
      status: 416,
      headers,
    });
  }

  const range = wanted.kind === 'range' ? { start: wanted.start, end: wanted.end } : undefined;
  const length = range ? range.end - range.start + 1 : file.size;
  headers.set('Content-Length', String(length));
  if (range) headers.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
  const status = range ? 206 : 200;
  if (req.method === 'HEAD') return new Response(null, { status, headers });
  const body = await storageFor(file.storage).read(file.key, range);
  return new Response(body, { status, headers });
}
