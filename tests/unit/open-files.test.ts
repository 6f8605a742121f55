import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetOpenFile, openFile, openFileCount } from '@/lib/files/open-files';

const dir = mkdtempSync(path.join(os.tmpdir(), 'talas-open-files-'));
const openFds = () => readdirSync('/proc/self/fd').length;

async function readAll(file: Awaited<ReturnType<typeof openFile>>, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const n = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, n).toString();
}

describe('open stored files', () => {
  it('share one descriptor between readers and between back-to-back requests, reading at any position', async () => {
    const file = path.join(dir, 'a');
    writeFileSync(file, 'hello, seeking world');
    const before = openFds();
    const [a, b] = await Promise.all([openFile(file), openFile(file)]);
    expect(openFds()).toBe(before + 1);
    expect(await readAll(a, 7, 7)).toBe('seeking');
    expect(await readAll(b, 0, 5)).toBe('hello');
    expect(await readAll(b, 15, 100)).toBe('world');
    expect(await readAll(b, 100, 10)).toBe('');
    a.release();
    b.release();
    const c = await openFile(file);
    expect(openFds()).toBe(before + 1);
    c.release();
  });

  it('close a deleted file once its last reader is done, and read the new file put at that path', async () => {
    const file = path.join(dir, 'b');
    writeFileSync(file, 'old');
    const before = openFds();
    const reader = await openFile(file);
    forgetOpenFile(file);
    rmSync(file);
    expect(await readAll(reader, 0, 3)).toBe('old'); // a download under way finishes
    reader.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(openFds()).toBe(before);
    writeFileSync(file, 'new');
    const next = await openFile(file);
    expect(await readAll(next, 0, 3)).toBe('new');
    next.release();
  });

  it('do not keep a file that could not be opened', async () => {
    const missing = path.join(dir, 'missing');
    const count = openFileCount();
    await expect(openFile(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(openFileCount()).toBe(count);
    writeFileSync(missing, 'here now');
    const file = await openFile(missing);
    expect(await readAll(file, 0, 4)).toBe('here');
    file.release();
  });
});

describe('a file removed by other means', () => {
  it('is noticed on its next use, not served from the old descriptor', async () => {
    const file = path.join(dir, 'c');
    writeFileSync(file, 'first');
    const a = await openFile(file);
    a.release();
    rmSync(file);
    await expect(openFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    writeFileSync(file, 'second');
    const b = await openFile(file);
    expect(await readAll(b, 0, 6)).toBe('second');
    b.release();
  });
});
