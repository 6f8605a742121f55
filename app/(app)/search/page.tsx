import { Search, Users } from 'lucide-react';
import type { Metadata } from 'next';
import { currentUser } from '@/app/_server/current-user';
import { PersonCard } from '@/components/profile/person-card';
import { PageContainer } from '@/components/shell/app-shell';
import { StatusView } from '@/components/shell/status-view';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { database } from '@/lib/database';
import { listUsersQuery } from '@/lib/users/schemas';
import { listUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Search' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = (typeof params.q === 'string' ? params.q : '').trim().slice(0, 100);
  const user = await currentUser();

  if (!user) {
    const back = q ? `/search?q=${encodeURIComponent(q)}` : '/search';
    return (
      <StatusView
        icon={<Users className="size-7" aria-hidden="true" />}
        title="Sign in to find musicians"
        actions={
          <>
            <ButtonLink href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>Sign in</ButtonLink>
            <ButtonLink href="/sign-up" variant="secondary">
              Create an account
            </ButtonLink>
          </>
        }
      >
        <p>The member directory is open to everyone with a Talas account.</p>
      </StatusView>
    );
  }

  const query = listUsersQuery.parse({ search: q || undefined, limit: 48 });
  const { items, pagination } = await listUsers({ db: await database(), user }, query);

  return (
    <PageContainer className="flex flex-col gap-8">
      <PageHeader
        title={q ? `Results for “${q}”` : 'Find musicians'}
        description="Search people by username, first or last name. Tracks, gear and listings join search as those sections launch."
      />
      <form action="/search" method="get" role="search" className="flex max-w-xl gap-2">
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
          <Input name="q" type="search" defaultValue={q} aria-label="Search people" placeholder="Name or username" className="pl-9" />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <section aria-labelledby="people-heading" className="flex flex-col gap-4">
        <h2 id="people-heading" className="text-sm font-medium text-zinc-400">
          {pagination.total === 1 ? '1 person' : `${pagination.total} people`}
          {pagination.total > items.length ? ` (showing the first ${items.length})` : ''}
        </h2>
        {items.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((person) => (
              <li key={person.id}>
                <PersonCard person={person} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="rounded-2xl border border-dashed border-zinc-800 px-6 py-12 text-center text-zinc-400">
            Nobody matches “{q}”. Try a shorter name or a username.
          </p>
        )}
      </section>
    </PageContainer>
  );
}
