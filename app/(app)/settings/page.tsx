import { KeyRound, UserRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/app/_server/current-user';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { PageContainer } from '@/components/shell/app-shell';
import { RoleBadge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { database } from '@/lib/database';
import { getMe } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Settings' };

interface SectionIntroProps {
  id: string;
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
}

function SectionIntro({ id, icon, title, children }: SectionIntroProps) {
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2.5">
        <span className="inline-flex size-8 items-center justify-center rounded-lg bg-violet-500/15 text-violet-300 ring-1 ring-violet-400/20">
          {icon}
        </span>
        <h2 id={id} className="text-lg font-semibold text-zinc-50">
          {title}
        </h2>
      </div>
      <div className="text-sm leading-relaxed text-zinc-400">{children}</div>
    </div>
  );
}

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const profile = await getMe({ db: await database(), user });

  return (
    <PageContainer width="medium" className="flex flex-col gap-10">
      <PageHeader title="Settings" description="Manage your account and keep it secure." />

      <section className="grid gap-6 md:grid-cols-3" aria-labelledby="account-heading">
        <SectionIntro id="account-heading" icon={<UserRound className="size-4" aria-hidden="true" />} title="Account">
          Your sign-in details. To change your name or bio, edit your{' '}
          <Link href="/profile" className="font-medium text-violet-300 underline-offset-4 hover:underline">
            profile
          </Link>
          .
        </SectionIntro>
        <Card className="md:col-span-2">
          <CardContent>
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-zinc-400">Username</dt>
                <dd className="mt-1 font-medium break-all text-zinc-50">{profile.username}</dd>
              </div>
              <div>
                <dt className="text-zinc-400">Email</dt>
                <dd className="mt-1 font-medium break-all text-zinc-50">{profile.email}</dd>
              </div>
              <div>
                <dt className="text-zinc-400">Role</dt>
                <dd className="mt-1">
                  <RoleBadge role={profile.role} />
                </dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      </section>

      <section className="grid gap-6 border-t border-zinc-800 pt-10 md:grid-cols-3" aria-labelledby="password-heading">
        <SectionIntro id="password-heading" icon={<KeyRound className="size-4" aria-hidden="true" />} title="Password">
          Use a long password you don&apos;t use anywhere else. Changing it signs you out on all your other devices
          and apps; this browser stays signed in.
        </SectionIntro>
        <Card className="md:col-span-2">
          <CardHeader>
            <CardTitle as="h3">Change your password</CardTitle>
            <CardDescription>You&apos;ll need your current password.</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm username={profile.username} />
          </CardContent>
        </Card>
      </section>
    </PageContainer>
  );
}
