/** A field error as the API reports it in `details`. */
export interface ApiFieldError {
  field: string;
  message: string;
}

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string; details: ApiFieldError[] };

const NETWORK_FAILURE = {
  ok: false as const,
  status: 0,
  code: 'NETWORK_ERROR',
  message: 'We could not reach Talas. Check your connection and try again.',
  details: [],
};

/**
 * Calls the v1 API from the browser with the session cookie and unwraps the envelope, so forms
 * only deal with `data` or `{code, message, details}`. Never throws.
 */
export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return NETWORK_FAILURE;
  }
  const payload = (await response.json().catch(() => null)) as
    | { success: true; data: T }
    | { success: false; error?: string; error_code?: string; details?: ApiFieldError[] }
    | null;
  if (response.ok && payload?.success) return { ok: true, data: payload.data };
  const failure = payload && !payload.success ? payload : null;
  return {
    ok: false,
    status: response.status,
    code: failure?.error_code ?? (response.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN'),
    message: failure?.error ?? 'Something went wrong. Please try again.',
    details: Array.isArray(failure?.details) ? failure.details : [],
  };
}
