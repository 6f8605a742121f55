import { cache } from 'react';
import { database } from '@/lib/database';
import { getMe } from '@/lib/users/service';
import type { Profile } from '@/lib/users/schemas';
import { currentUser } from './current-user';

export interface Viewer {
  user: NonNullable<Awaited<ReturnType<typeof currentUser>>>;
  profile: Profile;
}

/**
 * The signed-in user with their profile, once per request: the top bar and the page both ask.
 * Null for visitors (and for a session whose user vanished).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const user = await currentUser();
  if (!user) return null;
  try {
    return { user, profile: await getMe({ db: await database(), user }) };
  } catch {
    return null;
  }
});

export function displayNameOf(profile: Pick<Profile, 'first_name' | 'last_name' | 'username'>): string {
  return [profile.first_name, profile.last_name].filter(Boolean).join(' ') || profile.username;
}

/** What the top bar's account menu shows. */
export function menuUserOf(viewer: Viewer | null) {
  if (!viewer) return null;
  const { profile } = viewer;
  return {
    username: profile.username,
    displayName: displayNameOf(profile),
    email: profile.email,
    avatar: profile.avatar,
    role: profile.role,
  };
}
