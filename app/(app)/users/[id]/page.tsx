import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/app/_server/current-user';
import { fullNameOf } from '@/components/profile/format';
import { ProfileSummary } from '@/components/profile/profile-summary';
import { PageContainer } from '@/components/shell/app-shell';
import { navItems } from '@/components/shell/nav-items';
import { SoonBadge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button-link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { database } from '@/lib/database';
import { AppError } from '@/lib/errors';
import { getPublicUser } from '@/lib/users/service';

type Params = Promise<{ id: string }>;

/** What a profile will show once those sections exist (gear collections stay private). */
const upcoming = navItems.filter((item) => item.href === '/tracks');

/** Loads once per request for both the metadata and the page; unknown or hidden users are a 404. */
const loadProfile = cache(async (rawId: string) => {
  const user = await requireUser(`/users/${encodeURIComponent(rawId)}`);
  const id = /^\d{1,10}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) notFound();
  try {
    return { viewer: user, profile: await getPublicUser({ db: await database(), user }, id) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'USER_NOT_FOUND') notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { profile } = await loadProfile((await params).id);
  return { title: `${fullNameOf(profile)} (@${profile.username})` };
}

export default async function PublicProfilePage({ params }: { params: Params }) {
  const { viewer, profile } = await loadProfile((await params).id);
  const isSelf = viewer.id === profile.id;
  const owner = isSelf ? 'Your' : `${profile.first_name || profile.username}’s`;

  return (
    <PageContainer className="grid items-start gap-6 lg:grid-cols-5">
      <div className="lg:col-span-2">
        <ProfileSummary
          profile={profile}
          headingLevel="h1"
          emailNote={isSelf ? 'Only you and admins can see your email.' : 'Visible to you as an admin.'}
          actions={
            isSelf ? (
              <ButtonLink href="/profile" variant="secondary" size="sm">
                Edit profile
              </ButtonLink>
            ) : null
          }
        />
      </div>
      <div className="flex flex-col gap-6 lg:col-span-3">
        {upcoming.map(({ href, label, icon: Icon }) => (
          <Card key={href}>
            <CardHeader className="flex-row items-center justify-between">
              <CardTitle className="flex items-center gap-2.5">
                <Icon className="size-5 text-violet-300" aria-hidden="true" />
                {label}
              </CardTitle>
              <SoonBadge />
            </CardHeader>
            <CardContent>
              <p className="rounded-xl border border-dashed border-zinc-800 px-4 py-8 text-center text-sm text-zinc-400">
                {owner} {label.toLowerCase()} will appear here when {label} launches on Talas.
              </p>
            </CardContent>
          </Card>
        ))}
      </div>
    </PageContainer>
  );
}
