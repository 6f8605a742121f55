import { close, fstatSync, open, read } from 'node:fs';

/**
 * Local stored files kept open between reads: a player seeking sends request after request for the
 * same file, and opening and closing it each time cost more than the read itself. Reads are
 * positional (pread), so any number of requests share one descriptor. A file unused for IDLE_MS is
 * closed, and no more than MAX_IDLE stay open unused. Stored files are never rewritten in place (keys
 * are random); a deleted one is forgotten (forgetOpenFile) so its space is freed, and one deleted by
 * other means is noticed on its next use.
 */
const IDLE_MS = 10_000;
const MAX_IDLE = 128;

interface Entry {
  fd: Promise<number>;
  /** The descriptor once open. */
  fdNumber?: number;
  users: number;
  lastUsed: number;
  forgotten: boolean;
}

export interface OpenFile {
  /** Reads up to `length` bytes at `position` into `buffer` at `offset`; 0 at the end of the file. */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<number>;
  /** Done with the file (once): it stays open for the next reader for a while. */
  release(): void;
}

// One pool per process: Next's bundle and server.ts's each hold a copy of this module.
interface Pool {
  entries: Map<string, Entry>;
  sweeper?: NodeJS.Timeout;
}
const shared = globalThis as unknown as { __talasOpenFiles?: Pool };
const pool = (): Pool => (shared.__talasOpenFiles ??= { entries: new Map() });

const openFd = (path: string) =>
  new Promise<number>((resolve, reject) => open(path, 'r', (err, fd) => (err ? reject(err) : resolve(fd))));
const closeFd = (fd: Promise<number>) =>
  void fd.then(
    (n) => close(n, () => undefined),
    () => undefined,
  );

export async function openFile(path: string): Promise<OpenFile> {
  const { entries } = pool();
  let entry = entries.get(path);
  // A file removed behind our back (by hand, say) is not served from its old descriptor: one fstat.
  if (entry?.fdNumber !== undefined && fstatSync(entry.fdNumber).nlink === 0) {
    forgetOpenFile(path);
    entry = undefined;
  }
  if (!entry) {
    const created: Entry = { fd: openFd(path), users: 0, lastUsed: 0, forgotten: false };
    created.fd.then((n) => (created.fdNumber = n)).catch(() => undefined);
    entry = created;
    entries.set(path, entry);
  }
  entry.users++;
  let fd: number;
  try {
    fd = await entry.fd;
  } catch (err) {
    // A missing file is not kept: the next request tries again.
    entry.users--;
    if (entries.get(path) === entry) entries.delete(path);
    throw err;
  }
  const held = entry;
  let released = false;
  return {
    read: (buffer, offset, length, position) =>
      new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (err, n) => (err ? reject(err) : resolve(n)))),
    release: () => {
      if (released) return;
      released = true;
      held.users--;
      held.lastUsed = Date.now();
      if (held.users === 0 && held.forgotten) closeFd(held.fd);
      else if (held.users === 0 && pool().entries.size > 2 * MAX_IDLE) sweep(); // a burst of distinct files
      else if (held.users === 0) scheduleSweep();
    },
  };
}

/** After a stored file is deleted: its descriptor is closed once its last reader is done. */
export function forgetOpenFile(path: string): void {
  const { entries } = pool();
  const entry = entries.get(path);
  if (!entry) return;
  entries.delete(path);
  entry.forgotten = true;
  if (entry.users === 0) closeFd(entry.fd);
}

function scheduleSweep(): void {
  const state = pool();
  if (state.sweeper) return;
  state.sweeper = setInterval(sweep, IDLE_MS / 2);
  state.sweeper.unref();
}

/** Closes what has been idle too long, and the oldest idle files beyond MAX_IDLE. */
function sweep(): void {
  const state = pool();
  const now = Date.now();
  const idle = [...state.entries].filter(([, e]) => e.users === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
  idle.forEach(([path, entry], i) => {
    if (now - entry.lastUsed < IDLE_MS && idle.length - i <= MAX_IDLE) return;
    state.entries.delete(path);
    closeFd(entry.fd);
  });
  if (state.entries.size === 0 && state.sweeper) {
    clearInterval(state.sweeper);
    state.sweeper = undefined;
  }
}

/** How many files are open now (for tests and metrics). */
export function openFileCount(): number {
  return pool().entries.size;
}
