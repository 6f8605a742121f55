'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { focusFirstInvalid, mapFieldErrors, type FieldErrors } from '@/components/forms/form-errors';
import { uploadWithProgress, type UploadHandle } from '@/components/gear/api';
import { formatBytes } from '@/components/gear/format';
import { ProgressBar } from '@/components/gear/progress-bar';
import { oversizeMessage, uploadError } from '@/components/gear/upload-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { FileField } from './file-field';
import { Switch } from './switch';
import {
  MAX_TAG_LENGTH,
  MAX_TAGS,
  resourceTypeLabels,
  resourceTypes,
  type InternalDocument,
  type ResourceType,
  type SharedResource,
} from './types';

const RESOURCE_ACCEPT =
  'audio/*,application/pdf,image/png,image/jpeg,image/webp,image/gif,text/plain,application/zip,.zip,.wav,.mp3,.flac,.ogg,.opus,.m4a,.aac,.pdf,.png,.jpg,.jpeg,.webp,.gif,.txt,.md,.csv';
const RESOURCE_TYPES_TEXT = 'audio (WAV, MP3, FLAC, Ogg, M4A), PDF, images, plain text and ZIP archives';
const INTERNAL_ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,image/gif,text/plain,application/zip,.pdf,.png,.jpg,.jpeg,.webp,.gif,.txt,.md,.zip';
const INTERNAL_TYPES_TEXT = 'PDF, images, plain text and ZIP archives';

/** The tags as the API will store them, to check counts and lengths before sending. */
function splitTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()).filter(Boolean))];
}

function tagsProblem(text: string): string | undefined {
  const tags = splitTags(text);
  if (tags.length > MAX_TAGS) return `Use at most ${MAX_TAGS} tags.`;
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  return long ? `“${long.slice(0, 20)}…” is too long: tags are at most ${MAX_TAG_LENGTH} characters.` : undefined;
}

const metaFields = ['title', 'description', 'type', 'tags', 'is_public'] as const;
type MetaField = (typeof metaFields)[number];

interface MetaValues {
  title: string;
  description: string;
  type: ResourceType;
  tags: string;
  is_public: boolean;
}

