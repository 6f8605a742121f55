import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/current-user';
import { formatShortDate, fullNameOf } from '@/components/profile/format';
import { PageContainer } from '@/components/shell/app-shell';
import { Avatar } from '@/components/ui/avatar';
import { RoleBadge, StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Select } from '@/components/ui/select';
import { database } from '@/lib/database';
import { adminListUsersQuery, roleAtLeast } from '@/lib/users/schemas';
import { adminListUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Users · Admin' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const roleOptions = [
  ['', 'All roles'],
  ['user', 'Member'],
  ['moderator', 'Moderator'],
  ['admin', 'Admin'],
  ['super_admin', 'Super admin'],
] as const;

const statusOptions = [
  ['', 'All statuses'],
  ['active', 'Active'],
  ['suspended', 'Suspended'],
  ['banned', 'Banned'],
] as const;

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ? v : undefined;
}

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/users');
  // Like the API, admin pages do not advertise themselves to others.
  if (!roleAtLeast(user.role, 'admin')) notFound();

  const params = await searchParams;
  const raw = {
    page: single(params.page),
    limit: 20,
    search: single(params.search)?.slice(0, 100),
    role: single(params.role),
    status: single(params.status),
  };
  const parsed = adminListUsersQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : adminListUsersQuery.parse({ limit: 20 });
  const { items, pagination } = await adminListUsers({ db: await database(), user }, query);

  const pageHref = (page: number) => {
    const qs = new URLSearchParams();
    if (query.search) qs.set('search', query.search);
    if (query.role) qs.set('role', query.role);
    if (query.status) qs.set('status', query.status);
    if (page > 1) qs.set('page', String(page));
    const s = qs.toString();
    return s ? `/admin/users?${s}` : '/admin/users';
  };

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title="Users"
        description={`${pagination.total} ${pagination.total === 1 ? 'account' : 'accounts'} on Talas. Roles and statuses are managed through the admin API.`}
      />

      <form method="get" action="/admin/users" className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="admin-search">Search users</Label>
          <Input id="admin-search" name="search" type="search" defaultValue={query.search ?? ''} placeholder="Username or name" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="admin-role">Role</Label>
          <Select id="admin-role" name="role" defaultValue={query.role ?? ''}>
            {roleOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="admin-status">Status</Label>
          <Select id="admin-status" name="status" defaultValue={query.status ?? ''}>
            {statusOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>

      <Card className="overflow-hidden">
        <div className="overflow-x-auto" role="region" aria-label="Users table" tabIndex={0}>
          <table className="w-full min-w-[52rem] text-left text-sm">
            <caption className="sr-only">Users, page {pagination.page} of {pagination.pages}</caption>
            <thead className="border-b border-zinc-800 bg-zinc-900 text-xs tracking-wide text-zinc-400 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">User</th>
                <th scope="col" className="px-4 py-3 font-medium">Email</th>
                <th scope="col" className="px-4 py-3 font-medium">Role</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
                <th scope="col" className="px-4 py-3 font-medium">Joined</th>
                <th scope="col" className="px-4 py-3 font-medium">Last sign-in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-800/80">
              {items.map((u) => (
                <tr key={u.id} className="hover:bg-zinc-800/30">
                  <td className="px-4 py-3">
                    <Link href={`/users/${u.id}`} className="group flex items-center gap-3">
                      <Avatar name={fullNameOf(u)} src={u.avatar} size="sm" />
                      <span className="flex min-w-0 flex-col">
                        <span className="truncate font-medium text-zinc-50 group-hover:text-violet-200">{fullNameOf(u)}</span>
                        <span className="truncate text-xs text-zinc-400">@{u.username}</span>
                      </span>
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-zinc-300">{u.email}</td>
                  <td className="px-4 py-3">
                    <RoleBadge role={u.role} />
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={u.status} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-zinc-300">{formatShortDate(u.created_at)}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-zinc-300">{formatShortDate(u.last_login_at)}</td>
                </tr>
              ))}
              {items.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-4 py-12 text-center text-zinc-400">
                    No users match these filters.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </Card>

      {pagination.pages > 1 ? (
        <nav aria-label="Pagination" className="flex items-center justify-between gap-4">
          <p className="text-sm text-zinc-400">
            Page {pagination.page} of {pagination.pages}
          </p>
          <div className="flex gap-2">
            {pagination.has_previous ? (
              <ButtonLink href={pageHref(pagination.page - 1)} variant="secondary" size="sm">
                <ChevronLeft className="size-4" aria-hidden="true" /> Previous
              </ButtonLink>
            ) : null}
            {pagination.has_next ? (
              <ButtonLink href={pageHref(pagination.page + 1)} variant="secondary" size="sm">
                Next <ChevronRight className="size-4" aria-hidden="true" />
              </ButtonLink>
            ) : null}
          </div>
        </nav>
      ) : null}
    </PageContainer>
  );
}
