import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { RoleBadge } from '@/components/ui/badge';
import type { UserListItem } from '@/lib/users/schemas';
import { fullNameOf } from './format';

export function PersonCard({ person }: { person: UserListItem }) {
  const name = fullNameOf(person);
  return (
    <Link
      href={`/users/${person.id}`}
      className="group flex items-center gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4 transition-colors hover:border-violet-500/40 hover:bg-zinc-900"
    >
      <Avatar name={name} src={person.avatar} size="md" />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate font-medium text-zinc-50 group-hover:text-violet-200">{name}</span>
        <span className="truncate text-sm text-zinc-400">@{person.username}</span>
      </span>
      {person.role !== 'user' ? <RoleBadge role={person.role} /> : null}
    </Link>
  );
}
