import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiResponse } from './api';
import type { TestApp } from './server';

export const fixturesDir = path.resolve(import.meta.dirname, '../../../shared/fixtures');
export const fixture = (name: string) => readFileSync(path.join(fixturesDir, name));

export interface UploadInput {
  /** The bytes and the name the client gives them. */
  file?: { name: string; bytes: Uint8Array; type?: string };
  fields?: Record<string, string>;
  token?: string;
  field?: string;
}

/** Sends a multipart/form-data upload as a browser or app would. */
export async function upload(app: Pick<TestApp, 'url'>, route: string, input: UploadInput): Promise<ApiResponse> {
  const form = new FormData();
  for (const [k, v] of Object.entries(input.fields ?? {})) form.append(k, v);
  if (input.file) {
    form.append(
      input.field ?? 'file',
      new Blob([input.file.bytes as Uint8Array<ArrayBuffer>], { type: input.file.type ?? 'application/octet-stream' }),
      input.file.name,
    );
  }
  const res = await fetch(app.url + route, {
    method: 'POST',
    body: form,
    headers: input.token ? { authorization: `Bearer ${input.token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}
