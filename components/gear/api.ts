import type { ApiFieldError, ApiResult } from '@/components/forms/api-request';
import type { PageOf, Pagination } from './types';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

const networkFailure: Failure = {
  ok: false,
  status: 0,
  code: 'NETWORK_ERROR',
  message: 'We could not reach Talas. Check your connection and try again.',
  details: [],
};

interface Envelope<T> {
  success: boolean;
  data?: T;
  pagination?: Pagination;
  error?: string;
  error_code?: string;
  details?: ApiFieldError[];
}

function failureOf(status: number, payload: Envelope<unknown> | null): Failure {
  return {
    ok: false,
    status,
    code: payload?.error_code ?? (status >= 500 ? 'INTERNAL_ERROR' : status === 413 ? 'FILE_TOO_LARGE' : 'UNKNOWN'),
    message: payload?.error ?? 'Something went wrong. Please try again.',
    details: Array.isArray(payload?.details) ? payload.details : [],
  };
}

/** GET a paginated list from the v1 API with the session cookie. Never throws; an abort reads as `ABORTED`. */
export async function apiPage<T>(path: string, signal?: AbortSignal): Promise<{ ok: true; data: PageOf<T> } | Failure> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal });
  } catch {
    return signal?.aborted ? { ...networkFailure, code: 'ABORTED' } : networkFailure;
  }
  const payload = (await response.json().catch(() => null)) as Envelope<T[]> | null;
  if (response.ok && payload?.success && Array.isArray(payload.data)) {
    const items = payload.data;
    const pagination = payload.pagination ?? {
      page: 1,
      limit: items.length,
      total: items.length,
      pages: 1,
      has_next: false,
      has_previous: false,
    };
    return { ok: true, data: { items, pagination } };
  }
  return failureOf(response.status, payload);
}

/** Query strings without empty values. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle<T> {
  result: Promise<ApiResult<T>>;
  abort: () => void;
}

/**
 * POSTs a multipart form with XMLHttpRequest, the one browser API that reports upload progress
 * (fetch does not). Same origin, so the session cookie goes along. Never rejects: failures come
 * back as `{ok: false}` with the API's code (`ABORTED` when cancelled).
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const result = new Promise<ApiResult<T>>((resolve) => {
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.upload.onload = () => onProgress({ loaded: 1, total: 1 });
    xhr.onload = () => {
      let payload: Envelope<T> | null = null;
      try {
        payload = JSON.parse(xhr.responseText) as Envelope<T>;
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && payload?.success) resolve({ ok: true, data: payload.data as T });
      else resolve(failureOf(xhr.status, payload));
    };
    xhr.onerror = () => resolve(networkFailure);
    xhr.onabort = () => resolve({ ...networkFailure, code: 'ABORTED', message: 'Upload cancelled.' });
    xhr.send(form);
  });
  return { result, abort: () => xhr.abort() };
}
