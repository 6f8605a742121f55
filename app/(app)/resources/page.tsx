import type { Metadata } from 'next';
import { requireUser } from '@/app/_server/current-user';
import { emptyResourceFilters, RESOURCES_PAGE_SIZE, type ResourceFilters } from '@/components/resources/filters';
import { ResourcesLibrary } from '@/components/resources/resources-library';
import { resourceTypes, type ResourceType } from '@/components/resources/types';
import { PageContainer } from '@/components/shell/app-shell';
import { PageHeader } from '@/components/ui/page-header';
import type { AuthedCtx } from '@/lib/context';
import { database } from '@/lib/database';
import { env } from '@/lib/env';
import { listResourcesQuery } from '@/lib/resources/schemas';
import { listInternalDocuments, listResources } from '@/lib/resources/service';
import { roleAtLeast } from '@/lib/users/schemas';

export const metadata: Metadata = { title: 'Resources' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ? v : undefined;
}

/** The tags in use, for the tag filter (read in pages; newest resources first). */
async function tagsOf(ctx: AuthedCtx): Promise<string[]> {
  const tags = new Set<string>();
  for (let page = 1; page <= 5; page++) {
    const { items, pagination } = await listResources(ctx, listResourcesQuery.parse({ page, limit: 100 }));
    for (const r of items) for (const t of r.tags) tags.add(t);
    if (!pagination.has_next) break;
  }
  return [...tags].sort((a, b) => a.localeCompare(b));
}

export default async function ResourcesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const back = new URLSearchParams();
  for (const key of ['q', 'type', 'tag', 'user_id', 'page']) {
    const v = single(params[key]);
    if (v) back.set(key, v);
  }
  const user = await requireUser(back.size ? `/resources?${back}` : '/resources');
  const ctx: AuthedCtx = { db: await database(), user };

  const type = single(params.type);
  const page = Number(single(params.page) ?? 1);
  let filters: ResourceFilters = {
    q: single(params.q)?.slice(0, 200) ?? '',
    type: resourceTypes.includes(type as ResourceType) ? (type as ResourceType) : '',
    tag: single(params.tag)?.slice(0, 200) ?? '',
    mine: single(params.user_id) === String(user.id),
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
  const toQuery = (f: ResourceFilters) =>
    listResourcesQuery.safeParse({
      q: f.q || undefined,
      type: f.type || undefined,
      tag: f.tag || undefined,
      user_id: f.mine ? user.id : undefined,
      page: f.page,
      limit: RESOURCES_PAGE_SIZE,
    });
  let parsed = toQuery(filters);
  if (!parsed.success) {
    filters = emptyResourceFilters;
    parsed = toQuery(filters);
  }

  const [documents, firstPage, tags] = await Promise.all([
    listInternalDocuments(ctx),
    listResources(ctx, parsed.data!),
    tagsOf(ctx),
  ]);
  const { MAX_FILE_SIZE, MAX_INTERNAL_DOC_SIZE } = env();

  return (
    <PageContainer className="flex flex-col gap-10">
      <PageHeader
        title="Resources"
        description="Guides from the Talas team, and samples, presets and projects shared by musicians."
      />
      <ResourcesLibrary
        viewer={{ id: user.id, isAdmin: roleAtLeast(user.role, 'admin'), isModerator: roleAtLeast(user.role, 'moderator') }}
        initialDocuments={documents}
        initialFilters={filters}
        initialPage={firstPage}
        knownTags={tags}
        maxFileBytes={MAX_FILE_SIZE}
        maxInternalBytes={MAX_INTERNAL_DOC_SIZE}
      />
    </PageContainer>
  );
}