function MetaFields({
  values,
  errors,
  set,
  disabled,
}: {
  values: MetaValues;
  errors: FieldErrors<MetaField | 'file'>;
  set: (patch: Partial<MetaValues>) => void;
  disabled?: boolean;
}) {
  return (
    <>
      <FormField label="Title" name="title" error={errors.title}>
        {(field) => (
          <Input {...field} value={values.title} onChange={(e) => set({ title: e.target.value })} maxLength={200} disabled={disabled} required />
        )}
      </FormField>
      <FormField label="Description" name="description" error={errors.description} optional>
        {(field) => (
          <Textarea
            {...field}
            rows={3}
            value={values.description}
            onChange={(e) => set({ description: e.target.value })}
            maxLength={5000}
            disabled={disabled}
            placeholder="What it is, what it was made with, how to use it."
          />
        )}
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField label="Type" name="type" error={errors.type}>
          {(field) => (
            <Select {...field} value={values.type} onChange={(e) => set({ type: e.target.value as ResourceType })} disabled={disabled}>
              {resourceTypes.map((t) => (
                <option key={t} value={t}>
                  {resourceTypeLabels[t]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField label="Tags" name="tags" error={errors.tags} optional hint="Separated by commas: drums, 808, lo-fi.">
          {(field) => (
            <Input {...field} value={values.tags} onChange={(e) => set({ tags: e.target.value })} disabled={disabled} autoComplete="off" />
          )}
        </FormField>
      </div>
      <Switch
        checked={values.is_public}
        onChange={(is_public) => set({ is_public })}
        label="Public"
        description={values.is_public ? 'Everyone on Talas can find and download it.' : 'Only you can see it.'}
        disabled={disabled}
      />
    </>
  );
}

function checkMeta(values: MetaValues): FieldErrors<MetaField> {
  const errors: FieldErrors<MetaField> = {};
  if (!values.title.trim()) errors.title = 'Give it a title.';
  const tags = tagsProblem(values.tags);
  if (tags) errors.tags = tags;
  return errors;
}

interface ShareResourceFormProps {
  maxBytes: number;
  onDone: (resource: SharedResource) => void;
  onCancel: () => void;
}

/** Share a file with the community: its details, the file, and the upload's progress. */
/** A title suggested from a file name: no extension, separators as spaces. */
function titleFromFilename(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').slice(0, 200);
}

export function ShareResourceForm({ maxBytes, onDone, onCancel }: ShareResourceFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const upload = useRef<UploadHandle<SharedResource> | null>(null);
  // Closing the dialog mid-upload cancels the upload.
  useEffect(() => () => upload.current?.abort(), []);
  const [values, setValues] = useState<MetaValues>({ title: '', description: '', type: 'sample', tags: '', is_public: true });
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors<MetaField | 'file'>>({});
  const [failure, setFailure] = useState<{ title: string; detail: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  function set(patch: Partial<MetaValues>) {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch) as MetaField[]) delete next[key];
      return next;
    });
  }

  function chooseFile(next: File | null) {
    setFile(next);
    setFailure(null);
    setErrors((e) => ({ ...e, file: oversizeMessage(next, maxBytes) }));
    if (next && !values.title.trim()) set({ title: titleFromFilename(next.name) });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (progress !== null) return;
    const found: FieldErrors<MetaField | 'file'> = checkMeta(values);
    if (!file) found.file = 'Choose the file to share.';
    else if (file.size > maxBytes) found.file = oversizeMessage(file, maxBytes);
    else if (file.size === 0) found.file = 'This file is empty.';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0 || !file) return focusFirstInvalid(formRef.current);

    const form = new FormData();
    form.append('title', values.title.trim());
    if (values.description.trim()) form.append('description', values.description.trim());
    form.append('type', values.type);
    if (values.tags.trim()) form.append('tags', splitTags(values.tags).join(','));
    form.append('is_public', values.is_public ? 'true' : 'false');
    form.append('file', file, file.name);

    setProgress(0);
    upload.current = uploadWithProgress<SharedResource>('/resources', form, ({ loaded, total }) =>
      setProgress(total > 0 ? (loaded / total) * 100 : 0),
    );
    const result = await upload.current.result;
    upload.current = null;
    setProgress(null);
    if (result.ok) return onDone(result.data);
    if (result.code === 'ABORTED') return;
    if (result.code === 'INVALID_INPUT') {
      const { fieldErrors, rest } = mapFieldErrors(result.details, [...metaFields, 'file'] as const);
      setErrors(fieldErrors);
      if (rest.length || Object.keys(fieldErrors).length === 0) setFailure({ title: 'Not shared', detail: rest.join(' ') || result.message });
      focusFirstInvalid(formRef.current);
    } else {
      setFailure(uploadError(result, file, maxBytes, RESOURCE_TYPES_TEXT));
    }
  }

  const uploading = progress !== null;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      <FileField
        file={file}
        onFile={chooseFile}
        error={errors.file}
        accept={RESOURCE_ACCEPT}
        hint={`Samples, presets, projects or documents: ${RESOURCE_TYPES_TEXT}; up to ${formatBytes(maxBytes)}.`}
        disabled={uploading}
      />
      <MetaFields values={values} errors={errors} set={set} disabled={uploading} />
      {uploading ? <ProgressBar value={progress} label={`Uploading ${file?.name ?? 'file'}`} /> : null}
      <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-800 pt-5">
        <Button variant="ghost" onClick={() => (uploading ? upload.current?.abort() : onCancel())}>
          {uploading ? 'Cancel upload' : 'Cancel'}
        </Button>
        <Button type="submit" loading={uploading}>
          {uploading ? `Uploading ${Math.round(progress)}%` : 'Share resource'}
        </Button>
      </div>
    </form>
  );
}

interface EditResourceFormProps {
  resource: SharedResource;
  onDone: (resource: SharedResource) => void;
  onCancel: () => void;
}

/** Changes a shared resource's details (its owner, or a moderator). */
export function EditResourceForm({ resource, onDone, onCancel }: EditResourceFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<MetaValues>({
    title: resource.title,
    description: resource.description ?? '',
    type: resource.type,
    tags: resource.tags.join(', '),
    is_public: resource.is_public,
  });
  const [errors, setErrors] = useState<FieldErrors<MetaField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkMeta(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    setPending(true);
    const result = await apiRequest<SharedResource>('PUT', `/resources/${resource.id}`, {
      title: values.title.trim(),
      description: values.description.trim() || null,
      type: values.type,
      tags: splitTags(values.tags),
      is_public: values.is_public,
    });
    setPending(false);
    if (result.ok) return onDone(result.data);
    if (result.code === 'INVALID_INPUT') {
      const { fieldErrors, rest } = mapFieldErrors(result.details, metaFields);
      setErrors(fieldErrors);
      if (rest.length || Object.keys(fieldErrors).length === 0) setFailure(rest.join(' ') || result.message);
      focusFirstInvalid(formRef.current);
    } else {
      setFailure(result.status === 403 ? 'Only its owner or a moderator can change this resource.' : result.message);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title="Your changes were not saved">
          {failure}
        </Alert>
      ) : null}
      <MetaFields
        values={values}
        errors={errors}
        set={(patch) => {
          setValues((v) => ({ ...v, ...patch }));
          setErrors({});
        }}
        disabled={pending}
      />
      <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-800 pt-5">
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" loading={pending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}

const docFields = ['title', 'description', 'file'] as const;
type DocField = (typeof docFields)[number];

interface PublishDocumentFormProps {
  maxBytes: number;
  onDone: (doc: InternalDocument) => void;
  onCancel: () => void;
}

/** Admins publish internal documentation (manuals, tutorials) to every member. */
export function PublishDocumentForm({ maxBytes, onDone, onCancel }: PublishDocumentFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const upload = useRef<UploadHandle<InternalDocument> | null>(null);
  useEffect(() => () => upload.current?.abort(), []);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors<DocField>>({});
  const [failure, setFailure] = useState<{ title: string; detail: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (progress !== null) return;
    const found: FieldErrors<DocField> = {};
    if (!title.trim()) found.title = 'Give the document a title.';
    if (!file) found.file = 'Choose the document to publish.';
    else if (file.size > maxBytes) found.file = oversizeMessage(file, maxBytes);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0 || !file) return focusFirstInvalid(formRef.current);

    const form = new FormData();
    form.append('title', title.trim());
    if (description.trim()) form.append('description', description.trim());
    form.append('file', file, file.name);
    setProgress(0);
    upload.current = uploadWithProgress<InternalDocument>('/resources/internal', form, ({ loaded, total }) =>
      setProgress(total > 0 ? (loaded / total) * 100 : 0),
    );
    const result = await upload.current.result;
    upload.current = null;
    setProgress(null);
    if (result.ok) return onDone(result.data);
    if (result.code === 'ABORTED') return;
    if (result.code === 'INVALID_INPUT') {
      const { fieldErrors, rest } = mapFieldErrors(result.details, docFields);
      setErrors(fieldErrors);
      if (rest.length || Object.keys(fieldErrors).length === 0) setFailure({ title: 'Not published', detail: rest.join(' ') || result.message });
      focusFirstInvalid(formRef.current);
    } else if (result.status === 403) {
      setFailure({ title: 'Not published', detail: 'Only admins can publish internal documentation.' });
    } else {
      setFailure(uploadError(result, file, maxBytes, INTERNAL_TYPES_TEXT));
    }
  }

  const uploading = progress !== null;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      <FileField
        file={file}
        onFile={(next) => {
          setFile(next);
          setFailure(null);
          setErrors((e) => ({ ...e, file: oversizeMessage(next, maxBytes) }));
          if (next && !title.trim()) setTitle(titleFromFilename(next.name));
        }}
        error={errors.file}
        accept={INTERNAL_ACCEPT}
        hint={`${INTERNAL_TYPES_TEXT}; up to ${formatBytes(maxBytes)}.`}
        disabled={uploading}
      />
      <FormField label="Title" name="title" error={errors.title}>
        {(field) => (
          <Input
            {...field}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              setErrors((x) => ({ ...x, title: undefined }));
            }}
            maxLength={200}
            disabled={uploading}
          />
        )}
      </FormField>
      <FormField label="Description" name="description" error={errors.description} optional>
        {(field) => (
          <Textarea {...field} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} disabled={uploading} />
        )}
      </FormField>
      {uploading ? <ProgressBar value={progress} label={`Uploading ${file?.name ?? 'document'}`} /> : null}
      <div className="flex flex-wrap justify-end gap-2 border-t border-zinc-800 pt-5">
        <Button variant="ghost" onClick={() => (uploading ? upload.current?.abort() : onCancel())}>
          {uploading ? 'Cancel upload' : 'Cancel'}
        </Button>
        <Button type="submit" loading={uploading}>
          {uploading ? `Uploading ${Math.round(progress)}%` : 'Publish document'}
        </Button>
      </div>
    </form>
  );
}
