import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/current-user';
import type { AuthedCtx } from '@/lib/context';
import { database } from '@/lib/database';
import { AppError } from '@/lib/errors';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One value of a query parameter ("?a=1&a=2" reads as "1"); undefined when empty. */
export function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ? v : undefined;
}

/** The path with its query, for "sign in and come back here". */
export function returnPath(path: string, params: Record<string, string | string[] | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const v = single(value);
    if (v) qs.set(key, v);
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** The signed-in caller's service context; visitors are sent to sign in and back to `returnTo`. */
export async function gearContext(returnTo: string): Promise<AuthedCtx> {
  const user = await requireUser(returnTo);
  return { db: await database(), user };
}

/** A positive integer id from a path segment, or a 404. */
export function idFrom(raw: string): number {
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) notFound();
  return id;
}

/** Runs a service read and turns its "not found" into the page's 404. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}
