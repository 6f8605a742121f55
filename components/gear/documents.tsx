'use client';

import { clsx } from 'clsx';
import { CircleAlert, CircleCheck, Download, Eye, FileUp, Trash2, X } from 'lucide-react';
import { useCallback, useId, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { uploadWithProgress } from './api';
import { ACCEPTED_TEXT, uploadError } from './upload-errors';
import { ConfirmDialog } from './confirm-dialog';
import { Dropzone } from './dropzone';
import { EmptyState } from './empty-state';
import { FileTypeIcon, isPreviewable } from './file-visuals';
import { fileTypeLabels, formatBytes, formatDate } from './format';
import { Modal } from './modal';
import { openPdfPreview } from './preview';
import { ProgressBar } from './progress-bar';
import { fileTypes, type FileType, type GearFile } from './types';

export const DOCUMENT_ACCEPT =
  'application/pdf,image/png,image/jpeg,image/webp,image/gif,text/plain,audio/*,.pdf,.png,.jpg,.jpeg,.webp,.gif,.txt,.md,.csv,.mp3,.wav,.ogg,.opus,.flac,.m4a,.aac';


interface Upload {
  key: number;
  file: File;
  type: FileType | '';
  progress: number;
  state: 'queued' | 'uploading' | 'done' | 'error';
  error?: { title: string; detail: string };
}

const DOC_TYPES: readonly FileType[] = ['manual', 'warranty', 'invoice', 'document'];

export function countFiles(files: GearFile[]): { files: number; docs: number } {
  return { files: files.length, docs: files.filter((f) => DOC_TYPES.includes(f.type)).length };
}

/** The picture at its own size, or blown up without blur when it is tiny (an icon, a pixel). */
function ImagePreview({ file }: { file: GearFile }) {
  const [tiny, setTiny] = useState(false);
  return (
    <div className="flex min-h-40 items-center justify-center rounded-xl bg-zinc-950/60 p-2">
      {/* eslint-disable-next-line @next/next/no-img-element -- a same-origin download shown at its own size */}
      <img
        src={file.url}
        alt={file.filename}
        onLoad={(e) => setTiny(e.currentTarget.naturalWidth < 160 && e.currentTarget.naturalHeight < 160)}
        className={clsx(
          'max-h-[70dvh] max-w-full rounded-lg object-contain',
          tiny ? 'size-40 [image-rendering:pixelated]' : 'w-auto',
        )}
      />
    </div>
  );
}

interface DocumentsProps {
  itemId: number;
  itemName: string;
  /** The item's files; the item page owns them, so its counts follow uploads and deletes. */
  files: GearFile[];
  setFiles: Dispatch<SetStateAction<GearFile[]>>;
  maxBytes: number;
}

/** An item's documents: drag-and-drop upload with real progress, the list, preview, download, delete. */
export function Documents({ itemId, itemName, files, setFiles, maxBytes }: DocumentsProps) {
  const ids = useId();
  const toast = useToast();
  const [type, setType] = useState<FileType | ''>('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [previewing, setPreviewing] = useState<GearFile | null>(null);
  const [pdfFallback, setPdfFallback] = useState<{ file: GearFile; url: string } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loadingPreview, setLoadingPreview] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<GearFile | null>(null);
  const [deletePending, setDeletePending] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const nextKey = useRef(1);
  const queue = useRef<Upload[]>([]);
  const running = useRef(false);
  const current = useRef<{ key: number; abort: () => void } | null>(null);

  const patch = (key: number, change: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    while (queue.current.length > 0) {
      const upload = queue.current.shift()!;
      patch(upload.key, { state: 'uploading', progress: 0 });
      const form = new FormData();
      if (upload.type) form.append('type', upload.type);
      form.append('file', upload.file, upload.file.name);
      const handle = uploadWithProgress<GearFile>(`/user-products/${itemId}/files`, form, ({ loaded, total }) =>
        patch(upload.key, { progress: total > 0 ? (loaded / total) * 100 : 0 }),
      );
      current.current = { key: upload.key, abort: handle.abort };
      const result = await handle.result;
      current.current = null;
      if (result.ok) {
        patch(upload.key, { state: 'done', progress: 100 });
        setFiles((all) => [result.data, ...all]);
        setAnnouncement(`${result.data.filename} uploaded.`);
        window.setTimeout(() => setUploads((all) => all.filter((u) => u.key !== upload.key)), 6000);
      } else if (result.code === 'ABORTED') {
        setUploads((all) => all.filter((u) => u.key !== upload.key));
        setAnnouncement(`Upload of ${upload.file.name} cancelled.`);
      } else {
        const error = uploadError(result, upload.file, maxBytes);
        patch(upload.key, { state: 'error', error });
        setAnnouncement(`${error.title}. ${error.detail}`);
      }
    }
    running.current = false;
  }, [setFiles, itemId, maxBytes]);

  function onFiles(picked: File[]) {
    const added: Upload[] = picked.map((file) => {
      const upload: Upload = { key: nextKey.current++, file, type, progress: 0, state: 'queued' };
      if (file.size > maxBytes) {
        upload.state = 'error';
        upload.error = uploadError({ status: 413, code: 'FILE_TOO_LARGE', message: '' }, file, maxBytes);
      } else if (file.size === 0) {
        upload.state = 'error';
        upload.error = { title: `${file.name} is empty`, detail: 'Choose a file with something in it.' };
      }
      return upload;
    });
    setUploads((all) => [...all.filter((u) => u.state !== 'done'), ...added]);
    queue.current.push(...added.filter((u) => u.state === 'queued'));
    void run();
  }

  async function preview(file: GearFile) {
    setPreviewError(null);
    const kind = isPreviewable(file.mime_type);
    if (kind === 'image') {
      setPreviewing(file);
      return;
    }
    setLoadingPreview(file.id);
    const result = await openPdfPreview(file.url);
    setLoadingPreview(null);
    if (!result.ok) setPreviewError(result.message);
    else if (result.fallbackUrl) setPdfFallback({ file, url: result.fallbackUrl });
  }

  async function confirmDelete() {
    if (!deleting) return;
    setDeletePending(true);
    setDeleteError(null);
    const result = await apiRequest<null>('DELETE', `/files/${deleting.id}`);
    setDeletePending(false);
    if (!result.ok && result.status !== 404) {
      setDeleteError(result.message);
      return;
    }
    const gone = deleting;
    setFiles((all) => all.filter((f) => f.id !== gone.id));
    setDeleting(null);
    toast({ title: 'File deleted', description: gone.filename });
  }

  const busy = uploads.some((u) => u.state === 'uploading' || u.state === 'queued');

  return (
    <section aria-labelledby={`${ids}-heading`} className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${ids}-heading`} className="text-lg font-semibold text-zinc-50">
            Documents
            {files.length > 0 ? <span className="ml-2 text-sm font-normal text-zinc-400 tabular-nums">{files.length}</span> : null}
          </h2>
          <p className="text-sm text-zinc-400">Manuals, warranty cards, invoices and photos of your {itemName}.</p>
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-[minmax(0,14rem)_1fr] md:items-start">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${ids}-type`}>Document type</Label>
          <Select id={`${ids}-type`} value={type} onChange={(e) => setType(e.target.value as FileType | '')}>
            <option value="">Detect from the file</option>
            {fileTypes.map((t) => (
              <option key={t} value={t}>
                {fileTypeLabels[t]}
              </option>
            ))}
          </Select>
          <p className="text-xs text-zinc-400">Applies to the next files you add.</p>
        </div>
        <Dropzone
          onFiles={onFiles}
          accept={DOCUMENT_ACCEPT}
          multiple
          buttonLabel="Choose files"
          title="Drag and drop files here"
          hint={`${ACCEPTED_TEXT}; up to ${formatBytes(maxBytes)} each.`}
          compact
        />
      </div>

      {uploads.length > 0 ? (
        <ul aria-label="Uploads" className="flex flex-col gap-2">
          {uploads.map((u) => (
            <li
              key={u.key}
              className={clsx(
                'flex flex-col gap-2 rounded-xl border px-4 py-3',
                u.state === 'error' ? 'border-red-400/30 bg-red-500/10' : 'border-zinc-800 bg-zinc-900/60',
              )}
            >
              <div className="flex items-start gap-3">
                {u.state === 'error' ? (
                  <CircleAlert className="mt-0.5 size-4 shrink-0 text-red-300" aria-hidden="true" />
                ) : u.state === 'done' ? (
                  <CircleCheck className="mt-0.5 size-4 shrink-0 text-emerald-300" aria-hidden="true" />
                ) : (
                  <FileUp className="mt-0.5 size-4 shrink-0 text-violet-300" aria-hidden="true" />
                )}
                <div className="min-w-0 flex-1">
                  {u.error ? (
                    <div role="alert" className="text-sm">
                      <p className="font-medium break-words text-red-100">{u.error.title}</p>
                      <p className="text-red-100/80">{u.error.detail}</p>
                    </div>
                  ) : (
                    <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                      <span className="min-w-0 truncate font-medium text-zinc-100">{u.file.name}</span>
                      <span className="text-xs text-zinc-400 tabular-nums">
                        {u.state === 'done'
                          ? 'Uploaded'
                          : u.state === 'queued'
                            ? 'Waiting…'
                            : `${Math.round(u.progress)}% of ${formatBytes(u.file.size)}`}
                      </span>
                    </p>
                  )}
                </div>
                {u.state === 'uploading' ? (
                  <button
                    type="button"
                    onClick={() => current.current?.key === u.key && current.current.abort()}
                    className="-m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
                    aria-label={`Cancel upload of ${u.file.name}`}
                  >
                    <X className="size-4" aria-hidden="true" />
                  </button>
                ) : u.state !== 'queued' ? (
                  <button
                    type="button"
                    onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}
                    className="-m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
                    aria-label={`Dismiss ${u.file.name}`}
                  >
                    <X className="size-4" aria-hidden="true" />
                  </button>
                ) : null}
              </div>
              {u.state === 'uploading' || u.state === 'done' ? (
                <ProgressBar
                  value={u.progress}
                  label={`Uploading ${u.file.name}`}
                  tone={u.state === 'done' ? 'success' : 'accent'}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      <div role="status" className="sr-only">
        {announcement}
      </div>

      {previewError ? (
        <Alert tone="error" title="Preview unavailable">
          {previewError}
        </Alert>
      ) : null}

      {files.length === 0 ? (
        <EmptyState
          headingLevel="h3"
          icon={<FileUp className="size-6" aria-hidden="true" />}
          title="No documents yet"
          className="py-10"
        >
          {busy
            ? 'Your upload will appear here in a moment.'
            : 'Drop the manual, the warranty card or the invoice above to keep them with this item.'}
        </EmptyState>
      ) : (
        <ul aria-label="Files" className="divide-y divide-zinc-800 overflow-hidden rounded-2xl border border-zinc-800 bg-zinc-900/40">
          {files.map((file) => {
            const kind = isPreviewable(file.mime_type);
            return (
              <li key={file.id} className="flex flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3">
                {kind === 'image' ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a same-origin download, not a static asset
                  <img
                    src={file.url}
                    alt=""
                    loading="lazy"
                    className="size-10 shrink-0 rounded-xl bg-zinc-800 object-cover ring-1 ring-zinc-700"
                  />
                ) : (
                  <FileTypeIcon type={file.type} mimeType={file.mime_type} />
                )}
                <div className="min-w-0 flex-1 basis-48">
                  <p className="truncate text-sm font-medium text-zinc-100" title={file.filename}>
                    {file.filename}
                  </p>
                  <p className="text-xs text-zinc-400">
                    {fileTypeLabels[file.type]} · {formatBytes(file.size)} · {formatDate(file.uploaded_at)}
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-1.5">
                  {kind ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => void preview(file)}
                      loading={loadingPreview === file.id}
                    >
                      {loadingPreview === file.id ? null : <Eye className="size-4" aria-hidden="true" />}
                      Preview<span className="sr-only"> {file.filename}</span>
                    </Button>
                  ) : null}
                  <a href={file.url} download={file.filename} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                    <Download className="size-4" aria-hidden="true" />
                    Download<span className="sr-only"> {file.filename}</span>
                  </a>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="px-2 text-zinc-400 hover:text-red-300"
                    onClick={() => {
                      setDeleteError(null);
                      setDeleting(file);
                    }}
                    aria-label={`Delete ${file.filename}`}
                  >
                    <Trash2 className="size-4" aria-hidden="true" />
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.filename ?? 'this file'}?`}
        description="The file is removed from this item and from Talas storage. This cannot be undone."
        confirmLabel="Delete file"
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
        pending={deletePending}
        error={deleteError}
      />

      <Modal
        open={previewing !== null}
        title={previewing?.filename ?? ''}
        description={previewing ? `${fileTypeLabels[previewing.type]} · ${formatBytes(previewing.size)}` : undefined}
        onClose={() => setPreviewing(null)}
        size="xl"
        footer={
          previewing ? (
            <a href={previewing.url} download={previewing.filename} className={buttonClasses({ variant: 'secondary' })}>
              <Download className="size-4" aria-hidden="true" />
              Download
            </a>
          ) : null
        }
      >
        {previewing ? <ImagePreview file={previewing} /> : null}
      </Modal>

      <Modal
        open={pdfFallback !== null}
        title="Open the preview"
        description="Your browser blocked the new tab. Open the PDF from here instead."
        onClose={() => setPdfFallback(null)}
        footer={
          pdfFallback ? (
            <a
              href={pdfFallback.url}
              target="_blank"
              rel="noopener"
              onClick={() => setPdfFallback(null)}
              className={buttonClasses({ variant: 'primary' })}
            >
              <Eye className="size-4" aria-hidden="true" />
              Open {pdfFallback.file.filename}
            </a>
          ) : null
        }
      />
    </section>
  );
}
