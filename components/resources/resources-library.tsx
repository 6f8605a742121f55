'use client';

import { clsx } from 'clsx';
import { BookMarked, Download, FolderOpen, Lock, Pencil, Plus, Search, Tag, Trash2, Upload, X } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { apiPage } from '@/components/gear/api';
import { ConfirmDialog } from '@/components/gear/confirm-dialog';
import { EmptyState } from '@/components/gear/empty-state';
import { FileTypeIcon } from '@/components/gear/file-visuals';
import { formatBytes, formatDate, plural } from '@/components/gear/format';
import { Modal } from '@/components/gear/modal';
import { Pager } from '@/components/gear/pager';
import type { PageOf } from '@/components/gear/types';
import { useDebouncedValue } from '@/components/gear/use-debounced-value';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { emptyResourceFilters, resourceQuery, RESOURCES_PAGE_SIZE, type ResourceFilters } from './filters';
import { EditResourceForm, PublishDocumentForm, ShareResourceForm } from './resource-forms';
import { resourceTypeLabels, resourceTypes, type InternalDocument, type ResourceType, type SharedResource } from './types';

interface Viewer {
  id: number;
  isAdmin: boolean;
  isModerator: boolean;
}

interface ResourcesLibraryProps {
  viewer: Viewer;
  initialDocuments: InternalDocument[];
  initialFilters: ResourceFilters;
  initialPage: PageOf<SharedResource>;
  knownTags: string[];
  maxFileBytes: number;
  maxInternalBytes: number;
}

const resourceIconType = { sample: 'other', preset: 'other', project: 'other', document: 'document', other: 'other' } as const;

