import { Search, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { currentUser } from '@/app/_server/current-user';
import { PersonCard } from '@/components/profile/person-card';
import { groupsOf, type SearchGroup } from '@/components/search/groups';
import { PageContainer } from '@/components/shell/app-shell';
import { StatusView } from '@/components/shell/status-view';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { database } from '@/lib/database';
import { AppError } from '@/lib/errors';
import { searchQuery, type SearchResult } from '@/lib/search/schemas';
import { searchAll } from '@/lib/search/service';
import { listUsersQuery } from '@/lib/users/schemas';
import { listUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Search' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const GROUP_LIMIT = 5;
const FULL_LIMIT = 20;
const groupTypes: SearchGroup['type'][] = ['users', 'products', 'tracks', 'resources', 'files'];

function GroupSection({ group, q, full }: { group: SearchGroup; q: string; full: boolean }) {
  const headingId = `search-${group.type}`;
  const more = !full && group.items.length >= GROUP_LIMIT;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={headingId} className="text-lg font-semibold text-zinc-50">
          {group.label}
        </h2>
        {more ? (
          <Link
            href={`/search?q=${encodeURIComponent(q)}&type=${group.type}`}
            className="text-sm text-violet-300 hover:text-violet-200 hover:underline"
            aria-label={`More ${group.label.toLowerCase()} matching “${q}”`}
          >
            More
          </Link>
        ) : null}
      </div>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {group.items.map((item) => (
          <li key={item.key}>
            {item.download ? (
              <a
                href={item.href}
                className="block rounded-xl border border-zinc-800 bg-zinc-900/50 px-4 py-3 transition-colors hover:border-zinc-700"
              >
                <span className="block truncate text-sm font-medium text-zinc-50">{item.title}</span>
                <span className="block truncate text-xs text-zinc-400">{item.detail}</span>
              </a>
            ) : (
              <Link
                href={item.href}
                className="block rounded-xl border border-zinc-800 bg-zinc-900/50 px-4 py-3 transition-colors hover:border-zinc-700"
              >
                <span className="block truncate text-sm font-medium text-zinc-50">{item.title}</span>
                <span className="block truncate text-xs text-zinc-400">{item.detail}</span>
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = (typeof params.q === 'string' ? params.q : '').trim().slice(0, 100);
  const rawType = typeof params.type === 'string' ? params.type : '';
  const only = groupTypes.find((t) => t === rawType);
  const user = await currentUser();

  if (!user) {
    const back = q ? `/search?q=${encodeURIComponent(q)}` : '/search';
    return (
      <StatusView
        icon={<Users className="size-7" aria-hidden="true" />}
        title="Sign in to search Talas"
        actions={
          <>
            <ButtonLink href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>Sign in</ButtonLink>
            <ButtonLink href="/sign-up" variant="secondary">
              Create an account
            </ButtonLink>
          </>
        }
      >
        <p>Search is open to everyone with a Talas account.</p>
      </StatusView>
    );
  }

  const ctx = { db: await database(), user };
  let groups: SearchGroup[] = [];
  let error: string | null = null;
  let people: Awaited<ReturnType<typeof listUsers>> | null = null;
  if (q) {
    try {
      const result: SearchResult = await searchAll(ctx, searchQuery.parse({ q, type: only, limit: only ? FULL_LIMIT : GROUP_LIMIT }));
      groups = groupsOf(result).filter((g) => g.items.length > 0);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) error = 'Type a word or a name to search for.';
      else throw err;
    }
  } else {
    // No query: the member directory, as before.
    people = await listUsers(ctx, listUsersQuery.parse({ limit: 48 }));
  }

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title={q ? `Results for “${q}”` : 'Search Talas'}
        description="People, products, tracks, resources and your files, in one search."
      />
      <form action="/search" method="get" role="search" aria-label="Search Talas" className="flex max-w-xl gap-2">
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
          <Input name="q" type="search" defaultValue={q} aria-label="Search query" placeholder="Names, gear, tracks…" className="pl-9" />
        </div>
        {only ? <input type="hidden" name="type" value={only} /> : null}
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {only ? (
        <p className="-mt-4 text-sm text-zinc-400">
          Showing {groupsOf({ users: [], products: [], files: [], tracks: [], resources: [], listings: [] }).find((g) => g.type === only)?.label.toLowerCase()} only.{' '}
          <Link href={`/search?q=${encodeURIComponent(q)}`} className="text-violet-300 hover:underline">
            Show every kind of result
          </Link>
        </p>
      ) : null}
      {error ? <p className="text-zinc-400">{error}</p> : null}
      {q && !error && groups.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-800 px-6 py-12 text-center text-zinc-400">
          Nothing matches “{q}”. Try fewer or shorter words.
        </p>
      ) : null}
      {groups.map((group) => (
        <GroupSection key={group.type} group={group} q={q} full={Boolean(only)} />
      ))}
      {people ? (
        <section aria-labelledby="people-heading" className="flex flex-col gap-4">
          <h2 id="people-heading" className="text-lg font-semibold text-zinc-50">
            People
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {people.items.map((person) => (
              <li key={person.id}>
                <PersonCard person={person} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PageContainer>
  );
}
