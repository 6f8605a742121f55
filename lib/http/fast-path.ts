import type { IncomingMessage, ServerResponse } from 'node:http';
import { toErrorBody } from '../errors';
import { readsStoredBodies, storedBodyOf, type StoredBody } from '../files/download';
import { log } from '../log';
import { templateFor } from './api-manifest';
import { apiResponseHeaders, requestIdOf } from './api-headers';
import { API_PREFIX, fullPath } from './endpoint';
import { storedRoutes, type StoredRoute } from './stored-routes';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
/** Answers a request itself and says true, or says false and leaves it alone. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

interface CompiledRoute {
  pattern: RegExp;
  names: string[];
  handler: StoredRoute['handler'];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(route: StoredRoute): [string, CompiledRoute] {
  const template = fullPath(route.endpoint);
  const names: string[] = [];
  const source = template
    .split('/')
    .map((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      if (!param) return escapeRegExp(seg);
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  // No trailing slash: Next.js redirects those, so they are left to it.
  return [template, { pattern: new RegExp(`^${source}$`), names, handler: route.handler }];
}

/**
 * Serves GET and HEAD of the stored-bytes endpoints (track audio, downloads, avatars) straight from
 * Node's http server, before Next.js: Next adds milliseconds per request and drops Content-Length.
 * It runs the same route handlers (lib/http/stored-routes.ts: auth, validation, services, envelope,
 * log line), adds the headers the proxy adds to API answers, and writes the file from pooled buffers.
 * Anything else, or a path Next.js would route elsewhere, is left to Next.
 */
export function createFastPath(routes: StoredRoute[] = storedRoutes): FastPath {
  const byTemplate = new Map(routes.filter((r) => r.endpoint.method === 'GET').map(compile));
  const compiled = [...byTemplate.values()];
  const prefix = `${API_PREFIX}/`;

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (!pathname.startsWith(prefix)) return false;
    let route: CompiledRoute | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of compiled) {
      match = r.pattern.exec(pathname);
      if (match) {
        route = r;
        break;
      }
    }
    // Only where Next.js itself would route the path (`/users/me/avatar` is not `/users/{id}/avatar`).
    if (!route || !match || byTemplate.get(templateFor(pathname) ?? '') !== route) return false;
    let request: Request;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
      request = toWebRequest(req, url);
    } catch {
      return false; // a malformed escape or header: Next answers it as it always did
    }
    void answer(route, request, params, req, res);
    return true;
  };
}

/** Next's request handler with the fast path in front of it. */
export function withFastPath(next: NodeHandler, fastPath: FastPath = createFastPath()): NodeHandler {
  return (req, res) => {
    if (fastPath(req, res)) return;
    return next(req, res);
  };
}

function toWebRequest(req: IncomingMessage, url: string): Request {
  const headers = new Headers();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // As the proxy does: the handler's log line and the answer carry the same id.
  headers.set('x-request-id', requestIdOf(headers));
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
  const request = new Request(`http://${host}${url}`, { method: req.method, headers });
  readsStoredBodies(request);
  return request;
}

async function answer(
  route: CompiledRoute,
  request: Request,
  params: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const response = await route.handler(request, { params: Promise.resolve(params) });
    await send(request, response, req, res);
  } catch (err) {
    fail(err, request, res);
  }
}

/** The response's headers as Node wants them, with the proxy's API headers on top (as under Next). */
function nodeHeaders(request: Request, response: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const api = apiResponseHeaders(request, request.headers.get('x-request-id')!);
  for (const name in api) headers[name.toLowerCase()] = api[name]!;
  return headers;
}

/**
 * Read buffers shared by all responses: no allocation per chunk or per request once warm, and a
 * bound on what is kept. 1 MiB reads cost the least CPU per megabyte here; a small range uses the
 * start of one.
 */
const CHUNK_BYTES = 1024 * 1024;
const POOLED_BUFFERS = 32;
const pool: Buffer[] = [];
const takeBuffer = () => pool.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
const giveBuffer = (buffer: Buffer) => {
  if (pool.length < POOLED_BUFFERS) pool.push(buffer);
};

async function send(request: Request, response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = nodeHeaders(request, response);
  const body = storedBodyOf(response);
  if (req.method === 'HEAD' || (!body && !response.body)) {
    await body?.close();
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (body) {
    // The first chunk is read before anything is sent: a file that cannot be read is still an envelope.
    const buffer = takeBuffer();
    let first: Uint8Array | null;
    try {
      first = await body.next(buffer);
    } catch (err) {
      giveBuffer(buffer);
      await body.close();
      throw err;
    }
    res.writeHead(response.status, headers);
    await writeBody(body, buffer, first, res, request);
    return;
  }
  // The JSON envelopes (errors, 416): small, sent whole with their length.
  const bytes = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(bytes.length);
  res.writeHead(response.status, headers);
  res.end(bytes);
}

/** Resolves when the response is closed (finished, or the client gone). */
function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => (res.destroyed || res.writableFinished ? resolve() : res.once('close', () => resolve())));
}

/**
 * Writes a stored body chunk by chunk from two pooled buffers: the next chunk is read into one while
 * the other goes out, and a buffer is reused only once the socket has taken its bytes (the write's
 * callback), which is also the backpressure. A body that fits one chunk leaves in one write, headers
 * included. The file is closed in every case.
 */
async function writeBody(body: StoredBody, first: Buffer, chunk: Uint8Array | null, res: ServerResponse, request: Request): Promise<void> {
  let current: Buffer | undefined = first; // holds `chunk`
  let spare: Buffer | undefined;
  let reading: Promise<Uint8Array | null> | undefined;
  const gone = closed(res);
  try {
    for (;;) {
      if (res.destroyed) return; // the client left
      const held = current!;
      current = undefined;
      if (!chunk || body.done) {
        res.end(chunk ?? undefined, () => giveBuffer(held));
        return;
      }
      spare ??= takeBuffer();
      reading = body.next(spare);
      const written = new Promise<void>((resolve) =>
        res.write(chunk!, () => {
          giveBuffer(held);
          resolve();
        }),
      );
      await Promise.race([written, gone]);
      chunk = await reading;
      reading = undefined;
      current = spare;
      spare = undefined;
    }
  } catch (err) {
    // Headers are out: all a client can be told is a cut connection.
    log().error({ err, requestId: request.headers.get('x-request-id'), path: new URL(request.url).pathname }, 'stream failed');
    res.destroy();
  } finally {
    await reading?.catch(() => undefined);
    if (current) giveBuffer(current);
    if (spare) giveBuffer(spare);
    await body.close();
  }
}

/** Never a throw to the server: the error envelope when nothing was sent yet, else a cut connection. */
function fail(err: unknown, request: Request, res: ServerResponse): void {
  const requestId = request.headers.get('x-request-id') ?? undefined;
  log().error({ err, requestId, method: request.method, path: new URL(request.url).pathname }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const mapped = toErrorBody(err);
  const text = JSON.stringify(mapped.body);
  res.writeHead(mapped.status, {
    ...Object.fromEntries(Object.entries(apiResponseHeaders(request, requestId ?? '')).map(([k, v]) => [k.toLowerCase(), v])),
    ...mapped.headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
