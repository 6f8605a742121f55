import type { z } from 'zod';
import { resolveUser } from '../auth/resolve-user';
import type { AuthedCtx, ClientInfo, Ctx } from '../context';
import { database } from '../database';
import { env } from '../env';
import { AppError, toErrorBody } from '../errors';
import { log, requestLog } from '../log';
import { roleAtLeast } from '../users/schemas';
import { queryObject, readJsonBody } from './body';
import { clientInfo } from './client-info';
import { apiResponseHeaders, requestIdOf } from './api-headers';
import { corsOriginAllowed } from './cors';
import type { AuthRequirement, Endpoint } from './endpoint';
import type { Page } from './schemas';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type CtxFor<A extends AuthRequirement> = A extends 'public' | 'optional' ? Ctx : AuthedCtx;
type ResultFor<R, G extends boolean> = R extends z.ZodType
  ? G extends true
    ? Page<z.input<R>>
    : z.input<R>
  : void;

export interface HandlerArgs<B, Q, P, A extends AuthRequirement> {
  ctx: CtxFor<A>;
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  req: Request;
  client: ClientInfo;
}

type Handler<B, Q, P, R, A extends AuthRequirement, G extends boolean> = (
  args: HandlerArgs<B, Q, P, A>,
) => Promise<ResultFor<R, G> | Response> | ResultFor<R, G> | Response;

type Schema = z.ZodType | undefined;

export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function jsonResponse(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...headers },
  });
}

/** Answers any thrown value with the error envelope, logging what is not the client's fault. */
export function errorResponse(err: unknown, meta: Record<string, unknown> = {}): Response {
  const mapped = toErrorBody(err);
  if (mapped.internal) log().error({ err, ...meta }, 'request failed');
  return jsonResponse(mapped.body, mapped.status, mapped.headers);
}

/**
 * A browser sends the session cookie with cross-site requests; refuse state changes whose Origin is
 * neither this site nor an allowed one. Bearer tokens are never sent implicitly, so they pass.
 */
function assertSameOriginForCookie(req: Request, url: URL): void {
  const origin = req.headers.get('origin');
  if (!origin) {
    if (req.headers.get('sec-fetch-site') === 'cross-site') {
      throw new AppError('PERMISSION_DENIED', 'Cross-site request refused');
    }
    return;
  }
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('PERMISSION_DENIED', 'Cross-site request refused');
  }
  if (originHost !== host && !corsOriginAllowed(origin)) {
    throw new AppError('PERMISSION_DENIED', 'Cross-site request refused');
  }
}

async function authorize(endpoint: Pick<Endpoint, 'auth'>, ctx: Ctx, req: Request, url: URL): Promise<void> {
  if (endpoint.auth === 'public') return;
  if (ctx.user?.via === 'cookie' && UNSAFE.has(req.method)) assertSameOriginForCookie(req, url);
  if (endpoint.auth === 'optional') return;
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'Sign in to continue');
  const minimum = endpoint.auth === 'user' ? 'user' : endpoint.auth;
  if (!roleAtLeast(ctx.user.role, minimum)) {
    throw new AppError('PERMISSION_DENIED', `This needs the ${minimum} role`);
  }
}

/**
 * The one wrapper for route handlers: resolves the caller, enforces the endpoint's auth, validates
 * params, query and body with its zod schemas, runs the service, and answers in the envelope.
 */
export function route<
  B extends Schema,
  Q extends Schema,
  P extends Schema,
  R extends Schema,
  A extends AuthRequirement,
  G extends boolean,
>(endpoint: Endpoint<B, Q, P, R, A, G>, handler: Handler<B, Q, P, R, A, G>) {
  return async (req: Request, context?: RouteContext): Promise<Response> => {
    const started = performance.now();
    const url = new URL(req.url);
    const requestId = requestIdOf(req.headers);
    let userId: number | undefined;
    let response: Response;
    try {
      const db = await database().catch((err: unknown) => {
        log().error({ err }, 'database unavailable');
        throw new AppError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable');
      });
      const user = endpoint.auth === 'public' ? null : await resolveUser(db, req.headers);
      userId = user?.id;
      const ctx: Ctx = { db, user };
      await authorize(endpoint, ctx, req, url);
      const params = endpoint.params ? endpoint.params.parse((await context?.params) ?? {}) : undefined;
      const query = endpoint.query ? endpoint.query.parse(queryObject(url)) : undefined;
      const body = endpoint.body ? endpoint.body.parse(await readJsonBody(req)) : undefined;
      const result = await handler({
        ctx: ctx as CtxFor<A>,
        body: body as Infer<B>,
        query: query as Infer<Q>,
        params: params as Infer<P>,
        req,
        client: clientInfo(req.headers),
      });
      response = result instanceof Response ? result : envelope(endpoint, result);
    } catch (err) {
      response = errorResponse(err, { requestId, method: req.method, path: url.pathname });
    }
    for (const [k, v] of Object.entries(apiResponseHeaders(req, requestId))) {
      // A file download sets its own stricter CSP; keep it.
      if (!response.headers.has(k)) response.headers.set(k, v);
    }
    requestLog().info(
      {
        requestId,
        method: req.method,
        path: url.pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
        userId,
      },
      'request',
    );
    return response;
  };
}

function envelope(endpoint: Endpoint<Schema, Schema, Schema, Schema, AuthRequirement, boolean>, result: unknown): Response {
  const status = endpoint.status ?? 200;
  if (endpoint.paginated) {
    const page = result as Page<unknown>;
    checkOutput(endpoint, page.items);
    return jsonResponse({ success: true, data: page.items, pagination: page.pagination }, status);
  }
  checkOutput(endpoint, result);
  return jsonResponse(result === undefined ? { success: true, data: null } : { success: true, data: result }, status);
}

/**
 * Outside production, every answer is checked against its documented schema, so the OpenAPI document
 * cannot drift from what the code sends.
 */
function checkOutput(endpoint: Endpoint<Schema, Schema, Schema, Schema, AuthRequirement, boolean>, data: unknown): void {
  if (!endpoint.response || env().NODE_ENV === 'production') return;
  const items = endpoint.paginated ? (data as unknown[]) : [data];
  for (const item of items) {
    const result = endpoint.response.safeParse(item);
    if (!result.success) {
      throw new Error(
        `Response of ${endpoint.method} ${endpoint.path} does not match its schema: ${result.error.message}`,
      );
    }
  }
}
