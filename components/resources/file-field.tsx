'use client';

import { clsx } from 'clsx';
import { CircleAlert, FileCheck, X } from 'lucide-react';
import { Dropzone } from '@/components/gear/dropzone';
import { formatBytes } from '@/components/gear/format';

interface FileFieldProps {
  file: File | null;
  onFile: (file: File | null) => void;
  error?: string | null;
  accept?: string;
  hint: string;
  disabled?: boolean;
  /** Also names the picker button: "Choose a file". */
  label?: string;
}

/** One file for a form: dropped or picked, then shown with its size and a way to remove it. */
export function FileField({ file, onFile, error, accept, hint, disabled, label = 'File' }: FileFieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm font-medium text-zinc-200">{label}</span>
      {file ? (
        <div
          className={clsx(
            'flex items-center gap-3 rounded-xl border px-4 py-3',
            error ? 'border-red-400/50 bg-red-500/5' : 'border-zinc-700 bg-zinc-950/40',
          )}
        >
          <FileCheck className="size-5 shrink-0 text-violet-300" aria-hidden="true" />
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-zinc-100">{file.name}</p>
            <p className="text-xs text-zinc-400">{formatBytes(file.size)}</p>
          </div>
          <button
            type="button"
            onClick={() => onFile(null)}
            disabled={disabled}
            aria-label={`Remove ${file.name}`}
            className="-m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 disabled:opacity-50"
          >
            <X className="size-4" aria-hidden="true" />
          </button>
        </div>
      ) : (
        <Dropzone
          onFiles={(files) => onFile(files[0] ?? null)}
          accept={accept}
          disabled={disabled}
          buttonLabel="Choose a file"
          title="Drag and drop a file here"
          hint={hint}
          compact
        />
      )}
      {error ? (
        <p role="alert" className="flex items-start gap-1.5 text-sm text-red-300">
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
