'use client';

import { clsx } from 'clsx';
import { Camera, ImageUp } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { uploadWithProgress } from '@/components/gear/api';
import { uploadError } from '@/components/gear/upload-errors';
import { ProgressBar } from '@/components/gear/progress-bar';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

/** The API's limit for avatars (POST /users/me/avatar). */
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;
const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];
const ACCEPTED_TEXT = 'PNG, JPEG or WebP';

interface AvatarUploadProps {
  name: string;
  src: string | null;
  actions?: React.ReactNode;
}

/**
 * The profile photo with its own upload: the "Change photo" button opens the file picker, or an
 * image is dropped on the photo. The new picture shows at once (a local preview) with the upload's
 * progress; once stored, the page refreshes so the top bar shows it too.
 */
export function AvatarUpload({ name, src, actions }: AvatarUploadProps) {
  const router = useRouter();
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ title: string; detail: string } | null>(null);
  // The local preview stays until the page shows the stored image (its src changes).
  const [preview, setPreview] = useState<{ url: string; over: string | null } | null>(null);
  const uploading = progress !== null;
  const shown = preview && (uploading || preview.over === src) ? preview.url : src;

  useEffect(() => {
    if (!preview) return;
    const url = preview.url;
    return () => URL.revokeObjectURL(url);
  }, [preview]);

  async function upload(file: File) {
    setError(null);
    if (file.type && !ACCEPTED.includes(file.type)) {
      setError({ title: `${file.name} is not a supported image`, detail: `Use a ${ACCEPTED_TEXT} image.` });
      return;
    }
    if (file.size > MAX_AVATAR_BYTES) {
      setError(uploadError({ status: 413, code: 'FILE_TOO_LARGE', message: '' }, file, MAX_AVATAR_BYTES));
      return;
    }
    setPreview({ url: URL.createObjectURL(file), over: src });
    setProgress(0);
    const form = new FormData();
    form.append('file', file, file.name);
    const { result } = uploadWithProgress<{ avatar: string }>('/users/me/avatar', form, ({ loaded, total }) =>
      setProgress(total > 0 ? (loaded / total) * 100 : 0),
    );
    const outcome = await result;
    setProgress(null);
    if (!outcome.ok) {
      setPreview(null);
      setError(uploadError(outcome, file, MAX_AVATAR_BYTES, `${ACCEPTED_TEXT} images`));
      return;
    }
    toast({ title: 'Profile photo updated' });
    router.refresh();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !uploading) void upload(file);
  }

  return (
    <div className="-mt-12 flex flex-col gap-3">
      <div className="flex items-end justify-between gap-4">
        <div
          className="relative"
          onDragOver={(e) => {
            if (uploading || !Array.from(e.dataTransfer.types).includes('Files')) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <Avatar
            name={name}
            src={shown}
            size="xl"
            className={clsx('ring-4 ring-zinc-900 transition-opacity', uploading && 'opacity-70', over && 'ring-violet-400')}
          />
          {over ? (
            <span className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-full bg-violet-950/70 text-violet-100">
              <ImageUp className="size-7" aria-hidden="true" />
            </span>
          ) : null}
          <button
            type="button"
            onClick={() => inputRef.current?.click()}
            disabled={uploading}
            // A pointer shortcut; "Change photo" is the control for keyboards and screen readers.
            tabIndex={-1}
            aria-hidden="true"
            title="Change profile photo"
            className="absolute right-0 bottom-0 inline-flex size-9 items-center justify-center rounded-full border-2 border-zinc-900 bg-violet-600 text-white shadow-lg transition-colors hover:bg-violet-500 disabled:opacity-60"
          >
            <Camera className="size-4" aria-hidden="true" />
          </button>
        </div>
        <div className="flex flex-wrap justify-end gap-2 pb-1">
          <Button variant="secondary" size="sm" onClick={() => inputRef.current?.click()} loading={uploading}>
            {uploading ? 'Uploading…' : 'Change photo'}
          </Button>
          {actions}
        </div>
        <input
          ref={inputRef}
          type="file"
          accept={ACCEPTED.join(',')}
          tabIndex={-1}
          aria-hidden="true"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
      </div>
      {uploading ? <ProgressBar value={progress} label="Uploading profile photo" /> : null}
      {error ? (
        <Alert tone="error" title={error.title}>
          {error.detail}
        </Alert>
      ) : (
        <p className="text-xs text-zinc-400">
          {ACCEPTED_TEXT}, up to 5 MB. You can also drop an image on your photo.
        </p>
      )}
    </div>
  );
}
