import { clsx } from 'clsx';
import type { InputHTMLAttributes, Ref } from 'react';

/** Shared by Input, Textarea and Select so every control looks and focuses the same. */
export const controlClasses =
  'block w-full rounded-lg border border-zinc-700 bg-zinc-900 px-3 text-sm text-zinc-100 shadow-sm transition-colors ' +
  'placeholder:text-zinc-500 hover:border-zinc-600 ' +
  'focus-visible:border-violet-400 focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-violet-400/40 ' +
  'aria-invalid:border-red-400 aria-invalid:focus-visible:ring-red-400/40 ' +
  'disabled:cursor-not-allowed disabled:opacity-60 read-only:bg-zinc-900/50';

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
}

export function Input({ className, type = 'text', ...props }: InputProps) {
  return <input type={type} className={clsx(controlClasses, 'h-10', className)} {...props} />;
}
