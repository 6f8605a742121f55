import { sql } from 'drizzle-orm';
import { users, type Role } from '@/db/schema/users';
import type { TestApp } from './server';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (malformed JSON tests). */
  raw?: string;
}

/** A thin fetch client for the API under test; bodies are parsed as JSON when they are JSON. */
export function apiClient(app: Pick<TestApp, 'url'>) {
  async function call<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.raw;
    if (body !== undefined && payload === undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(app.url + path, { method, headers, body: payload, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T } satisfies ApiResponse<T>;
  }
  return {
    get: <T = any>(path: string, options?: RequestOptions) => call<T>('GET', path, undefined, options),
    post: <T = any>(path: string, body?: unknown, options?: RequestOptions) => call<T>('POST', path, body ?? {}, options),
    put: <T = any>(path: string, body?: unknown, options?: RequestOptions) => call<T>('PUT', path, body ?? {}, options),
    patch: <T = any>(path: string, body?: unknown, options?: RequestOptions) => call<T>('PATCH', path, body ?? {}, options),
    delete: <T = any>(path: string, options?: RequestOptions) => call<T>('DELETE', path, undefined, options),
    call,
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

let counter = 0;

export interface TestUser {
  id: number;
  username: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

/** Registers a user through the API and signs in; optionally gives them a role directly in the database. */
export async function createUser(
  app: TestApp,
  options: { role?: Role; username?: string; email?: string; password?: string } = {},
): Promise<TestUser> {
  const api = apiClient(app);
  const n = `${process.pid}${++counter}${Math.floor(Math.random() * 1e4)}`;
  const username = options.username ?? `user${n}`;
  const email = options.email ?? `${username}@example.test`;
  const password = options.password ?? 'correct horse battery';
  const reg = await api.post('/api/v1/auth/register', { username, email, password });
  if (reg.status !== 201) throw new Error(`register failed: ${JSON.stringify(reg.body)}`);
  const id = reg.body.data.user_id as number;
  if (options.role && options.role !== 'user') {
    await app.db.update(users).set({ role: options.role }).where(sql`${users.id} = ${id}`);
  }
  const login = await api.post('/api/v1/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  return {
    id,
    username,
    email,
    password,
    token: login.body.data.access_token,
    refreshToken: login.body.data.refresh_token,
  };
}
