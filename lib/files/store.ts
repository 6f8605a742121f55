import { randomUUID } from 'node:crypto';
import type { StorageBackendName } from '@/db/schema/gear';
import { log } from '../log';
import { storageFor, uploadStorage } from './storage';
import type { ReceivedFile } from './upload';

export interface StoredObject {
  storage: StorageBackendName;
  key: string;
}

/**
 * Stores a received file and records it: bytes first, then `record` (the database row). If
 * recording fails the bytes are removed, so a failed write leaves neither behind.
 */
export async function storeReceived<T>(
  file: ReceivedFile,
  prefix: string,
  record: (object: StoredObject) => Promise<T>,
): Promise<T> {
  const backend = uploadStorage();
  let object: StoredObject;
  try {
    const key = await backend.put(`${prefix}/${randomUUID()}`, file.tempPath, {
      contentType: file.mimeType,
      filename: file.filename,
    });
    object = { storage: backend.name, key };
  } catch (err) {
    await file.discard();
    throw err;
  }
  try {
    return await record(object);
  } catch (err) {
    await removeStored([object]);
    throw err;
  }
}

/** Removes stored bytes after their rows are gone; a failure is logged (admin cleanup sweeps orphans). */
export async function removeStored(objects: StoredObject[]): Promise<void> {
  await Promise.all(
    objects.map(async (o) => {
      try {
        await storageFor(o.storage).delete(o.key);
      } catch (err) {
        log().warn({ err, key: o.key }, 'stored bytes could not be removed');
      }
    }),
  );
}
