import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { StorageBackendName } from '@/db/schema/gear';
import { errorBody } from '../errors';
import { etagMatches, ifRangeAllows, parseRange } from '../http/range';
import { contentDisposition } from './filename';
import { openFile, type OpenFile } from './open-files';
import { storageFor, type ByteRange, type LocalStorage } from './storage';

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

// Large reads mean fewer syscalls and event-loop turns per megabyte (STACK-NOTES: 256 KiB reads reach
// ~70% of nginx sendfile, 64 KiB ~40%); a small range is read at once, in one buffer of its own length.
const READ_CHUNK = 512 * 1024;

/** A body read chunk by chunk on demand: what both ways of answering (Next, the fast path) read. */
export interface StoredBody {
  /**
   * The next chunk, or null at the end: read into `into` when given (a buffer the caller reuses, so
   * the chunk is only valid until then), else into a new buffer.
   */
  next(into?: Buffer): Promise<Uint8Array | null>;
  /** True once the last chunk has been returned (when that is known in advance). */
  readonly done: boolean;
  close(): Promise<void>;
}

/**
 * A local file, or a range of it, read in large chunks. Cheaper than fs streams: a 64 KiB seek is one
 * positional read of a file usually still open from the previous request (open-files.ts).
 */
class FileBody implements StoredBody {
  private position: number;
  private left: number;

  constructor(
    private readonly file: OpenFile,
    start: number,
    length: number,
  ) {
    this.position = start;
    this.left = length;
  }

  get done(): boolean {
    return this.left === 0;
  }

  /** A file shorter than its row says is an error, not a short answer. */
  async next(into?: Buffer): Promise<Buffer | null> {
    if (this.left === 0) return null;
    const size = Math.min(into?.length ?? READ_CHUNK, this.left);
    const buffer = into ? into.subarray(0, size) : Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const bytesRead = await this.file.read(buffer, filled, size - filled, this.position + filled);
      if (bytesRead === 0) throw new Error(`Stored file ended ${this.left - filled} bytes early`);
      filled += bytesRead;
    }
    this.position += size;
    this.left -= size;
    return buffer;
  }

  async close(): Promise<void> {
    this.file.release();
  }
}

/** Bytes from another backend (UploadThing), as they arrive; nothing is read before the first call. */
class StreamBody implements StoredBody {
  private iterator: AsyncIterator<Uint8Array> | undefined;
  done = false;

  constructor(private readonly stream: Readable) {}

  async next(): Promise<Uint8Array | null> {
    this.iterator ??= this.stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    const { done, value } = await this.iterator.next();
    if (done) this.done = true;
    return done ? null : value;
  }

  async close(): Promise<void> {
    this.stream.destroy();
  }
}

/** Where a Response built by serveStored keeps its body for a Node transport (a registry-wide symbol: Next bundles lib/ apart from server.ts). */
const STORED_BODY = Symbol.for('talas.storedBody');
type WithStoredBody = Response & { [STORED_BODY]?: StoredBody };

/**
 * The body of a Response made by serveStored, not yet read: a transport that writes a Node response
 * itself (lib/http/fast-path.ts) reads it directly.
 */
export function storedBodyOf(response: Response): StoredBody | undefined {
  return (response as WithStoredBody)[STORED_BODY];
}

/** Marks a request whose transport reads stored bodies itself: its Response then gets no web stream. */
const DIRECT_BODY = Symbol.for('talas.directBody');
type MarkedRequest = Request & { [DIRECT_BODY]?: true };

export function readsStoredBodies(req: Request): void {
  (req as MarkedRequest)[DIRECT_BODY] = true;
}

/** The stored bytes (or a range of them), opened: a missing file fails here, before any header is sent. */
async function openBytes(file: StoredBytes, range: ByteRange | undefined): Promise<StoredBody> {
  const storage = storageFor(file.storage);
  // By name, not instanceof: the instance may come from Next's copy of lib/ (shared through globalThis).
  if (storage.name === 'local') {
    const opened = await openFile((storage as LocalStorage).pathOf(file.key));
    return new FileBody(opened, range?.start ?? 0, range ? range.end - range.start + 1 : file.size);
  }
  return new StreamBody(Readable.fromWeb((await storage.read(file.key, range)) as NodeWebStream<Uint8Array>));
}

/** A web stream that reads the body only as it is read itself; cancelling it (a client gone) closes the file. */
function webStreamOf(body: StoredBody): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = await body.next();
          if (chunk) controller.enqueue(chunk);
          if (!chunk || body.done) {
            await body.close();
            controller.close();
          }
        } catch (err) {
          await body.close();
          throw err;
        }
      },
      cancel: () => body.close(),
    },
    { highWaterMark: 0 },
  );
}

/**
 * Serves stored bytes with HTTP semantics: `Range` (206, or 416 with `Content-Range: bytes *\/size`),
 * `If-None-Match` (304), `If-Range`, HEAD, `Content-Length`, and headers that stop browsers from
 * sniffing or rendering. The one implementation of these rules, whichever transport writes the answer.
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
  const body = await openBytes(file, range);
  const direct = (req as MarkedRequest)[DIRECT_BODY];
  const response: WithStoredBody = new Response(direct ? null : webStreamOf(body), { status, headers });
  response[STORED_BODY] = body;
  return response;
}
