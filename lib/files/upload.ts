import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { env } from '../env';
import { AppError } from '../errors';
import { sanitizeFilename } from './filename';
import { assertAcceptedType, type MimeFamily } from './sniff';

/** A received upload on local disk, sniffed and measured, waiting to be stored or discarded. */
export interface ReceivedFile {
  tempPath: string;
  /** The client's name, sanitized. */
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  discard(): Promise<void>;
}

export interface ReceivedUpload {
  file: ReceivedFile;
  /** The other (text) fields of the form. */
  fields: Record<string, string>;
}

export interface ReceiveOptions {
  maxBytes: number;
  accept: readonly MimeFamily[];
  /** The form field carrying the file. */
  field?: string;
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 16 * 1024;
// Room for the multipart envelope and text fields around the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Refusing a body before reading all of it leaves the rest on the connection: a client that reused
 * it would wait on a server still expecting that body, so such answers close the connection.
 */
const CLOSE_CONNECTION = { Connection: 'close' };

const tooLarge = (maxBytes: number) =>
  new AppError('FILE_TOO_LARGE', `The file is larger than the ${formatBytes(maxBytes)} limit`, { headers: CLOSE_CONNECTION });

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

export function tempDir(): string {
  return path.join(env().UPLOAD_PATH, 'tmp');
}

/**
 * Streams a multipart upload to a temporary file: never whole in memory, the size limit enforced
 * while reading (the request is cut off with 413 the moment it is exceeded), then the type sniffed
 * from the bytes. Any failure leaves nothing behind.
 */
export async function receiveUpload(req: Request, options: ReceiveOptions): Promise<ReceivedUpload> {
  const field = options.field ?? 'file';
  const contentType = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new AppError('INVALID_INPUT', 'Send the file as multipart/form-data', {
      details: [{ field, message: 'multipart/form-data expected' }],
    });
  }
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes + ENVELOPE_BYTES) throw tooLarge(options.maxBytes);
  if (!req.body) throw new AppError('INVALID_INPUT', 'Empty request body', { details: [{ field, message: 'required' }] });

  await mkdir(tempDir(), { recursive: true });
  const tempPath = path.join(tempDir(), randomUUID());
  const discard = () => rm(tempPath, { force: true });
  const fields: Record<string, string> = {};
  let received: Omit<ReceivedFile, 'mimeType' | 'discard'> | undefined;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // busboy reports 'limit' once a file *reaches* fileSize bytes, so a file of exactly maxBytes
      // would be refused: the limit it enforces is one byte past ours.
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: options.maxBytes + 1, parts: MAX_FIELDS + 1 },
      defParamCharset: 'utf8',
    });
  } catch {
    throw new AppError('INVALID_INPUT', 'Malformed multipart body', { details: [{ field, message: 'malformed' }] });
  }

  const source = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream);
  let fileWrite: Promise<void> | undefined;
  let fileStream: Readable | undefined;
  let writer: WriteStream | undefined;
  let abandoned = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        abandoned = true;
        source.unpipe(parser);
        // Drain rather than cancel the request body: cancelling it makes Node's fetch internals throw
        // an uncaught "ReadableStream is already closed" when the body later ends. The answer carries
        // Connection: close, so the client stops sending once it has the 413.
        source.resume();
        // busboy ends a file stream only at the part's closing boundary, which will not come once the
        // source is gone: fail the write here, or waiting for it below would hang (and keep the temp
        // file). With an error: a plain destroy() mid-push leaves pipeline() pending on Node 20.
        fileStream?.destroy(err instanceof Error ? err : new Error(String(err)));
        reject(err);
      };
      parser.on('file', (name, stream, info) => {
        if (name !== field || fileWrite) {
          stream.resume();
          return;
        }
        fileStream = stream;
        const hash = createHash('sha256');
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        });
        stream.once('limit', () => fail(tooLarge(options.maxBytes)));
        writer = createWriteStream(tempPath);
        fileWrite = pipeline(stream, meter, writer).then(() => {
          received = { tempPath, filename: sanitizeFilename(info.filename), size, sha256: hash.digest('hex') };
        });
        fileWrite.catch(fail);
      });
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated) return fail(new AppError('INVALID_INPUT', `Field ${name} is too long`, { details: [{ field: name, message: 'too long' }] }));
        fields[name] = value;
      });
      parser.on('partsLimit', () => fail(new AppError('INVALID_INPUT', 'Too many form parts')));
      parser.on('fieldsLimit', () => fail(new AppError('INVALID_INPUT', 'Too many form fields')));
      parser.on('error', () => fail(new AppError('INVALID_INPUT', 'Malformed multipart body', { details: [{ field, message: 'malformed' }] })));
      parser.on('close', () => {
        (fileWrite ?? Promise.resolve()).then(resolve, fail);
      });
      source.on('error', fail);
      source.pipe(parser);
    });
    if (!received) throw new AppError('INVALID_INPUT', `Attach a file in the "${field}" field`, { details: [{ field, message: 'required' }] });
    if (received.size === 0) throw new AppError('INVALID_INPUT', 'The file is empty', { details: [{ field, message: 'empty file' }] });
    const sniffed = await assertAcceptedType(tempPath, received.filename, options.accept);
    return { file: { ...received, mimeType: sniffed.mime, discard }, fields };
  } catch (err) {
    // Let the temporary file's writer finish before removing it, so nothing is recreated after.
    await fileWrite?.catch(() => {});
    // pipeline() may settle before the file is closed (or even opened): wait, or it could reappear.
    if (writer && !writer.closed) await once(writer, 'close').catch(() => {});
    await discard();
    if (abandoned && err instanceof AppError && !err.headers?.Connection) {
      throw new AppError(err.code, err.message, { details: err.details, headers: { ...err.headers, ...CLOSE_CONNECTION } });
    }
    throw err;
  }
}
