import { ArrowRight, Settings, Shield, User, Users } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageContainer } from '@/components/shell/app-shell';
import { navItems } from '@/components/shell/nav-items';
import { Avatar } from '@/components/ui/avatar';
import { RoleBadge, SoonBadge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { Profile } from '@/lib/users/schemas';
import { ProfileCompleteness } from './profile-completeness';

const sections = navItems.filter((item) => item.href !== '/');

function QuickLink({ href, icon, children }: { href: string; icon: ReactNode; children: ReactNode }) {
  return (
    <li>
      <Link
        href={href}
        className="group flex items-center gap-3 rounded-lg px-3 py-2.5 text-sm text-zinc-200 hover:bg-zinc-800/70 hover:text-zinc-50"
      >
        {icon}
        <span className="flex-1">{children}</span>
        <ArrowRight className="size-4 text-zinc-500 transition-transform group-hover:translate-x-0.5" aria-hidden="true" />
      </Link>
    </li>
  );
}

/** The signed-in home page. */
export function Dashboard({ profile, displayName }: { profile: Profile; displayName: string }) {
  const steps = [
    { label: 'Add your first name', done: !!profile.first_name },
    { label: 'Add your last name', done: !!profile.last_name },
    { label: 'Write a short bio', done: !!profile.bio },
  ];
  const incomplete = steps.some((s) => !s.done);
  const isAdmin = profile.role === 'admin' || profile.role === 'super_admin';
  const iconClass = 'size-4 text-zinc-400';

  return (
    <PageContainer className="flex flex-col gap-8">
      <div className="flex items-center gap-4">
        <Avatar name={displayName} src={profile.avatar} size="lg" />
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-zinc-50 sm:text-3xl">
            Welcome back, {profile.first_name || profile.username}
          </h1>
          <p className="mt-1 text-zinc-400">Pick up where you left off, or explore what&apos;s coming to Talas.</p>
        </div>
      </div>

      {/* Mobile reads top to bottom: the profile nudge, the sections, the account links. */}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        {incomplete ? (
          <div className="lg:col-start-3 lg:row-start-1">
            <ProfileCompleteness steps={steps} />
          </div>
        ) : null}
        <section
          aria-labelledby="sections-heading"
          className="flex flex-col gap-4 lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1"
        >
          <h2 id="sections-heading" className="text-lg font-semibold text-zinc-50">
            Explore Talas
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {sections.map(({ href, label, icon: Icon, summary, soon }) => (
              <li key={href}>
                <Link
                  href={href}
                  className="group flex h-full flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5 transition-colors hover:border-violet-500/40 hover:bg-zinc-900"
                >
                  <span className="flex items-center justify-between">
                    <span className="inline-flex size-10 items-center justify-center rounded-xl bg-violet-500/15 text-violet-300 ring-1 ring-violet-400/20">
                      <Icon className="size-5" aria-hidden="true" />
                    </span>
                    {soon ? (
                      <SoonBadge />
                    ) : (
                      <ArrowRight
                        className="size-4 text-zinc-500 transition-transform group-hover:translate-x-0.5 group-hover:text-violet-300"
                        aria-hidden="true"
                      />
                    )}
                  </span>
                  <span className="flex flex-col gap-1">
                    <span className="font-semibold text-zinc-50 group-hover:text-violet-200">{label}</span>
                    <span className="text-sm text-zinc-400">{summary}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <Card className={incomplete ? 'lg:col-start-3 lg:row-start-2' : 'lg:col-start-3 lg:row-start-1'}>
          <CardHeader className="flex-row items-center justify-between">
            <CardTitle>Your account</CardTitle>
            <RoleBadge role={profile.role} />
          </CardHeader>
          <CardContent className="pt-3">
            <ul className="-mx-3 flex flex-col">
              <QuickLink href="/profile" icon={<User className={iconClass} aria-hidden="true" />}>
                Profile
              </QuickLink>
              <QuickLink href="/settings" icon={<Settings className={iconClass} aria-hidden="true" />}>
                Settings
              </QuickLink>
              <QuickLink href="/search" icon={<Users className={iconClass} aria-hidden="true" />}>
                Find musicians
              </QuickLink>
              {isAdmin ? (
                <QuickLink href="/admin/users" icon={<Shield className={iconClass} aria-hidden="true" />}>
                  Manage users
                </QuickLink>
              ) : null}
            </ul>
          </CardContent>
        </Card>
      </div>
    </PageContainer>
  );
}
