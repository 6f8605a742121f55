import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { resolveUser } from '@/lib/auth/resolve-user';
import type { CurrentUser } from '@/lib/context';
import { database } from '@/lib/database';

/** The signed-in user for a server component, through the same resolveUser as the API. */
export async function currentUser(): Promise<CurrentUser | null> {
  try {
    return await resolveUser(await database(), await headers());
  } catch {
    // A disabled account or a stale credential reads as signed out on pages.
    return null;
  }
}

/** For pages that need a user: sends anyone else to sign in, then back here. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
