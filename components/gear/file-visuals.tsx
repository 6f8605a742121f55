import { BookOpen, File, FileImage, FileText, Music, Receipt, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { FileType } from './types';

const icons: Record<FileType, LucideIcon> = {
  manual: BookOpen,
  warranty: ShieldCheck,
  invoice: Receipt,
  image: FileImage,
  document: FileText,
  other: File,
};

const colours: Record<FileType, string> = {
  manual: 'bg-violet-500/15 text-violet-200 ring-violet-400/25',
  warranty: 'bg-emerald-500/10 text-emerald-200 ring-emerald-400/25',
  invoice: 'bg-amber-500/10 text-amber-200 ring-amber-400/25',
  image: 'bg-sky-500/10 text-sky-200 ring-sky-400/25',
  document: 'bg-zinc-800 text-zinc-200 ring-zinc-600',
  other: 'bg-zinc-800 text-zinc-300 ring-zinc-700',
};

/** The icon of a document by its type (an audio "other" file gets a note). */
export function FileTypeIcon({ type, mimeType, className }: { type: FileType; mimeType?: string; className?: string }) {
  const Icon = type === 'other' && mimeType?.startsWith('audio/') ? Music : icons[type];
  return (
    <span
      className={`inline-flex size-10 shrink-0 items-center justify-center rounded-xl ring-1 ${colours[type]} ${className ?? ''}`}
      aria-hidden="true"
    >
      <Icon className="size-5" />
    </span>
  );
}

export function isPreviewable(mimeType: string): 'image' | 'pdf' | null {
  if (mimeType === 'application/pdf') return 'pdf';
  if (/^image\/(png|jpeg|webp|gif)$/.test(mimeType)) return 'image';
  return null;
}
