import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, copyFile } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { UTApi, UTFile } from 'uploadthing/server';
import type { StorageBackendName } from '@/db/schema/gear';
import { env } from '../env';
import { forgetOpenFile } from './open-files';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Where uploaded bytes live. Keys are chosen by the server (from ids), never by clients; a backend
 * may answer with its own key (UploadThing does), which the row then records.
 */
export interface Storage {
  readonly name: StorageBackendName;
  /** Moves a finished temporary file in; returns the key to record. */
  put(key: string, tempFile: string, info: { contentType: string; filename: string }): Promise<string>;
  read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
  delete(key: string): Promise<void>;
}

// 256 KiB reads reach ~70% of nginx sendfile here; the default 64 KiB reaches ~40% (STACK-NOTES).
const READ_CHUNK = 256 * 1024;

export class LocalStorage implements Storage {
  readonly name = 'local' as const;

  /** `root` defaults to UPLOAD_PATH/store, read on each use so tests may change the configuration. */
  constructor(private readonly root?: string) {}

  /** Keys are server-made (`files/123-uuid`); refuse anything that would leave the root anyway. */
  pathOf(key: string): string {
    if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(key) || key.includes('..')) throw new Error(`Bad storage key: ${key}`);
    return path.join(this.root ?? path.join(env().UPLOAD_PATH, 'store'), key);
  }

  async put(key: string, tempFile: string): Promise<string> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(tempFile, target);
    } catch (err) {
      // Another filesystem: copy, then drop the temporary file.
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(tempFile, target);
      await rm(tempFile, { force: true });
    }
    return key;
  }

  async read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>> {
    const stream = createReadStream(this.pathOf(key), { ...range, highWaterMark: READ_CHUNK });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    const target = this.pathOf(key);
    forgetOpenFile(target);
    await rm(target, { force: true });
  }
}

/** UploadThing's hosted storage, through its server SDK. The file is streamed from disk, not buffered. */
export class UploadThingStorage implements Storage {
  readonly name = 'uploadthing' as const;
  private readonly api: UTApi;

  constructor(token: string) {
    this.api = new UTApi({ token });
  }

  async put(_key: string, tempFile: string, info: { contentType: string; filename: string }): Promise<string> {
    const blob = await openAsBlob(tempFile, { type: info.contentType });
    const result = await this.api.uploadFiles(new UTFile([blob], info.filename, { type: info.contentType }));
    await rm(tempFile, { force: true });
    if (result.error || !result.data) throw new Error(`UploadThing upload failed: ${result.error?.message ?? 'no data'}`);
    return result.data.key;
  }

  async read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>> {
    const { ufsUrl } = await this.api.generateSignedURL(key, { expiresIn: 60 });
    const res = await fetch(ufsUrl, range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {});
    if (!res.ok || !res.body) throw new Error(`UploadThing read failed: ${res.status}`);
    return res.body;
  }

  async delete(key: string): Promise<void> {
    await this.api.deleteFiles(key);
  }
}

const globalForStorage = globalThis as unknown as { __talasStorage?: Partial<Record<StorageBackendName, Storage>> };

/** The backend for one stored row (rows remember where their bytes went). */
export function storageFor(name: StorageBackendName): Storage {
  const cache = (globalForStorage.__talasStorage ??= {});
  if (!cache[name]) {
    if (name === 'uploadthing') {
      const token = env().UPLOADTHING_TOKEN;
      if (!token) throw new Error('UPLOADTHING_TOKEN is not set: files stored in UploadThing cannot be read');
      cache[name] = new UploadThingStorage(token);
    } else {
      cache[name] = new LocalStorage();
    }
  }
  return cache[name]!;
}

/** Where new uploads go: UploadThing when UPLOADTHING_TOKEN is set, else local disk under UPLOAD_PATH. */
export function uploadStorage(): Storage {
  return storageFor(env().UPLOADTHING_TOKEN ? 'uploadthing' : 'local');
}
