'use client';

import { clsx } from 'clsx';
import { Upload } from 'lucide-react';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

interface DropzoneProps {
  onFiles: (files: File[]) => void;
  /** The file input's accept attribute: what the picker offers. */
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** The picker button's text, also the file input's accessible name. */
  buttonLabel: string;
  title: string;
  hint?: ReactNode;
  compact?: boolean;
  className?: string;
}

/** Whether a drag carries files (not text or a link dragged from the page). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Drop files here, or pick them with the button: the keyboard and screen-reader path is the
 * button (a real file input behind it); dragging is the shortcut.
 */
export function Dropzone({ onFiles, accept, multiple = false, disabled = false, buttonLabel, title, hint, compact, className }: DropzoneProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const depth = useRef(0);
  const [over, setOver] = useState(false);

  function take(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    onFiles(multiple ? files : files.slice(0, 1));
  }

  return (
    <div
      onDragEnter={(e) => {
        if (disabled || !carriesFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (disabled || !carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (disabled || !carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        take(e.dataTransfer.files);
      }}
      className={clsx(
        'flex flex-col items-center justify-center gap-3 rounded-2xl border-2 border-dashed text-center transition-colors',
        compact ? 'px-4 py-5' : 'px-6 py-8',
        over ? 'border-violet-400 bg-violet-500/10' : 'border-zinc-700/80 bg-zinc-950/30',
        disabled && 'opacity-60',
        className,
      )}
    >
      <span
        className={clsx(
          'inline-flex size-11 items-center justify-center rounded-xl ring-1 transition-colors',
          over ? 'bg-violet-500/20 text-violet-200 ring-violet-400/40' : 'bg-zinc-900 text-zinc-400 ring-zinc-700',
        )}
        aria-hidden="true"
      >
        <Upload className="size-5" />
      </span>
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-zinc-100">{over ? 'Drop to upload' : title}</p>
        {hint ? <div className="text-xs text-zinc-400">{hint}</div> : null}
      </div>
      <Button variant="secondary" size="sm" disabled={disabled} onClick={() => inputRef.current?.click()}>
        {buttonLabel}
      </Button>
      <input
        ref={inputRef}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        tabIndex={-1}
        // The button above is the accessible control; the input only opens the picker.
        aria-hidden="true"
        className="sr-only"
        onChange={(e) => {
          take(e.target.files);
          // Picking the same file again should upload it again.
          e.target.value = '';
        }}
      />
    </div>
  );
}
