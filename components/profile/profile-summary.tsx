import { Calendar, Mail } from 'lucide-react';
import type { ReactNode } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { RoleBadge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { PublicProfile } from '@/lib/users/schemas';
import { AvatarUpload } from './avatar-upload';
import { formatMonthYear, fullNameOf } from './format';

interface ProfileSummaryProps {
  profile: PublicProfile;
  /** The page's own heading level: h1 on a public profile, h2 beside the edit form. */
  headingLevel?: 'h1' | 'h2';
  emailNote?: string;
  actions?: ReactNode;
  /** Shows the photo upload on the avatar; by default on the member's own profile page (the h2 card beside the edit form). */
  avatarEditable?: boolean;
}

/** Who someone is on Talas: avatar, names, role, membership and bio. */
export function ProfileSummary({
  profile,
  headingLevel = 'h2',
  emailNote,
  actions,
  avatarEditable = false,
}: ProfileSummaryProps) {
  const Heading = headingLevel;
  const name = fullNameOf(profile);
  const hasName = !!(profile.first_name || profile.last_name);
  return (
    <Card className="overflow-hidden">
      <div
        className="h-24 bg-gradient-to-br from-violet-700/70 via-violet-900/50 to-zinc-900"
        aria-hidden="true"
      />
      <div className="flex flex-col gap-5 px-6 pb-6">
        {avatarEditable ? (
          <AvatarUpload name={name} src={profile.avatar} actions={actions} />
        ) : (
          <div className="-mt-12 flex items-end justify-between gap-4">
            <Avatar name={name} src={profile.avatar} size="xl" className="ring-4 ring-zinc-900" />
            {actions ? <div className="flex flex-wrap justify-end gap-2 pb-1">{actions}</div> : null}
          </div>
        )}
        <div className="flex flex-col gap-1.5">
          <Heading className="text-2xl font-semibold tracking-tight break-words text-zinc-50">{name}</Heading>
          <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-400">
            {hasName ? <span className="break-all">@{profile.username}</span> : null}
            <RoleBadge role={profile.role} />
          </div>
        </div>
        <dl className="flex flex-col gap-2.5 text-sm">
          <div className="flex items-center gap-2.5 text-zinc-300">
            <Calendar className="size-4 shrink-0 text-zinc-500" aria-hidden="true" />
            <dt className="sr-only">Member since</dt>
            <dd>
              <span className="text-zinc-400">Member since</span> {formatMonthYear(profile.created_at)}
            </dd>
          </div>
          {profile.email ? (
            <div className="flex items-start gap-2.5 text-zinc-300">
              <Mail className="mt-0.5 size-4 shrink-0 text-zinc-500" aria-hidden="true" />
              <dt className="sr-only">Email</dt>
              <dd className="min-w-0">
                <span className="break-all">{profile.email}</span>
                {emailNote ? <span className="block text-xs text-zinc-400">{emailNote}</span> : null}
              </dd>
            </div>
          ) : null}
        </dl>
        <section aria-label="About" className="border-t border-zinc-800 pt-5">
          <h3 className="text-xs font-semibold tracking-wide text-zinc-400 uppercase">About</h3>
          {profile.bio ? (
            <p className="mt-2 text-sm leading-relaxed whitespace-pre-line break-words text-zinc-200">{profile.bio}</p>
          ) : (
            <p className="mt-2 text-sm text-zinc-400 italic">No bio yet.</p>
          )}
        </section>
      </div>
    </Card>
  );
}
