import type { z } from 'zod';
import type { Role } from '@/db/schema/users';
import type { ErrorCode } from '../errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: anyone; `optional`: anyone, the caller known when signed in; a role: at least that role. */
export type AuthRequirement = 'public' | 'optional' | 'user' | Exclude<Role, 'user'>;

type AnySchema = z.ZodType;

/**
 * One endpoint, described once: the route wrapper enforces it, the proxy knows its path and method,
 * and the OpenAPI document is generated from it.
 */
export interface Endpoint<
  B extends AnySchema | undefined = AnySchema | undefined,
  Q extends AnySchema | undefined = AnySchema | undefined,
  P extends AnySchema | undefined = AnySchema | undefined,
  R extends AnySchema | undefined = AnySchema | undefined,
  A extends AuthRequirement = AuthRequirement,
  G extends boolean = boolean,
> {
  method: HttpMethod;
  /** Under /api/v1 unless it starts with `!` (then absolute, e.g. `!/health`); params as `{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** The `data` of a success answer; for a paginated endpoint, the schema of one item. */
  response?: R;
  paginated?: G;
  status?: number;
  /** Error codes worth documenting beyond the ones every endpoint can answer. */
  errors?: ErrorCode[];
  /** A non-JSON answer (text, bytes); documented by its content type. */
  produces?: string;
  /** A multipart/form-data upload: the file field and the form's other fields (read by the service). */
  upload?: { fields?: z.ZodType; accept: string; maxBytes: string };
}

export function defineEndpoint<
  B extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  P extends AnySchema | undefined = undefined,
  R extends AnySchema | undefined = undefined,
  const A extends AuthRequirement = AuthRequirement,
  const G extends boolean = false,
>(endpoint: Endpoint<B, Q, P, R, A, G>): Endpoint<B, Q, P, R, A, G> {
  return endpoint;
}

export const API_PREFIX = '/api/v1';

/** The full URL path template of an endpoint. */
export function fullPath(endpoint: Pick<Endpoint, 'path'>): string {
  return endpoint.path.startsWith('!') ? endpoint.path.slice(1) : API_PREFIX + endpoint.path;
}
