import type { Metadata } from 'next';
import { requireUser } from '@/app/_server/current-user';
import { PageContainer } from '@/components/shell/app-shell';
import { ProfileForm } from '@/components/profile/profile-form';
import { ProfileSummary } from '@/components/profile/profile-summary';
import { ButtonLink } from '@/components/ui/button-link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { database } from '@/lib/database';
import { getMe } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const user = await requireUser('/profile');
  const profile = await getMe({ db: await database(), user });

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title="Your profile"
        description="This is how other musicians see you on Talas."
        actions={
          <ButtonLink href={`/users/${profile.id}`} variant="secondary">
            View public profile
          </ButtonLink>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <ProfileSummary profile={profile} avatarEditable emailNote="Only you and admins can see your email." />
        </div>
        <Card id="edit-profile" className="scroll-mt-32 lg:col-span-3">
          <CardHeader>
            <CardTitle>Edit profile</CardTitle>
            <CardDescription>Your name and bio appear on your public profile.</CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm
              initial={{ first_name: profile.first_name, last_name: profile.last_name, bio: profile.bio }}
            />
          </CardContent>
        </Card>
      </div>
    </PageContainer>
  );
}
