import { AppError } from '../errors';

/** JSON bodies are small; uploads use multipart through their own streaming path. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a JSON body with a size cap. An empty body reads as `{}`; malformed JSON is INVALID_INPUT. */
export async function readJsonBody(req: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new AppError('FILE_TOO_LARGE', `Request body exceeds ${limit} bytes`);
  if (!req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError('FILE_TOO_LARGE', `Request body exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'Malformed JSON body', {
      details: [{ field: '_body', message: 'not valid JSON' }],
    });
  }
}

/** Query parameters as an object; a repeated key keeps its last value. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