function InternalDocuments({
  documents,
  viewer,
  onPublish,
  onDelete,
}: {
  documents: InternalDocument[];
  viewer: Viewer;
  onPublish: () => void;
  onDelete: (doc: InternalDocument) => void;
}) {
  return (
    <section aria-labelledby="internal-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="internal-heading" className="flex items-center gap-2 text-lg font-semibold text-zinc-50">
            <BookMarked className="size-5 text-violet-300" aria-hidden="true" />
            From the Talas team
          </h2>
          <p className="text-sm text-zinc-400">Guides, manuals and tutorials for every member.</p>
        </div>
        {viewer.isAdmin ? (
          <Button variant="secondary" size="sm" onClick={onPublish}>
            <Upload className="size-4" aria-hidden="true" />
            Publish a document
          </Button>
        ) : null}
      </div>
      {documents.length === 0 ? (
        <EmptyState headingLevel="h3" icon={<BookMarked className="size-6" aria-hidden="true" />} title="No guides published yet" className="py-8">
          {viewer.isAdmin ? 'Publish a manual or tutorial and every member can read it here.' : 'Guides from the Talas team will appear here.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {documents.map((doc) => (
            <li key={doc.id} className="flex items-start gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
              <FileTypeIcon type={doc.mime_type === 'application/pdf' ? 'manual' : doc.mime_type.startsWith('image/') ? 'image' : 'document'} />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <h3 className="font-medium break-words text-zinc-50">{doc.title}</h3>
                {doc.description ? <p className="line-clamp-2 text-sm text-zinc-400">{doc.description}</p> : null}
                <p className="text-xs text-zinc-500">
                  <span className="break-all">{doc.filename}</span> · {formatBytes(doc.size)} · {formatDate(doc.created_at)}
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <a href={doc.download_url} download={doc.filename} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                    <Download className="size-4" aria-hidden="true" />
                    Download<span className="sr-only"> {doc.title}</span>
                  </a>
                  {viewer.isAdmin ? (
                    <Button variant="ghost" size="sm" className="text-zinc-400 hover:text-red-300" onClick={() => onDelete(doc)}>
                      <Trash2 className="size-4" aria-hidden="true" />
                      Delete<span className="sr-only"> {doc.title}</span>
                    </Button>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResourceCard({
  resource,
  canEdit,
  onTag,
  onDownloaded,
  onEdit,
  onDelete,
}: {
  resource: SharedResource;
  canEdit: boolean;
  onTag: (tag: string) => void;
  onDownloaded: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <article className="flex h-full flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5">
      <div className="flex items-start gap-3">
        <FileTypeIcon type={resourceIconType[resource.type]} mimeType={resource.mime_type} />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="accent">{resourceTypeLabels[resource.type]}</Badge>
            {!resource.is_public ? (
              <Badge>
                <Lock className="size-3" aria-hidden="true" />
                Private
              </Badge>
            ) : null}
          </div>
          <h3 className="font-semibold break-words text-zinc-50">{resource.title}</h3>
        </div>
      </div>
      {resource.description ? <p className="line-clamp-3 text-sm whitespace-pre-line text-zinc-400">{resource.description}</p> : null}
      {resource.tags.length > 0 ? (
        <ul aria-label={`Tags of ${resource.title}`} className="flex flex-wrap gap-1.5">
          {resource.tags.map((tag) => (
            <li key={tag}>
              <button
                type="button"
                onClick={() => onTag(tag)}
                className="inline-flex items-center gap-1 rounded-full border border-zinc-700 bg-zinc-800/60 px-2 py-0.5 text-xs text-zinc-300 hover:border-violet-400/40 hover:text-violet-100"
                aria-label={`Show resources tagged ${tag}`}
              >
                <Tag className="size-3" aria-hidden="true" />
                {tag}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-auto text-xs text-zinc-500">
        By <span className="text-zinc-300">@{resource.user.username}</span> · {formatDate(resource.created_at)} · {formatBytes(resource.size)}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-800/80 pt-3">
        <span className="inline-flex items-center gap-1.5 text-sm text-zinc-400 tabular-nums">
          <Download className="size-3.5" aria-hidden="true" />
          {plural(resource.downloads, 'download')}
        </span>
        <div className="flex items-center gap-1">
          {canEdit ? (
            <>
              <Button variant="ghost" size="sm" className="px-2" onClick={onEdit} aria-label={`Edit ${resource.title}`}>
                <Pencil className="size-4" aria-hidden="true" />
              </Button>
              <Button variant="ghost" size="sm" className="px-2 text-zinc-400 hover:text-red-300" onClick={onDelete} aria-label={`Delete ${resource.title}`}>
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            </>
          ) : null}
          <a
            href={resource.url}
            download={resource.filename}
            onClick={onDownloaded}
            className={buttonClasses({ variant: 'secondary', size: 'sm' })}
          >
            <Download className="size-4" aria-hidden="true" />
            Download<span className="sr-only"> {resource.title}</span>
          </a>
        </div>
      </div>
    </article>
  );
}

/**
 * The resources library: internal documentation from the team, then what members share, with
 * search, type and tag filters, uploads with progress, and edit/delete for owners and moderators.
 */
export function ResourcesLibrary({
  viewer,
  initialDocuments,
  initialFilters,
  initialPage,
  knownTags,
  maxFileBytes,
  maxInternalBytes,
}: ResourcesLibraryProps) {
  const pathname = usePathname();
  const toast = useToast();
  const ids = useId();
  const [documents, setDocuments] = useState(initialDocuments);
  const [filters, setFilters] = useState(initialFilters);
  const [results, setResults] = useState(initialPage);
  const [tags, setTags] = useState(knownTags);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [dialog, setDialog] = useState<
    | { kind: 'share' }
    | { kind: 'publish' }
    | { kind: 'edit'; resource: SharedResource }
    | { kind: 'delete'; resource: SharedResource }
    | { kind: 'delete-doc'; doc: InternalDocument }
    | null
  >(null);
  const [deletePending, setDeletePending] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const listRef = useRef<HTMLElement>(null);

  const q = useDebouncedValue(filters.q, 300);
  const query = useMemo(
    () => resourceQuery({ ...filters, q }, viewer.id),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the search counts once settled
    [q, filters.type, filters.tag, filters.mine, filters.page, viewer.id],
  );
  const shown = useRef(`${resourceQuery(initialFilters, viewer.id)}#0`);

  useEffect(() => {
    const key = `${query}#${reload}`;
    if (key === shown.current) return;
    window.history.replaceState(window.history.state, '', `${pathname}${query}`);
    const controller = new AbortController();
    setLoading(true);
    const separator = query ? '&' : '?';
    apiPage<SharedResource>(`/resources${query}${separator}limit=${RESOURCES_PAGE_SIZE}`, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoading(false);
      if (result.ok) {
        shown.current = key;
        setResults(result.data);
        setFailure(null);
      } else if (result.code !== 'ABORTED') {
        setFailure(result.message);
      }
    });
    return () => controller.abort();
  }, [query, reload, pathname]);

  const update = (patch: Partial<ResourceFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const canEdit = (r: SharedResource) => r.user.id === viewer.id || viewer.isModerator;
  const active = filters.q.trim() !== '' || filters.type !== '' || filters.tag !== '' || filters.mine;

  function replaceResource(next: SharedResource) {
    setResults((r) => ({ ...r, items: r.items.map((x) => (x.id === next.id ? next : x)) }));
    setTags((all) => [...new Set([...all, ...next.tags])].sort());
  }

  async function confirmDelete() {
    if (!dialog || (dialog.kind !== 'delete' && dialog.kind !== 'delete-doc')) return;
    setDeletePending(true);
    setDeleteError(null);
    const path = dialog.kind === 'delete' ? `/resources/${dialog.resource.id}` : `/resources/internal/${dialog.doc.id}`;
    const result = await apiRequest<null>('DELETE', path);
    setDeletePending(false);
    if (!result.ok && result.status !== 404) {
      setDeleteError(result.status === 403 ? 'Only its owner or a moderator can delete this.' : result.message);
      return;
    }
    if (dialog.kind === 'delete') {
      toast({ title: 'Resource deleted', description: dialog.resource.title });
      setReload((n) => n + 1);
    } else {
      const gone = dialog.doc;
      setDocuments((all) => all.filter((d) => d.id !== gone.id));
      toast({ title: 'Document deleted', description: gone.title });
    }
    setDialog(null);
  }

  const { items, pagination } = results;

  return (
    <div className="flex flex-col gap-12">
      <InternalDocuments
        documents={documents}
        viewer={viewer}
        onPublish={() => setDialog({ kind: 'publish' })}
        onDelete={(doc) => {
          setDeleteError(null);
          setDialog({ kind: 'delete-doc', doc });
        }}
      />

      <section ref={listRef} aria-labelledby="shared-heading" className="flex scroll-mt-32 flex-col gap-5">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="shared-heading" className="flex items-center gap-2 text-lg font-semibold text-zinc-50">
              <FolderOpen className="size-5 text-violet-300" aria-hidden="true" />
              Shared by musicians
            </h2>
            <p className="text-sm text-zinc-400">Samples, presets, projects and documents from the community.</p>
          </div>
          <Button onClick={() => setDialog({ kind: 'share' })}>
            <Plus className="size-4" aria-hidden="true" />
            Share a resource
          </Button>
        </div>

        <form
          role="search"
          aria-label="Filter shared resources"
          onSubmit={(e) => e.preventDefault()}
          className="grid gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto] lg:items-end"
        >
          <div className="flex flex-col gap-1.5 sm:col-span-2 lg:col-span-1">
            <Label htmlFor={`${ids}-q`}>Search resources</Label>
            <div className="relative">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" aria-hidden="true" />
              <Input
                id={`${ids}-q`}
                type="search"
                value={filters.q}
                onChange={(e) => update({ q: e.target.value })}
                placeholder="Title or description"
                autoComplete="off"
                className="pl-9"
              />
            </div>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${ids}-type`}>Type</Label>
            <Select id={`${ids}-type`} value={filters.type} onChange={(e) => update({ type: e.target.value as ResourceType | '' })}>
              <option value="">All types</option>
              {resourceTypes.map((t) => (
                <option key={t} value={t}>
                  {resourceTypeLabels[t]}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${ids}-tag`}>Tag</Label>
            <Select id={`${ids}-tag`} value={filters.tag} onChange={(e) => update({ tag: e.target.value })}>
              <option value="">All tags</option>
              {(filters.tag && !tags.includes(filters.tag) ? [filters.tag, ...tags] : tags).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${ids}-owner`}>Shared by</Label>
            <Select id={`${ids}-owner`} value={filters.mine ? 'me' : ''} onChange={(e) => update({ mine: e.target.value === 'me' })}>
              <option value="">Everyone</option>
              <option value="me">Me</option>
            </Select>
          </div>
          <Button variant="ghost" size="md" onClick={() => setFilters(emptyResourceFilters)} disabled={!active}>
            <X className="size-4" aria-hidden="true" />
            Clear
          </Button>
        </form>

        {failure ? (
          <Alert tone="error" title="Resources could not be loaded">
            {failure}
          </Alert>
        ) : null}

        <div className="flex items-center justify-between gap-3">
          <p className="text-sm font-medium text-zinc-400">
            <span role="status">
              {plural(pagination.total, 'resource')}
              {filters.tag ? ` tagged “${filters.tag}”` : ''}
            </span>
          </p>
          {loading ? <Spinner label="Updating resources" className="text-violet-300" /> : null}
        </div>

        {items.length > 0 ? (
          <ul aria-busy={loading || undefined} className={clsx('grid gap-4 transition-opacity sm:grid-cols-2 xl:grid-cols-3', loading && 'opacity-60')}>
            {items.map((resource) => (
              <li key={resource.id}>
                <ResourceCard
                  resource={resource}
                  canEdit={canEdit(resource)}
                  onTag={(tag) => {
                    update({ tag });
                    listRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                  }}
                  onDownloaded={() =>
                    // The API counts full downloads; show it without reloading the list.
                    setResults((r) => ({
                      ...r,
                      items: r.items.map((x) => (x.id === resource.id ? { ...x, downloads: x.downloads + 1 } : x)),
                    }))
                  }
                  onEdit={() => setDialog({ kind: 'edit', resource })}
                  onDelete={() => {
                    setDeleteError(null);
                    setDialog({ kind: 'delete', resource });
                  }}
                />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            icon={<FolderOpen className="size-6" aria-hidden="true" />}
            title={active ? 'Nothing matches these filters' : 'Nothing shared yet'}
            actions={
              active ? (
                <Button variant="secondary" onClick={() => setFilters(emptyResourceFilters)}>
                  Clear filters
                </Button>
              ) : (
                <Button onClick={() => setDialog({ kind: 'share' })}>
                  <Plus className="size-4" aria-hidden="true" />
                  Share the first one
                </Button>
              )
            }
          >
            {active ? 'Try other words, another type or tag.' : 'Share a sample pack, a synth preset or a project template with other musicians.'}
          </EmptyState>
        )}
        <Pager
          pagination={pagination}
          label="Resource pages"
          onPage={(page) => {
            setFilters((f) => ({ ...f, page }));
            listRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
        />
      </section>

      <Modal
        open={dialog?.kind === 'share'}
        title="Share a resource"
        description="Upload a file for other musicians to download."
        onClose={() => setDialog(null)}
        size="md"
      >
        <ShareResourceForm
          maxBytes={maxFileBytes}
          onCancel={() => setDialog(null)}
          onDone={(resource) => {
            setDialog(null);
            toast({ title: 'Resource shared', description: resource.title });
            setTags((all) => [...new Set([...all, ...resource.tags])].sort());
            setFilters(emptyResourceFilters);
            setReload((n) => n + 1);
          }}
        />
      </Modal>

      <Modal open={dialog?.kind === 'edit'} title="Edit resource" onClose={() => setDialog(null)} size="md">
        {dialog?.kind === 'edit' ? (
          <EditResourceForm
            resource={dialog.resource}
            onCancel={() => setDialog(null)}
            onDone={(resource) => {
              setDialog(null);
              replaceResource(resource);
              toast({ title: 'Resource updated', description: resource.title });
            }}
          />
        ) : null}
      </Modal>

      <Modal
        open={dialog?.kind === 'publish'}
        title="Publish a document"
        description="Internal documentation is visible to every signed-in member."
        onClose={() => setDialog(null)}
        size="md"
      >
        <PublishDocumentForm
          maxBytes={maxInternalBytes}
          onCancel={() => setDialog(null)}
          onDone={(doc) => {
            setDialog(null);
            setDocuments((all) => [doc, ...all]);
            toast({ title: 'Document published', description: doc.title });
          }}
        />
      </Modal>

      <ConfirmDialog
        open={dialog?.kind === 'delete' || dialog?.kind === 'delete-doc'}
        title={`Delete ${dialog?.kind === 'delete' ? dialog.resource.title : dialog?.kind === 'delete-doc' ? dialog.doc.title : ''}?`}
        description="The file is removed from Talas for everyone. This cannot be undone."
        confirmLabel="Delete"
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDialog(null)}
        pending={deletePending}
        error={deleteError}
      />
    </div>
  );
}
